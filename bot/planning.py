"""Glue between a stored profile and the pure planning rules in ``content``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from content.legdays import LegDayPlan, plan_leg_days
from content.model import Level
from content.schedule import upcoming_leg_days
from storage.runners import RunnerProfile


@dataclass(frozen=True, slots=True)
class PlanView:
    """A runner's weekly leg days and their next leg-day instants (local, in their zone)."""

    plan: LegDayPlan
    upcoming: tuple[datetime, ...]


def leg_day_plan(profile: RunnerProfile) -> LegDayPlan:
    return plan_leg_days(profile.running_days, profile.hard_days, profile.level or Level.BEGINNER)


def plan_view(profile: RunnerProfile, now: datetime, count: int = 1) -> PlanView:
    plan = leg_day_plan(profile)
    upcoming: list[datetime] = []
    if profile.reminder_time is not None and profile.time_zone and plan.days:
        zone = ZoneInfo(profile.time_zone)
        paused_until = profile.paused_until
        instants = upcoming_leg_days(
            now,
            plan.days,
            profile.reminder_time,
            profile.time_zone,
            count=count,
            paused_until=paused_until,
        )
        if not (profile.paused and paused_until is None):
            upcoming = [instant.astimezone(zone) for instant in instants]
    return PlanView(plan=plan, upcoming=tuple(upcoming))


async def next_leg_day(db: AsyncSession, profile: RunnerProfile, now: datetime) -> datetime | None:
    """The next leg day in the runner's local time, as the scheduler will send it.

    Comes from the stored reminders (moves, skips, pauses and the race taper included), so the
    summary card, the session summary and /next always agree.
    """
    from storage.reminders import upcoming

    if not profile.time_zone:
        return None
    days = await upcoming(db, profile, now, count=1)
    return days[0].due_at.astimezone(ZoneInfo(profile.time_zone)) if days else None
