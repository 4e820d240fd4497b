"""/progress as data: per exercise the rung reached and the amount done, session by session,
and per week the sessions done against the plan and the jump contacts.

Everything is read from the logged sets (the truth of what was done), in the runner's zone,
over the last ``CHART_WEEKS`` weeks; weeks run Monday to Sunday. bot/texts turns this into
a chart spec with words, and bot/charts draws it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.flows.plan import leg_day_plan
from content.library import Library
from content.model import Unit
from content.record import (
    CHART_WEEKS,
    jump_contacts,
    week_start,
    weekly_totals,
    weeks_between,
)
from content.session import FIRST, LAST, MIDDLE
from storage import sets
from storage.runners import RunnerProfile
from storage.sets import RungBlock

# Panels follow a session's own order; an exercise's colour is its place here.
EXERCISE_ORDER = (FIRST, *MIDDLE, LAST)


@dataclass(frozen=True, slots=True)
class ExerciseProgress:
    """One exercise over the weeks: ``points`` are (week position, rung number, amount),
    one a week it was done (positions are week indexes plus 0.5, the week's middle)."""

    exercise_id: str
    colour: int
    rung_count: int
    units: tuple[Unit, ...]  # what its amounts count (a ladder may go from reps to holds)
    points: tuple[tuple[float, int, int], ...]


@dataclass(frozen=True, slots=True)
class Progress:
    weeks: tuple[date, ...]  # the Mondays, oldest first
    exercises: tuple[ExerciseProgress, ...]
    sessions: tuple[int, ...]  # per week: sessions with at least one set logged
    planned: int  # leg sessions a week in the runner's current plan
    contacts: tuple[int, ...]  # per week: jump foot contacts
    jump_colour: int


def colour_of(library: Library, exercise_id: str) -> int:
    """An exercise's colour index: its place in a session, then the library's order."""
    if exercise_id in EXERCISE_ORDER:
        return EXERCISE_ORDER.index(exercise_id)
    return len(EXERCISE_ORDER) + library.ids.index(exercise_id)


async def progress(
    db: AsyncSession, library: Library, runner: RunnerProfile, now: datetime
) -> Progress | None:
    """The runner's progress, or None when no set was ever logged in the window."""
    zone: tzinfo = ZoneInfo(runner.time_zone) if runner.time_zone else UTC
    today = now.astimezone(zone).date()
    earliest = week_start(today) - timedelta(weeks=CHART_WEEKS - 1)
    since = datetime.combine(earliest, time(), zone)
    known = frozenset(library.ids)
    blocks = [
        block
        for block in await sets.rung_blocks(db, runner.id, since)
        if block.exercise_id in known
    ]
    if not blocks:
        return None
    session_day: dict[int, date] = {}
    for block in sorted(blocks, key=lambda block: block.first_at):
        session_day.setdefault(block.session_id, block.first_at.astimezone(zone).date())
    weeks = weeks_between(min(session_day.values()), today, most=CHART_WEEKS)
    contacts = [
        (
            block.last_at.astimezone(zone).date(),
            jump_contacts(block.total, block.unit, "each" if block.per_side else None),
        )
        for block in blocks
    ]
    plan = leg_day_plan(runner) if runner.onboarded and runner.running_days else None
    return Progress(
        weeks=tuple(weeks),
        exercises=_exercises(library, blocks, zone, weeks),
        sessions=tuple(weekly_totals(((day, 1) for day in session_day.values()), weeks)),
        planned=len(plan.days) if plan is not None else 0,
        contacts=tuple(weekly_totals(contacts, weeks)),
        jump_colour=colour_of(library, FIRST) if FIRST in known else 0,
    )


def _exercises(
    library: Library, blocks: list[RungBlock], zone: tzinfo, weeks: list[date]
) -> tuple[ExerciseProgress, ...]:
    """Per exercise and week: the rung of the last set logged that week, and the most done
    on that rung that week (a week is one point: a year stays readable on a phone)."""
    reached: dict[str, dict[int, tuple[str, int]]] = {}
    units: dict[str, set[Unit]] = {}
    index = {monday: number for number, monday in enumerate(weeks)}
    for block in blocks:  # in the order they were done
        week = index.get(week_start(block.last_at.astimezone(zone).date()))
        if week is None:
            continue
        by_week = reached.setdefault(block.exercise_id, {})
        rung, most = by_week.get(week, (block.rung_id, 0))
        if rung != block.rung_id:  # moved on: the new rung counts from here
            most = 0
        by_week[week] = (block.rung_id, max(most, block.best))
        units.setdefault(block.exercise_id, set()).add(Unit(block.unit))
    found = []
    for exercise_id, by_week in reached.items():
        exercise = library.get(exercise_id)
        places = {rung.id: number for number, rung in enumerate(exercise.ladder, start=1)}
        points = tuple(
            (week + 0.5, places[rung_id], amount)
            for week, (rung_id, amount) in sorted(by_week.items())
            if rung_id in places  # a rung since taken off the ladder is left out
        )
        if points:
            found.append(
                ExerciseProgress(
                    exercise_id,
                    colour_of(library, exercise_id),
                    len(exercise.ladder),
                    tuple(unit for unit in Unit if unit in units[exercise_id]),
                    points,
                )
            )
    return tuple(sorted(found, key=lambda item: item.colour))
