"""``taps``: one Done press end to end, against a bare PTB handler, in the same run.

Both sides get the same input path (a ChatDriver building a real callback-query Update and
``Application.process_update``) and the same fake Bot API answering at once, so the ratio is
the cost of legcoach's own work per press: loading the runner, the conditional update that
logs the set, the set log row, redrawing the card and the commit.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import update
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, ContextTypes

from bench.common import database, machine
from bot.app import build_application
from bot.clock import ManualClock
from bot.config import Settings
from bot.offline import ChatDriver, FakeBotApi
from storage.base import Base
from storage.db import create_engine
from storage.models import SessionItem

TOKEN = "123456:BENCH-token-not-a-real-one-xyz"


async def _bare_rate(presses: int) -> float:
    api = FakeBotApi()

    async def on_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        count = int(query.data or "0") + 1
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("Done", callback_data=str(count))]])
        await query.edit_message_text(f"Set {count}", reply_markup=markup)

    application = ApplicationBuilder().token(TOKEN).request(api).get_updates_request(api).build()
    application.add_handler(CallbackQueryHandler(on_press))
    async with application:
        driver = ChatDriver(application, api, 42)
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("Done", callback_data="0")]])
        await application.bot.send_message(42, "Set 0", reply_markup=markup)
        for _ in range(50):
            await driver.press("Done")
        started = time.perf_counter()
        for _ in range(presses):
            await driver.press("Done")
        return presses / (time.perf_counter() - started)


async def _legcoach_rate(url: str, presses: int) -> float:
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    clock = ManualClock(datetime(2026, 11, 25, 8, 0, tzinfo=UTC))
    api = FakeBotApi(now=lambda: clock.now().timestamp())
    settings = Settings(database_url=url, _env_file=None)  # type: ignore[call-arg]
    application = build_application(
        settings,
        request=api,
        updates_request=api,
        clock=clock,
        engine=engine,
        rate_limit=False,
        token=TOKEN,
    )
    async with application:
        driver = ChatDriver(application, api, 42)
        await _onboard(driver)
        await driver.command("workout")
        # one exercise with endless sets, so every press is the steady-state Done path
        async with engine.begin() as connection:
            await connection.execute(update(SessionItem).values(sets=10_000_000))
        for _ in range(50):
            await driver.press("Done")
        started = time.perf_counter()
        for _ in range(presses):
            await driver.press("Done")
        rate = presses / (time.perf_counter() - started)
    await engine.dispose()
    return rate


async def _onboard(driver: ChatDriver) -> None:
    await driver.command("start")
    await driver.press("Beginner")
    await driver.press("None")
    await driver.press("Done")
    await driver.press("Tue")
    await driver.press("Done")
    await driver.press("None")
    await driver.send("07:30")
    await driver.send("Europe/Berlin")
    await driver.press("Yes")


async def run(db: str, quick: bool, argv: list[str]) -> tuple[list[list[Any]], dict[str, Any]]:
    presses = 300 if quick else 3000
    bare = await _bare_rate(presses)
    async with database(db) as url:
        taps = await _legcoach_rate(url, presses)
    bare_again = await _bare_rate(presses)  # bracket the measured run: the machine is shared
    bare = (bare + bare_again) / 2
    ratio = bare / taps
    rows = [
        ["what", "presses/s", "presses"],
        ["bare PTB handler", bare, presses],
        [f"legcoach Done ({db})", taps, presses],
        ["ratio bare/legcoach", ratio, ""],
        [machine(), "", ""],
    ]
    return rows, {
        "taps_per_s": round(taps, 1),
        "bare_per_s": round(bare, 1),
        "ratio": round(ratio, 2),
        "db": db,
    }
