"""The plan card: the runner's profile, the leg days the rules chose, and the next one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.flows.plan import leg_day_plan, next_leg_day, replan
from content.legdays import LegDayPlan
from storage.runners import RunnerProfile


@dataclass(frozen=True, slots=True)
class PlanCard:
    runner: RunnerProfile
    plan: LegDayPlan
    next_leg_day: datetime | None


async def plan_card(db: AsyncSession, runner: RunnerProfile, now: datetime) -> PlanCard:
    """The plan as it stands after bringing the stored reminders in step with the profile
    (every profile change and /start come through here)."""
    runner = await replan(db, runner, now)
    return PlanCard(runner, leg_day_plan(runner), await next_leg_day(db, runner, now))
