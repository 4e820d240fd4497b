"""Session planning: which exercises, in what order, at what dose. Pure functions.

The order follows how fatigue works: jumps come first, while the legs are fresh and landings
are crisp; heavy two-leg and single-leg strength work next; calf raises last, because tired
calves are safe to finish off but poor at absorbing landings. A beginner's session is kept
to about 25 minutes, rests included, so it fits beside a running week.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from content.ladder import ProgressionState, prescription, start_progression, usable_rung
from content.library import Library
from content.model import Equipment, Level, Prescription, Unit
from content.rest import rest_for
from content.warmup import Warmup, warmup_for

FIRST = "squat_jump"
LAST = "calf_raise"
# Strength work between the jumps and the calves, in the order it is done.
MIDDLE = ("squat", "moving_lunge", "single_leg_deadlift", "side_lunge", "single_leg_bridge")
MIDDLE_COUNT = {Level.BEGINNER: 3, Level.INTERMEDIATE: 4, Level.ADVANCED: 5}
SECONDS_PER_REP = 2.5
SECONDS_PER_CONTACT = 2.0
SIDE_SWITCH_SECONDS = 10
TRANSITION_SECONDS = 30


@dataclass(frozen=True, slots=True)
class SessionPlan:
    """A session ready to store: the warm-up, the exercises in order, and its length."""

    warmup: Warmup
    items: tuple[Prescription, ...]
    minutes: int
    light: bool = False


def choose_exercises(
    level: Level,
    session_number: int,
    *,
    light: bool = False,
    avoid: Collection[str] = (),
) -> list[str]:
    """The exercise ids of one session, in the order they are done.

    Levels with fewer slots rotate through the strength exercises session by session, so every
    exercise comes round within a week or two. ``avoid`` (a sore area's exercises, the one
    that hurt) rotates through what is left the same way: a gentle session is never longer
    than the usual one.
    """
    count = MIDDLE_COUNT[level]
    if light:
        count = min(count, 3)
    available = [exercise_id for exercise_id in MIDDLE if exercise_id not in avoid]
    count = min(count, len(available))
    start = (session_number * count) % len(available) if available else 0
    picked = {available[(start + offset) % len(available)] for offset in range(count)}
    middle = [exercise_id for exercise_id in available if exercise_id in picked]
    first = [] if light or FIRST in avoid else [FIRST]
    last = [] if LAST in avoid else [LAST]
    return first + middle + last


def outline(
    level: Level,
    session_number: int,
    *,
    light: bool = False,
    avoid: Collection[str] = (),
    spare: Collection[str] = (),
) -> tuple[tuple[str, ...], Warmup]:
    """A session's exercises, in order, and its warm-up: what ``plan_session`` plans,
    known before the runner's ladders are read (neither depends on them)."""
    exercises = tuple(choose_exercises(level, session_number, light=light, avoid=avoid))
    return exercises, warmup_for(exercises, spare)


def plan_session(
    library: Library,
    level: Level,
    equipment: Collection[Equipment],
    states: Mapping[str, ProgressionState],
    *,
    session_number: int = 0,
    light: bool = False,
    avoid: Collection[str] = (),
    spare: Collection[str] = (),
) -> SessionPlan:
    """Plan a session from the runner's level, kit and where they stand on each ladder.

    An exercise the runner has never done starts one rung below their level; one with a stored
    state continues at its rung, target reps and sets (or the nearest rung their kit still
    allows). A light session (race taper) drops the jumps and does two sets of each.
    ``avoid`` leaves exercises out; ``spare`` names sore areas the warm-up leaves alone.
    """
    exercises, warmup = outline(level, session_number, light=light, avoid=avoid, spare=spare)
    items: list[Prescription] = []
    for exercise_id in exercises:
        exercise = library.get(exercise_id)
        state = states.get(exercise_id) or start_progression(exercise, level, equipment)
        rung = usable_rung(exercise, state.rung_id, equipment)
        sets = state.sets if rung.id == state.rung_id else None
        dose = prescription(exercise, rung, state.reps, sets)
        if light:
            dose = Prescription(
                dose.exercise_id,
                dose.rung_id,
                min(dose.sets, 2),
                dose.reps,
                dose.unit,
                dose.per_side,
            )
        items.append(dose)
    return SessionPlan(
        warmup=warmup,
        items=tuple(items),
        minutes=estimate_minutes(library, items, warmup, level),
        light=light,
    )


def work_seconds(count: int, unit: Unit, per_side: bool) -> float:
    """About how long one set is under work: reps at a steady tempo, jumps, or the hold."""
    if unit is Unit.SECONDS:
        work = float(count)
    elif unit is Unit.CONTACTS:
        work = count * SECONDS_PER_CONTACT
    else:
        work = count * SECONDS_PER_REP
    return work * 2 + SIDE_SWITCH_SECONDS if per_side else work


def estimate_minutes(
    library: Library,
    items: Collection[Prescription],
    warmup: Warmup,
    level: Level | None = None,
) -> int:
    """About how long the session takes: warm-up, work, the rests between sets (by exercise
    kind, content.rest) and the moves between exercises."""
    seconds = warmup.minutes * 60.0
    for item in items:
        rung = library.get(item.exercise_id).rung(item.rung_id)
        rest = rest_for(rung, level).timer if rung is not None else 75
        seconds += item.sets * work_seconds(item.reps, item.unit, item.per_side)
        seconds += (item.sets - 1) * rest + TRANSITION_SECONDS
    return round(seconds / 60)


def fewer_options(target: int, unit: Unit) -> tuple[int, ...]:
    """What a set that fell short may have counted, most first: every count below the target
    (seconds in fives), at most a dozen of them."""
    step = 5 if unit is Unit.SECONDS else 1
    below = range(target - step, 0, -step)
    return tuple(below)[:12]
