"""The real ``legcoach run`` process in long-polling mode, over HTTP (issue 7).

One runner's story: onboarding, a whole session with a Harder press, a how-to question, a
leg-day reminder arriving at its time, then a SIGKILL mid-session and a Done press, after the
restart, on a card sent before it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select, update

from bot.offline.http import BotApiServer
from storage.db import create_engine, create_sessionmaker
from storage.models import LegSession, ProgressionEvent, Reminder, Runner, SetLog
from tests.e2e.helpers import (
    STARTUP_TIMEOUT,
    TOKEN,
    BotProcess,
    HttpRunner,
    JSONDict,
    bot_environment,
    onboard,
    wait_for,
)

USER_ID = 5550001


class Database:
    """The bot's SQLite file, read and written by the test as a second client."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)
        self.sessions = create_sessionmaker(self.engine)

    async def count(self, model: type) -> int:
        async with self.sessions() as db:
            return int(await db.scalar(select(func.count()).select_from(model)) or 0)

    async def make_next_leg_day_due(self, at: datetime) -> None:
        """Move the runner's pending leg day to ``at``: the database is the source of truth."""
        async with self.sessions() as db:
            runner_id = await db.scalar(
                select(Runner.id).where(Runner.telegram_user_id == USER_ID)
            )
            result = await db.execute(
                update(Reminder)
                .where(
                    Reminder.runner_id == runner_id,
                    Reminder.status == "pending",
                    Reminder.kind == "leg_day",  # (not the weekly recap)
                )
                .values(due_at=at)
            )
            await db.commit()
        assert result.rowcount >= 1, "onboarding planned no leg day"  # type: ignore[attr-defined]

    async def reminder_statuses(self) -> list[str]:
        async with self.sessions() as db:
            return list(await db.scalars(select(Reminder.status)))


async def test_a_runner_over_http_through_a_crash(
    telegram: BotApiServer, tmp_path: Path, pictures_dir: Path
) -> None:
    api = telegram.api
    url = f"sqlite+aiosqlite:///{tmp_path}/legcoach.db"
    env = bot_environment(
        TELEGRAM_API_BASE_URL=telegram.base_url,
        DATABASE_URL=url,
        PICTURES_DIR=str(pictures_dir),
        SCHEDULER_TICK_SECONDS="1",
    )
    bot = BotProcess(env, tmp_path, tmp_path / "bot.log")
    database = Database(url)

    async def push(update: JSONDict) -> None:
        api.push_update(update)

    runner = HttpRunner(api, push, USER_ID)
    try:
        await bot.start()
        await wait_for(
            lambda: bool(api.calls_to("deleteWebhook")) or not bot.running,
            within=STARTUP_TIMEOUT,
            what="the bot to start polling",
        )
        assert bot.running, bot.log()
        assert api.calls_to("getMe") and api.calls_to("setMyCommands")

        await onboard(runner)

        # a whole session, with one Harder press
        await runner.send("/workout")
        assert runner.last_text.startswith("1/5"), runner.texts()
        await runner.press("Harder")
        assert "Harder: now" in runner.last_text
        for _ in range(40):
            if "Summary" in runner.last_text:
                break
            await runner.press("Just right" if "How did it feel?" in runner.last_text else "Done")
        assert "Summary" in runner.last_text and "Next leg day:" in runner.last_text
        assert await database.count(SetLog) >= 15
        assert await database.count(ProgressionEvent) >= 1

        # a how-to question in plain words
        await runner.send("how do I do a bridge?")
        assert "bridge" in runner.last_text.lower()

        # the next leg day, due in two seconds, arrives from the scheduler job at its time
        due = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=2)
        await database.make_next_leg_day_due(due)
        await wait_for(
            lambda: any("Leg day, Robin!" in text for text in runner.texts()), what="the leg day"
        )
        leg_day = next(m for m in runner.messages if "Leg day, Robin!" in m.plain_text)
        assert leg_day.date >= int(due.timestamp())
        await runner.settle()
        assert "sent" in await database.reminder_statuses()

        # start it (a second session today asks first, and the runner insists), log a set,
        # then the process dies without any clean-up
        await runner.press("Start", leg_day)
        assert runner.last_text.startswith("You've already done a leg session today.")
        await runner.press("Start anyway")
        assert runner.last_text.startswith("1/5") and "Set 1 of" in runner.last_text
        await runner.press("Done")
        card = runner.keyboard()
        assert "Set 2 of" in card.plain_text
        sets_before = await database.count(SetLog)
        await bot.kill()

        await bot.start()
        edited_before = card.updated_seq
        await runner.press("Done", card)  # a button from before the restart
        assert await database.count(SetLog) == sets_before + 1
        again = api.message(USER_ID, card.message_id)
        assert again is not None and again.updated_seq > edited_before
        assert "Set 3 of" in again.plain_text
        async with database.sessions() as db:
            statuses = list(await db.scalars(select(LegSession.status)))
        assert statuses.count("active") == 1

        assert await bot.terminate() == 0, bot.log()
        assert TOKEN not in bot.log()
    except BaseException:
        print(bot.log()[-5000:])
        raise
    finally:
        await bot.kill()
        await database.engine.dispose()
