"""Session planning: which exercises, in what order, at what dose. Pure functions.

The order follows how fatigue works: jumps come first, while the legs are fresh and landings
are crisp; heavy two-leg and single-leg strength work next; calf raises last, because tired
calves are safe to finish off but poor at absorbing landings. A beginner's session is kept
to about 20 minutes so it fits beside a running week.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from content.ladder import ProgressionState, prescription, start_progression, usable_rung
from content.library import Library
from content.model import Equipment, Level, Prescription, Unit
from content.warmup import Warmup, warmup_for

FIRST = "squat_jump"
LAST = "calf_raise"
# Strength work between the jumps and the calves, in the order it is done.
MIDDLE = ("squat", "moving_lunge", "single_leg_deadlift", "side_lunge", "single_leg_bridge")
MIDDLE_COUNT = {Level.BEGINNER: 3, Level.INTERMEDIATE: 4, Level.ADVANCED: 5}
REST_SECONDS = {Level.BEGINNER: 40, Level.INTERMEDIATE: 60, Level.ADVANCED: 75}
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
    exercise comes round within a week or two. ``avoid`` (a sore area's exercises) gives a
    shorter session of everything else that is left.
    """
    if avoid:
        kept = [FIRST, *MIDDLE, LAST]
        if light:
            kept.remove(FIRST)
        return [exercise_id for exercise_id in kept if exercise_id not in avoid]
    count = MIDDLE_COUNT[level]
    if light:
        count = min(count, 3)
    start = (session_number * count) % len(MIDDLE)
    picked = {MIDDLE[(start + offset) % len(MIDDLE)] for offset in range(count)}
    middle = [exercise_id for exercise_id in MIDDLE if exercise_id in picked]
    return ([] if light else [FIRST]) + middle + [LAST]


def plan_session(
    library: Library,
    level: Level,
    equipment: Collection[Equipment],
    states: Mapping[str, ProgressionState],
    *,
    session_number: int = 0,
    light: bool = False,
    avoid: Collection[str] = (),
) -> SessionPlan:
    """Plan a session from the runner's level, kit and where they stand on each ladder.

    An exercise the runner has never done starts one rung below their level; one with a stored
    state continues at its rung and target reps (or the nearest rung their kit still allows).
    A light session (race taper) drops the jumps and does two sets of each.
    """
    items: list[Prescription] = []
    for exercise_id in choose_exercises(level, session_number, light=light, avoid=avoid):
        exercise = library.get(exercise_id)
        state = states.get(exercise_id) or start_progression(exercise, level, equipment)
        rung = usable_rung(exercise, state.rung_id, equipment)
        dose = prescription(exercise, rung, state.reps)
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
    warmup = warmup_for(tuple(item.exercise_id for item in items))
    return SessionPlan(
        warmup=warmup,
        items=tuple(items),
        minutes=estimate_minutes(items, level, warmup),
        light=light,
    )


def estimate_minutes(items: Collection[Prescription], level: Level, warmup: Warmup) -> int:
    """About how long the session takes: warm-up, work, rests between sets and exercises."""
    seconds = warmup.minutes * 60.0
    for item in items:
        if item.unit is Unit.SECONDS:
            work = float(item.reps)
        elif item.unit is Unit.CONTACTS:
            work = item.reps * SECONDS_PER_CONTACT
        else:
            work = item.reps * SECONDS_PER_REP
        if item.per_side:
            work = work * 2 + SIDE_SWITCH_SECONDS
        seconds += item.sets * work + (item.sets - 1) * REST_SECONDS[level]
        seconds += TRANSITION_SECONDS
    return round(seconds / 60)
