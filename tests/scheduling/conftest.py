"""Helpers for scheduling tests: virtual time for the limiter, dispatchers, stored state, and
a runner's leg days walked through the real Application (``LegDays``)."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import services_of
from bot.dispatch.dispatcher import Dispatcher, build_dispatcher
from bot.flows import plan as planning
from bot.offline import ChatDriver
from content.ladder import ProgressionState
from content.reminders import ReminderKind, ReminderStatus, StoredReminder
from storage import progressions, reminders, runners
from storage.models import LegSession, SessionItem
from storage.runners import RunnerProfile
from tests.factories import make_runner, onboard
from tests.harness import BotHarness


class VirtualTime:
    """A monotonic clock and a sleep that never sleeps: each sleep moves time to the end of
    that sleep (concurrent sleepers overlap, as real ones would) and is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        target = self.now + seconds
        await asyncio.sleep(0)
        self.now = max(self.now, target)


@pytest.fixture
def vtime() -> VirtualTime:
    return VirtualTime()


def dispatcher(bot: BotHarness, vtime: VirtualTime, **overrides: Any) -> Dispatcher:
    """A dispatcher built as the application builds its own (``services.dispatcher``), on
    the harness's bot, database and clock, with virtual time."""
    options: dict[str, Any] = {"sleep": vtime.sleep, "monotonic": vtime.monotonic}
    options.update(overrides)
    services = services_of(bot.application)
    return build_dispatcher(
        bot.application.bot,
        engine=services.engine,
        sessionmaker=services.sessionmaker,
        clock=services.clock,
        settings=services.settings,
        **options,
    )


async def stored_runner(bot: BotHarness, **overrides: Any) -> RunnerProfile:
    """A set-up runner stored directly, with their reminders planned as /start would. The
    weekly recap is off unless asked for (``weekly_recap=True``): most tests here count the
    leg-day messages, and tests/scheduling/test_recap.py the recaps."""
    overrides.setdefault("weekly_recap", False)
    async with bot.session() as db:
        profile = await make_runner(db, **overrides)
        profile = await planning.replan(db, profile, bot.clock.now())
        await db.commit()
    return profile


async def reminders_of(bot: BotHarness, runner_id: int) -> list[StoredReminder]:
    """A runner's leg-day reminders (leg days, snoozes, moves), oldest first: the weekly
    recap is left out (``recaps_of``)."""
    return [r for r in await all_reminders_of(bot, runner_id) if r.kind != ReminderKind.RECAP]


async def all_reminders_of(bot: BotHarness, runner_id: int) -> list[StoredReminder]:
    async with bot.session() as db:
        return await reminders.for_runner(db, runner_id)


async def recaps_of(bot: BotHarness, runner_id: int) -> list[StoredReminder]:
    """A runner's weekly recaps, oldest first."""
    return [r for r in await all_reminders_of(bot, runner_id) if r.kind == ReminderKind.RECAP]


async def pending_of(bot: BotHarness, runner_id: int) -> list[StoredReminder]:
    return [r for r in await reminders_of(bot, runner_id) if r.status == ReminderStatus.PENDING]


async def profile_of(bot: BotHarness, runner_id: int) -> RunnerProfile:
    async with bot.session() as db:
        profile = await runners.get_runner(db, runner_id)
    assert profile is not None
    return profile


async def runner_id_of(bot: BotHarness, telegram_user_id: int) -> int:
    async with bot.session() as db:
        profile = await runners.find_by_telegram_id(db, telegram_user_id)
    assert profile is not None
    return profile.id


async def replan(db: AsyncSession, profile: RunnerProfile, now: datetime) -> RunnerProfile:
    profile = await planning.replan(db, profile, now)
    await db.commit()
    return profile


class LegDays:
    """One bot, its dispatcher on virtual time, and helpers to walk a runner's weeks."""

    def __init__(self, bot: BotHarness, vtime: VirtualTime) -> None:
        self.bot = bot
        self.dispatch: Dispatcher = dispatcher(bot, vtime)

    async def runner(self, **answers: object) -> tuple[ChatDriver, int]:
        driver = self.bot.runner(first_name="Kim")
        await onboard(driver, **answers)  # type: ignore[arg-type]
        return driver, await runner_id_of(self.bot, driver.user_id)

    async def next_waiting(self, runner_id: int) -> StoredReminder:
        return min(await pending_of(self.bot, runner_id), key=lambda r: r.due_at)

    async def deliver_next(self, runner_id: int, late: timedelta = timedelta(0)) -> StoredReminder:
        """Move the clock to the earliest waiting reminder and tick: it is sent."""
        waiting = await self.next_waiting(runner_id)
        self.bot.clock.set(waiting.due_at + late)
        report = await self.dispatch.tick(self.bot.clock.now())
        assert report.sent == 1, report
        return waiting

    async def tick_until(self, when: datetime) -> int:
        """Tick every 30 minutes up to ``when``; how many reminders went out."""
        sent = 0
        while self.bot.clock.now() < when:
            self.bot.clock.advance(timedelta(minutes=30))
            sent += (await self.dispatch.tick(self.bot.clock.now())).sent
        return sent

    def toast(self) -> str:
        return str(self.bot.api.calls_to("answerCallbackQuery")[-1].params.get("text", ""))

    async def last_session_items(self) -> list[str]:
        async with self.bot.session() as db:
            session_id = await db.scalar(select(LegSession.id).order_by(LegSession.id.desc()))
            rows = await db.scalars(
                select(SessionItem.exercise_id)
                .where(SessionItem.session_id == session_id)
                .order_by(SessionItem.position)
            )
            return list(rows)

    async def last_session(self) -> LegSession:
        async with self.bot.session() as db:
            row = await db.scalar(select(LegSession).order_by(LegSession.id.desc()))
        assert row is not None
        return row

    async def states(self, runner_id: int) -> dict[str, ProgressionState]:
        async with self.bot.session() as db:
            return await progressions.all_states(db, runner_id)


@pytest.fixture
def days(bot: BotHarness, vtime: VirtualTime) -> LegDays:
    """``LegDays`` on SQLite."""
    return LegDays(bot, vtime)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def either_days(request: pytest.FixtureRequest, vtime: VirtualTime) -> LegDays:
    """``LegDays`` on SQLite, and on the real PostgreSQL server."""
    bot = request.getfixturevalue("bot" if request.param == "sqlite" else "pg_bot")
    return LegDays(bot, vtime)
