"""Glue between a stored profile and the pure planning rules in ``content``."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from content.legdays import LegDayPlan, plan_leg_days
from content.model import Level
from storage.reminders import replan_runner, upcoming
from storage.runners import RunnerProfile


def leg_day_plan(profile: RunnerProfile) -> LegDayPlan:
    """The runner's weekly leg days (and the notes on why), by the rules in content.legdays."""
    return plan_leg_days(profile.running_days, profile.hard_days, profile.level or Level.BEGINNER)


async def next_leg_day(db: AsyncSession, profile: RunnerProfile, now: datetime) -> datetime | None:
    """The next leg day in the runner's local time, as the scheduler will send it.

    Comes from the stored reminders (moves, skips, pauses and the race taper included), so the
    summary card, the session summary and /next always agree.
    """
    if not profile.time_zone:
        return None
    days = await upcoming(db, profile, now, count=1)
    return days[0].due_at.astimezone(ZoneInfo(profile.time_zone)) if days else None


async def replan(db: AsyncSession, profile: RunnerProfile, now: datetime) -> RunnerProfile:
    """Recompute the runner's stored reminders after a change (or /start after a block);
    returns the fresh profile (an expired pause is cleared on the way)."""
    return await replan_runner(db, profile, now)
