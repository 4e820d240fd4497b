"""Exactly once on PostgreSQL: two dispatchers (two "processes", each with its own engine)
racing over 1,000 due reminders, and a claim left by a dead process."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import func, insert, select
from telegram import Bot

from bot.clock import ManualClock
from bot.dispatch.dispatcher import Dispatcher
from bot.offline import FakeBotApi
from content.reminders import ReminderKind, ReminderStatus
from storage import claims
from storage.db import create_engine, create_sessionmaker
from storage.models import Reminder, Runner
from tests.factories import onboard
from tests.harness import TEST_TOKEN, BotHarness, create_schema, postgres_database
from tests.scheduling.conftest import VirtualTime, dispatcher, pending_of, runner_id_of

pytestmark = pytest.mark.postgres

COUNT = 1000
NOW = datetime(2026, 11, 30, 6, 31, tzinfo=UTC)  # Monday, a minute after 07:30 in Berlin


async def _seed(url: str) -> None:
    """1,000 runners (leg days Monday and Wednesday), each with a reminder due now."""
    engine = create_engine(url)
    await create_schema(engine)
    async with create_sessionmaker(engine)() as db:
        await db.execute(
            insert(Runner),
            [
                {
                    "telegram_user_id": 50_000 + n,
                    "chat_id": 50_000 + n,
                    "first_name": f"R{n}",
                    "language": "en",
                    "level": "beginner",
                    "equipment": [],
                    "running_days": [1, 3, 5],
                    "hard_days": [5],
                    "reminder_time": time(7, 30),
                    "time_zone": "Europe/Berlin",
                    "draft": {},
                    "onboarded": True,
                    "paused": False,
                    "blocked": False,
                }
                for n in range(COUNT)
            ],
        )
        ids = list(await db.scalars(select(Runner.id).order_by(Runner.id)))
        await db.execute(
            insert(Reminder),
            [
                {
                    "runner_id": runner_id,
                    "kind": ReminderKind.LEG_DAY,
                    "local_date": NOW.date(),
                    "due_at": NOW - timedelta(minutes=1),
                    "status": ReminderStatus.PENDING,
                    "attempts": 0,
                }
                for runner_id in ids
            ],
        )
        await db.commit()
    await engine.dispose()


async def test_two_dispatchers_race_over_1000_due_reminders_each_sent_once() -> None:
    async with postgres_database() as url:
        await _seed(url)
        api = FakeBotApi(now=lambda: NOW.timestamp())
        clock = ManualClock(NOW)
        engines = [create_engine(url), create_engine(url)]
        try:
            async with (
                Bot(TEST_TOKEN, request=api) as bot_a,
                Bot(TEST_TOKEN, request=api) as bot_b,
            ):
                first, second = (
                    Dispatcher(
                        bot,
                        create_sessionmaker(engine),
                        clock=clock,
                        rate_per_second=1000,
                        sleep=time_.sleep,
                        monotonic=time_.monotonic,
                        batch_size=50,
                    )
                    for bot, engine, time_ in zip(
                        (bot_a, bot_b), engines, (VirtualTime(), VirtualTime()), strict=True
                    )
                )
                reports = await asyncio.gather(first.tick(NOW), second.tick(NOW))
                # a later tick by either finds nothing left
                assert (await first.tick(NOW + timedelta(minutes=10))).claimed == 0
        finally:
            for engine in engines:
                await engine.dispose()

        assert sum(r.sent for r in reports) == COUNT
        assert all(r.sent > 0 for r in reports), "both dispatchers should have taken a share"
        per_chat = Counter(call.params["chat_id"] for call in api.calls_to("sendMessage"))
        assert len(per_chat) == COUNT and set(per_chat.values()) == {1}

        engine = create_engine(url)
        async with create_sessionmaker(engine)() as db:
            statuses = dict(
                (
                    await db.execute(
                        select(Reminder.status, func.count()).group_by(Reminder.status)
                    )
                ).all()
            )
        await engine.dispose()
        # each sent once, and each runner's next leg day (Wednesday) planned once, with their
        # first weekly recap
        assert statuses == {ReminderStatus.SENT: COUNT, ReminderStatus.PENDING: 2 * COUNT}


async def test_a_dead_claim_on_postgres_expires_and_is_sent_once(
    pg_bot: BotHarness, vtime: VirtualTime
) -> None:
    runner = pg_bot.runner()
    await onboard(runner)
    await runner.command("settings")
    await runner.press("Weekly recap: on")  # (only the leg day falls due: Sunday has none)
    runner_id = await runner_id_of(pg_bot, runner.user_id)
    (waiting,) = await pending_of(pg_bot, runner_id)
    pg_bot.clock.set(waiting.due_at)
    async with pg_bot.session() as db:
        assert (
            len(await claims.claim_due(db, pg_bot.clock.now(), 5, "dead", timedelta(minutes=5)))
            == 1
        )
        await db.commit()
    await pg_bot.restart()
    dispatch = dispatcher(pg_bot, vtime)
    assert (await dispatch.tick(pg_bot.clock.now())).claimed == 0
    pg_bot.clock.advance(timedelta(minutes=6))
    assert (await dispatch.tick(pg_bot.clock.now())).sent == 1
    assert (await dispatch.tick(pg_bot.clock.now())).claimed == 0
    await runner.press("Snooze 1 h")
    assert "Snoozed" in runner.last_text
    pg_bot.clock.advance(timedelta(hours=1))
    assert (await dispatch.tick(pg_bot.clock.now())).sent == 1
    assert runner.last_text.startswith("Leg session still waiting")
