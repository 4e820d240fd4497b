"""The plan card: the runner's profile, the leg days the rules chose, the next one, and what
else shapes the coming days (a goal race ahead, a pause)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.flows.plan import leg_day_plan, next_leg_day, replan
from content.legdays import LegDayPlan
from content.load import unit_for
from content.model import WeightUnit
from storage import runners
from storage.runners import RunnerProfile


@dataclass(frozen=True, slots=True)
class PlanCard:
    """``race_day`` is the goal race while it is ahead (``days_to_race`` from the runner's
    today, 0 on race day); ``paused_through`` the last paused day of a pause with an end."""

    runner: RunnerProfile
    plan: LegDayPlan
    next_leg_day: datetime | None
    race_day: date | None = None
    days_to_race: int | None = None
    paused: bool = False
    paused_through: date | None = None


async def plan_card(db: AsyncSession, runner: RunnerProfile, now: datetime) -> PlanCard:
    """The plan as it stands after bringing the stored reminders in step with the profile
    (every profile change and /start come through here)."""
    runner = await replan(db, runner, now)
    today = now.astimezone(ZoneInfo(runner.time_zone or "UTC")).date()
    race = runner.race_date if runner.race_date and runner.race_date >= today else None
    return PlanCard(
        runner,
        leg_day_plan(runner),
        await next_leg_day(db, runner, now),
        race_day=race,
        days_to_race=(race - today).days if race else None,
        paused=runner.paused,
        paused_through=runner.paused_until if runner.paused else None,
    )


def weight_unit(runner: RunnerProfile) -> WeightUnit:
    """The unit the runner's dumbbells are counted in: chosen, or from their language."""
    return runner.weight_unit or unit_for(runner.language)


async def toggle_weight_unit(db: AsyncSession, runner: RunnerProfile) -> RunnerProfile:
    """kg to lb and back (dumbbell weights already told keep their own unit)."""
    flipped = WeightUnit.LB if weight_unit(runner) is WeightUnit.KG else WeightUnit.KG
    return await runners.update_runner(db, runner.id, weight_unit=flipped)


async def toggle_rest_timer(db: AsyncSession, runner: RunnerProfile) -> RunnerProfile:
    """The rest timer on or off (on by default)."""
    return await runners.update_runner(db, runner.id, rest_timer=not runner.rest_timer)
