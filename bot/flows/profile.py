"""The plan card: the runner's profile, the leg days the rules chose, the next one, and what
else shapes the coming days (a goal race ahead, a pause)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.flows.plan import leg_day_plan, replan, replanned
from content.calendar import race as race_of
from content.legdays import LegDayPlan
from content.load import unit_for
from content.model import WeightUnit
from content.pain import SoreArea
from content.races import Race, RacePhase, phase
from storage import pain, runners
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
    race: Race | None = None  # the goal race while it shapes what comes, recovery included
    race_phase: RacePhase | None = None
    sore: tuple[SoreArea, ...] = ()  # what sessions spare
    respaced_from: datetime | None = None  # the usual next leg day the spacing moved (local)


async def plan_card(db: AsyncSession, runner: RunnerProfile, now: datetime) -> PlanCard:
    """The plan as it stands after bringing the stored reminders in step with the profile
    (every profile change and /start come through here): a next leg day the spacing rule
    moved (a settings change the evening after a session) says so."""
    plan = await replanned(db, runner, now)
    runner = plan.runner
    zone = ZoneInfo(runner.time_zone or "UTC")
    today = now.astimezone(zone).date()
    goal = race_of(runner)
    stage = phase(goal, today)
    if stage is RacePhase.AFTER:
        goal, stage = None, None
    race_day = goal.day if goal is not None and goal.day >= today else None
    held = plan.held_back(now)
    return PlanCard(
        runner,
        leg_day_plan(runner),
        plan.next_leg_day(now),
        race_day=race_day,
        days_to_race=(race_day - today).days if race_day else None,
        paused=runner.paused,
        paused_through=runner.paused_until if runner.paused else None,
        race=goal,
        race_phase=stage,
        sore=await pain.sore_of(db, runner.id),
        respaced_from=held.usual.due_at.astimezone(zone) if held is not None else None,
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


async def toggle_weekly_recap(
    db: AsyncSession, runner: RunnerProfile, now: datetime
) -> RunnerProfile:
    """The weekly recap on or off (on by default); the pending recap follows at once."""
    runner = await runners.update_runner(db, runner.id, weekly_recap=not runner.weekly_recap)
    return await replan(db, runner, now, fresh=True)
