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


def _card_keyboard(count: int, shape: str) -> InlineKeyboardMarkup:
    def button(label: str, action: str) -> InlineKeyboardButton:
        token = str(count) if action in "df" else ("r0" if action in "he" else "-")
        return InlineKeyboardButton(label, callback_data=f"s:1:{action}:{token}")

    if shape == "minimal":
        return InlineKeyboardMarkup([[InlineKeyboardButton("Done", callback_data=str(count))]])
    return InlineKeyboardMarkup(
        [
            [button("Done ✅", "d"), button("Fewer…", "f")],
            [button("Harder ⬆️", "h"), button("Easier ⬇️", "e")],
            [button("Skip ⏭", "s"), button("How? ❓", "w")],
        ]
    )


# The card a runner sees between two sets, in its shape: its lines, its length (about 240
# characters) and its six buttons in three rows (tests/test_bench_card.py keeps the two in
# step: a baseline drawing a smaller card than the real one would flatter it).
CARD = (
    "<b>1/6 Squat jump</b>\nSquat jump, body weight\n<b>3 x 6 jumps</b>\n"
    "Cue: Land softly and quietly, knees over your toes.\n"
    "Rest now: about 90 s. I'll tell you when to go.\n\n"
    "Set {n} of 3: 6 jumps, then press Done (or Fewer if you did less)."
)


async def _bare_rate(presses: int, shape: str) -> float:
    """A handler that only answers the query and edits the message.

    ``shape="card"`` edits the card the runner sees between sets (HTML text, six buttons), so
    Telegram-object work is equal on both sides; ``"minimal"`` is a one-button plain edit.
    """
    api = FakeBotApi()

    async def on_press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None and query.data is not None
        await query.answer()
        count = int(query.data.rsplit(":", 1)[-1]) + 1
        if shape == "minimal":
            await query.edit_message_text(
                f"Set {count}", reply_markup=_card_keyboard(count, shape)
            )
        else:
            await query.edit_message_text(
                CARD.format(n=count), parse_mode="HTML", reply_markup=_card_keyboard(count, shape)
            )

    application = ApplicationBuilder().token(TOKEN).request(api).get_updates_request(api).build()
    application.add_handler(CallbackQueryHandler(on_press))
    async with application:
        driver = ChatDriver(application, api, 42)
        await application.bot.send_message(42, "Set 0", reply_markup=_card_keyboard(0, shape))
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
    assert application.post_shutdown is not None
    await application.post_shutdown(application)  # gives the held connection back
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
    # Bracket the measured run with the baselines: the machine is shared and noisy.
    card = [await _bare_rate(presses, "card")]
    minimal = [await _bare_rate(presses, "minimal")]
    async with database(db) as url:
        taps = await _legcoach_rate(url, presses)
    card.append(await _bare_rate(presses, "card"))
    minimal.append(await _bare_rate(presses, "minimal"))
    bare, bare_minimal = sum(card) / 2, sum(minimal) / 2
    rows = [
        ["what", "presses/s", "ratio to legcoach"],
        ["bare handler, same card (5 buttons, HTML)", bare, bare / taps],
        ["bare handler, one button, plain text", bare_minimal, bare_minimal / taps],
        [f"legcoach Done press ({db})", taps, 1.0],
        [machine(), "", ""],
    ]
    result = {
        "taps_per_s": round(taps, 1),
        "bare_per_s": round(bare, 1),
        "ratio": round(bare / taps, 2),
        "bare_minimal_per_s": round(bare_minimal, 1),
        "ratio_minimal": round(bare_minimal / taps, 2),
        "db": db,
        "presses": presses,
    }
    return rows, result
