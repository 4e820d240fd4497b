"""Helpers for scheduling tests: virtual time for the limiter, dispatchers, stored state."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.app import services_of
from bot.dispatch.dispatcher import Dispatcher, build_dispatcher
from bot.flows import plan as planning
from content.reminders import ReminderStatus, StoredReminder
from storage import reminders, runners
from storage.runners import RunnerProfile
from tests.factories import make_runner
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
    """A set-up runner stored directly, with their reminders planned as /start would."""
    async with bot.session() as db:
        profile = await make_runner(db, **overrides)
        profile = await planning.replan(db, profile, bot.clock.now())
        await db.commit()
    return profile


async def reminders_of(bot: BotHarness, runner_id: int) -> list[StoredReminder]:
    async with bot.session() as db:
        return await reminders.for_runner(db, runner_id)


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
