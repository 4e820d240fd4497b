"""kill -9 of the real ``legcoach run`` process in the middle of an update (issue 11, point 5).

Two moments, both made exact by a fake Telegram that can hold one call until the test lets
it go (and then drops it, as a dead client's request is):

- while the update is being handled (its reply is on its way): after the restart Telegram
  delivers it again, and it is handled, once;
- after it was handled and committed, before Telegram was told (the next ``getUpdates``):
  after the restart it comes again and is skipped.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from telegram.error import TimedOut
from telegram.request import RequestData

from bot.offline import FakeBotApi
from bot.offline.http import BotApiServer
from storage.db import create_engine, create_sessionmaker
from storage.models import HandledUpdate, Runner
from tests.e2e.helpers import (
    STARTUP_TIMEOUT,
    TOKEN,
    BotProcess,
    HttpRunner,
    JSONDict,
    bot_environment,
    wait_for,
)

USER_ID = 5550020


@dataclass
class Hold:
    """One Bot API call to hold: the first call of ``method`` whose parameters match."""

    method: str
    matches: Callable[[dict[str, Any]], bool]
    reached: asyncio.Event = field(default_factory=asyncio.Event)
    released: asyncio.Event = field(default_factory=asyncio.Event)
    used: bool = False


class HoldingBotApi(FakeBotApi):
    """A fake Telegram that holds chosen calls until released, then drops them unanswered.

    A held call is never applied: the process that made it is dead by the time it is let go.
    """

    def __init__(self) -> None:
        super().__init__()
        self.holds: list[Hold] = []

    def hold(self, method: str, matches: Callable[[dict[str, Any]], bool]) -> Hold:
        hold = Hold(method.lower(), matches)
        self.holds.append(hold)
        return hold

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **kwargs: Any
    ) -> tuple[int, bytes]:
        name = url.rstrip("/").rsplit("/", 1)[-1].lower()
        params = dict(request_data.parameters) if request_data is not None else {}
        for hold in self.holds:
            if not hold.used and hold.method == name and hold.matches(params):
                hold.used = True
                hold.reached.set()
                await hold.released.wait()
                raise TimedOut("held by the test; the caller is gone")
        return await super().do_request(url, method, request_data, **kwargs)


def typed(runner: HttpRunner, text: str) -> JSONDict:
    """What Telegram sends when the runner types ``text`` (no waiting for an answer)."""
    return {
        "message": {
            "message_id": runner.api.allocate_message_id(runner.user_id),
            "date": int(runner.api.now()),
            "chat": dict(runner.chat),
            "from": dict(runner.user),
            "text": text,
        }
    }


async def answer_up_to_the_time_question(runner: HttpRunner) -> None:
    await runner.send("/start")
    await runner.press("Beginner")
    await runner.press("None")
    await runner.press("Done")
    for day in ("Tue", "Thu", "Sat"):
        await runner.press(day)
    await runner.press("Done")
    await runner.press("Sat")
    await runner.press("Done")
    assert "5/6" in runner.last_text, runner.texts()


class Database:
    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)
        self.sessions = create_sessionmaker(self.engine)

    async def reminder_time(self) -> time | None:
        async with self.sessions() as db:
            return await db.scalar(
                select(Runner.reminder_time).where(Runner.telegram_user_id == USER_ID)
            )

    async def handled(self) -> list[int]:
        async with self.sessions() as db:
            return list(await db.scalars(select(HandledUpdate.update_id)))


async def test_kill_9_mid_update_then_restart_handles_it_exactly_once(tmp_path: Path) -> None:
    api = HoldingBotApi()
    url = f"sqlite+aiosqlite:///{tmp_path}/legcoach.db"
    env = bot_environment(DATABASE_URL=url)
    database = Database(url)
    async with BotApiServer(api, token=TOKEN) as telegram:
        env["TELEGRAM_API_BASE_URL"] = telegram.base_url
        bot = BotProcess(env, tmp_path, tmp_path / "bot.log")

        async def push(update: JSONDict) -> None:
            api.push_update(update)

        async def start() -> None:
            polls = len(api.calls_to("deleteWebhook"))
            await bot.start()
            await wait_for(
                lambda: len(api.calls_to("deleteWebhook")) > polls or not bot.running,
                within=STARTUP_TIMEOUT,
                what="the bot to start polling",
            )
            assert bot.running, bot.log()

        runner = HttpRunner(api, push, USER_ID)
        try:
            await start()
            await answer_up_to_the_time_question(runner)

            # 1. Killed while the answer "07:30" is being handled: its reply is held.
            reply = api.hold("sendMessage", lambda params: "6/6" in str(params.get("text")))
            answer = api.push_update(typed(runner, "07:30"))
            await asyncio.wait_for(reply.reached.wait(), STARTUP_TIMEOUT)
            await bot.kill()
            reply.released.set()
            assert not any("6/6" in text for text in runner.texts())
            assert await database.reminder_time() is None  # never committed

            await start()
            await wait_for(lambda: any("6/6" in t for t in runner.texts()), what="the redelivery")
            await runner.settle()
            assert sum("6/6" in text for text in runner.texts()) == 1, runner.texts()
            assert await database.reminder_time() == time(7, 30)
            assert answer in await database.handled()

            # 2. Killed after "Berlin" was handled and committed, before Telegram was told:
            # the getUpdates that would confirm it is held.
            confirm = api.hold("getUpdates", lambda params: params.get("offset", 0) > answer + 1)
            zone = api.push_update(typed(runner, "Berlin"))
            await asyncio.wait_for(confirm.reached.wait(), STARTUP_TIMEOUT)
            await runner.settle()
            assert "Correct?" in runner.last_text
            replies = runner.texts()
            assert zone in await database.handled()
            await bot.kill()
            confirm.released.set()

            await start()
            skipped = f"update {zone} was handled before; skipped"
            await wait_for(lambda: skipped in bot.log(), what="the redelivery to be skipped")
            await runner.settle()
            assert runner.texts() == replies  # not answered twice

            # The runner carries on from what is stored.
            await runner.press("Yes")
            assert "Your plan, Robin" in runner.last_text, runner.texts()
            assert await bot.terminate() == 0, bot.log()
        except BaseException:
            print(bot.log()[-5000:])
            raise
        finally:
            await bot.kill()
            await database.engine.dispose()
