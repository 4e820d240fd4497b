"""Before a session starts: the gate (race, spacing), what it spares, and the comeback.

``prepare`` loads what the rules need (the sore areas, the session a gentle one replaces)
and asks ``content.starts.gate`` whether the session may start; ``come_back`` moves every
ladder one rung lower after a break or a race (``content.races.comeback``, one rung at
most). ``bot.flows.session.begin`` composes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from content.calendar import race
from content.ladder import ProgressionState
from content.library import Library
from content.model import Area, Level
from content.pain import SoreArea, spared_areas
from content.progression import restart_after_break, restart_after_race
from content.races import ComebackKind, Race, comeback
from content.record import SessionKind
from content.session import FIRST, choose_exercises
from content.spacing import local_day
from content.starts import Hold, gate
from storage import pain, progressions, sessiondays, sessions
from storage.enums import EventKind
from storage.runners import RunnerProfile

# A session a pain report ended can be replaced by a gentle one for this long.
REPLACE_WITHIN = timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class StartHold:
    """Why the session did not start, with what the words need: the race, when the
    spacing rule is kept again (local), and the hours since the last session."""

    hold: Hold
    race: Race | None = None
    earliest: datetime | None = None
    hours_since: int = 0
    spared: tuple[Area, ...] = ()
    light: bool = False  # the session confirming would start is the light (or easy) one


@dataclass(frozen=True, slots=True)
class Start:
    """A session that may start: light or not, what it leaves out, what it replaces."""

    light: bool
    avoid: frozenset[str]
    spared: tuple[Area, ...]
    kind: SessionKind
    replaces: int | None = None
    hurt: str | None = None  # the exercise the pain report came on: never in the gentle one


async def prepare(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    now: datetime,
    *,
    light: bool = False,
    confirmed: bool = False,
    replaces: int | None = None,
    also_spare: frozenset[Area] = frozenset(),
    sore: tuple[SoreArea, ...] | None = None,
) -> Start | StartHold:
    """What kind of session may start now, or why none does (``sore``: the runner's sore
    areas when the caller read them already)."""
    zone = runner.time_zone or "UTC"
    if sore is None:
        sore = await pain.sore_of(db, runner.id)
    spared = spared_areas([*(item.area for item in sore), *also_spare])
    hurt = await _replaced_exercise(db, runner, replaces, now) if replaces is not None else None
    replacing = hurt is not None
    goal = race(runner)
    decision = gate(
        race=goal,
        last_end=runner.last_session_at,
        now=now,
        zone=zone,
        light=light,
        confirmed=confirmed,
        replacing=replacing,
    )
    ordered = tuple(area for area in Area if area in spared)
    if decision.hold is not None:
        wait = decision.wait
        return StartHold(
            decision.hold,
            goal,
            wait.earliest.astimezone(ZoneInfo(zone)) if wait is not None else None,
            wait.hours_since if wait is not None else 0,
            ordered,
            decision.light,
        )
    avoid = library.loading(spared)
    if replacing:
        assert hurt is not None
        avoid |= {hurt, FIRST}  # gentle: no jumps, and never what hurt
    level = runner.level or Level.BEGINNER
    if avoid and not choose_exercises(level, 0, light=decision.light, avoid=avoid):
        return StartHold(Hold.ALL_SPARED, goal, spared=ordered)
    kind = SessionKind.LIGHT if decision.light else SessionKind.NORMAL
    if avoid:
        kind = SessionKind.GENTLE
    return Start(decision.light, avoid, ordered, kind, replaces if replacing else None, hurt)


async def _replaced_exercise(
    db: AsyncSession, runner: RunnerProfile, session_id: int, now: datetime
) -> str | None:
    """The exercise that hurt in a session a pain report ended (its current card), when a
    gentle session may still replace it: the runner's, ended lately, not replaced yet."""
    ended = await sessions.load(db, session_id)
    if ended is None or ended.runner_id != runner.id or ended.finished_at is None:
        return None
    if now - ended.finished_at > REPLACE_WITHIN or await sessiondays.replaced(db, session_id):
        return None
    current = ended.current or (ended.items[-1] if ended.items else None)
    return current.exercise_id if current is not None else None


async def come_back(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    now: datetime,
    states: dict[str, ProgressionState],
) -> tuple[tuple[ComebackKind, int] | None, dict[str, ProgressionState]]:
    """After a race's recovery days, or two weeks or more off (the race's taper and recovery
    not counted), every ladder restarts one rung lower: the kind and the days off (None
    when not), and the runner's states (``states``, as read) after it."""
    last = runner.last_session_at
    if last is None or not states:
        return None, states
    zone = runner.time_zone or "UTC"
    back = comeback(local_day(last, zone), local_day(now, zone), race(runner), (now - last).days)
    if back is None:
        return None, states
    restart = restart_after_race if back.kind is ComebackKind.RACE else restart_after_break
    restarted = dict(states)
    events: list[progressions.Event] = []
    for exercise_id, state in states.items():
        if exercise_id not in library.ids:
            continue
        new_state, change = restart(
            library.get(exercise_id), state, back.days_off, runner.owned_equipment
        )
        restarted[exercise_id] = new_state
        if change is not None:
            events.append(progressions.Event(exercise_id, EventKind.RESTART, change))
    await progressions.save_states(
        db,
        runner.id,
        [restarted[exercise_id] for exercise_id in states if exercise_id in library.ids],
    )
    await progressions.record_many(db, runner.id, events)
    return (back.kind, back.days_off), restarted
