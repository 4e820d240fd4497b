"""Progression on what happened: double progression, effort, struggles, load. Pure functions.

COACHING.md. Work within a rep range; every set at the target (and the effort not Hard) raises
the target; every set at the top of the range in two sessions running steps up to the next rung
with reps back at the bottom of its range. Progress runs on reps done and effort, not on taps:

* a set short of the target, or an exercise that felt Hard, is data, not failure: two such
  sessions running on the same rung lower the target, and at the floor of the range move a
  rung down;
* Easy in two sessions running moves faster: the target climbs two at once, or at the top of
  the range the next rung comes at once (jumps excepted: their volume rises slowly);
* on the top rung with dumbbells, every set at the top of the range asks for about 5-10% more
  weight instead of stopping;
* a dose eased below the first rung's range (Easier there) climbs back one step per good
  session, reps first, then sets.

A break of two weeks or more restarts one rung lower. Each function returns the new state and a
:class:`~content.ladder.ProgressionChange` (a reason code and its numbers) or None when there is
nothing to tell the runner.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Final

from content import load
from content.ladder import (
    SMALL_STEP,
    ChangeKind,
    ChangeReason,
    ProgressionChange,
    ProgressionState,
    rep_floor,
    step_down,
    step_up,
    usable_rung,
)
from content.model import Effort, Equipment, Exercise, Rung, Unit, WeightUnit

# Sessions running with every set at the top of the range before the rung changes.
TOP_SESSIONS_TO_STEP_UP: Final = 2
# Sessions running short of the target (or Hard) before the target comes down.
STRUGGLES_TO_EASE: Final = 2
# Sessions running that felt Easy before progress speeds up.
EASY_SESSIONS_TO_SPEED_UP: Final = 2

# Days without a session after which the runner restarts one rung lower.
BREAK_DAYS: Final = 14

# Sessions running with every set at the target before jump volume rises. Jumps add one
# contact per set at a time, and only every second clean session, which keeps the rise near
# the 10-20% a week in COACHING.md at two sessions a week (3 x 6 -> 3 x 7 is +17%).
_CLEAN_SESSIONS_TO_ADD_CONTACTS: Final = 2

# (smallest, largest) raise of the target after a complete session, by unit. A runner who beat
# the target by a margin may climb by up to the larger step; the smaller is the minimum.
_TARGET_STEPS: Final[dict[Unit, tuple[int, int]]] = {
    Unit.REPS: (1, 2),
    Unit.SECONDS: (5, 10),
    Unit.CONTACTS: (1, 1),
}


def after_session(
    exercise: Exercise,
    state: ProgressionState,
    sets_done: Sequence[int],
    equipment: Collection[Equipment],
    effort: Effort = Effort.RIGHT,
) -> tuple[ProgressionState, ProgressionChange | None]:
    """The next session's target from what was done in this one (COACHING.md).

    ``sets_done`` holds what the runner achieved in each set, in the rung's unit (fewer reps
    when they said so); sets beyond the prescribed number are ignored. ``effort`` is how the
    exercise felt (an unanswered question counts as Just right).

    If the state's rung is no longer open (the runner lost the kit), the session is taken to
    have been done on the usable rung below it, since that is what they were prescribed.
    """
    if state.exercise_id != exercise.id:
        raise ValueError(f"state is for {state.exercise_id!r}, not {exercise.id!r}")
    rung = usable_rung(exercise, state.rung_id, equipment)
    target = min(max(state.reps, rep_floor(exercise, rung)), rung.rep_max)
    sets = min(max(state.sets or rung.sets, 1), rung.sets)
    if rung.id != state.rung_id:
        state = ProgressionState(
            exercise.id, rung.id, target, load=state.load, load_unit=state.load_unit
        )
    state = replace(state, reps=target)
    done = list(sets_done[:sets])
    complete = len(done) == sets and all(count >= target for count in done)
    if not complete or effort is Effort.HARD:
        return _struggled(exercise, state, rung, target, equipment, hard=effort is Effort.HARD)
    easy_streak = state.easy_streak + 1 if effort is Effort.EASY else 0
    state = replace(state, struggle_streak=0, easy_streak=easy_streak)
    quick = easy_streak >= EASY_SESSIONS_TO_SPEED_UP and rung.unit is not Unit.CONTACTS
    if target < rung.rep_min or sets < rung.sets:
        return _rebuild(state, rung, target, sets)

    all_top = all(count >= rung.rep_max for count in done)
    if rung.unit is Unit.CONTACTS and target < rung.rep_max:
        # extra jumps beyond the prescription do not speed up the volume increase
        all_top = False
    if all_top:
        return _at_top_of_range(exercise, state, rung, target, equipment, quick=quick)
    return _raise_target(state, rung, target, min(done), quick=quick)


def _struggled(
    exercise: Exercise,
    state: ProgressionState,
    rung: Rung,
    target: int,
    equipment: Collection[Equipment],
    *,
    hard: bool,
) -> tuple[ProgressionState, ProgressionChange | None]:
    """Short of the target, or Hard: nothing moves the first time; the second session
    running on this rung lowers the target, and at the floor of the range the rung."""
    streak = state.struggle_streak + 1
    calm = replace(state, top_streak=0, clean_streak=0, easy_streak=0)
    if streak < STRUGGLES_TO_EASE:
        return replace(calm, struggle_streak=streak), None
    step = SMALL_STEP[rung.unit]
    sets = state.sets or rung.sets
    if target - step >= rep_floor(exercise, rung):
        reason = ChangeReason.HARD_LOWER if hard else ChangeReason.MISSED_LOWER
        change = ProgressionChange(
            ChangeKind.REPS, reason, rung.id, rung.id, target, target - step, sets=sets
        )
        return replace(calm, reps=target - step, struggle_streak=0), change
    lower = step_down(exercise, rung.id, equipment)
    if lower is None:  # the floor of the first rung: hold, and let Easier do the rest
        return replace(calm, struggle_streak=streak), None
    # the easier rung near the top of its range: a step back, not back to the start
    reps = max(lower.rep_min, lower.rep_max - step * 2)
    reason = ChangeReason.HARD_RUNG_DOWN if hard else ChangeReason.MISSED_RUNG_DOWN
    change = ProgressionChange(
        ChangeKind.DOWN, reason, rung.id, lower.id, target, reps, sets=lower.sets
    )
    return (
        ProgressionState(
            state.exercise_id, lower.id, reps, load=state.load, load_unit=state.load_unit
        ),
        change,
    )


def _rebuild(
    state: ProgressionState, rung: Rung, target: int, sets: int
) -> tuple[ProgressionState, ProgressionChange]:
    """A dose eased below the first rung's range climbs back: reps first, then sets."""
    if target < rung.rep_min:
        reps = min(rung.rep_min, target + SMALL_STEP[rung.unit])
        change = ProgressionChange(
            ChangeKind.REPS, ChangeReason.REBUILD, rung.id, rung.id, target, reps, sets=sets
        )
        return replace(state, reps=reps, top_streak=0, clean_streak=0), change
    more = sets + 1
    change = ProgressionChange(
        ChangeKind.REPS, ChangeReason.REBUILD, rung.id, rung.id, target, target, sets=more
    )
    new_sets = None if more >= rung.sets else more
    return replace(state, sets=new_sets, top_streak=0, clean_streak=0), change


def _at_top_of_range(
    exercise: Exercise,
    state: ProgressionState,
    rung: Rung,
    target: int,
    equipment: Collection[Equipment],
    *,
    quick: bool,
) -> tuple[ProgressionState, ProgressionChange | None]:
    """Every set at the top of the range: count the session, and step up on the second (at
    once after two Easy sessions running)."""
    streak = state.top_streak + 1
    if streak < TOP_SESSIONS_TO_STEP_UP and not quick:
        new_state = replace(state, reps=rung.rep_max, top_streak=streak, clean_streak=0)
        if target == rung.rep_max:
            return new_state, None
        return new_state, ProgressionChange(
            ChangeKind.REPS,
            ChangeReason.TOP_OF_RANGE,
            rung.id,
            rung.id,
            target,
            rung.rep_max,
            sets=rung.sets,
        )

    above = step_up(exercise, rung.id, equipment)
    if above is None:
        return _top_of_kit(state, rung, target)
    new_state = ProgressionState(
        exercise.id, above.id, above.rep_min, load=state.load, load_unit=state.load_unit
    )
    quickened = quick and streak < TOP_SESSIONS_TO_STEP_UP
    return new_state, ProgressionChange(
        ChangeKind.UP,
        ChangeReason.EASY_STEP_UP if quickened else ChangeReason.STEP_UP,
        rung.id,
        above.id,
        target,
        above.rep_min,
        sets=rung.sets,
    )


def _top_of_kit(
    state: ProgressionState, rung: Rung, target: int
) -> tuple[ProgressionState, ProgressionChange | None]:
    """The top rung the kit allows, every set at the top: with dumbbells, a heavier weight
    and reps back to the bottom of the range; without, it is said once."""
    capped = replace(state, reps=rung.rep_max, top_streak=TOP_SESSIONS_TO_STEP_UP, clean_streak=0)
    if rung.loaded and state.load is not None:
        unit = state.load_unit or WeightUnit.KG
        more = load.heavier(state.load, unit)
        change = ProgressionChange(
            ChangeKind.LOAD,
            ChangeReason.HEAVIER,
            rung.id,
            rung.id,
            target,
            rung.rep_min,
            sets=rung.sets,
            from_load=state.load,
            to_load=more,
            load_unit=unit,
        )
        return replace(state, reps=rung.rep_min, top_streak=0, load=more), change
    if state.top_streak >= TOP_SESSIONS_TO_STEP_UP:
        return capped, None  # said already; new kit (or a weight) moves them on at once
    reason = ChangeReason.NEEDS_WEIGHT if rung.loaded else ChangeReason.TOP_RUNG
    return capped, ProgressionChange(
        ChangeKind.AT_TOP, reason, rung.id, rung.id, target, rung.rep_max, sets=rung.sets
    )


def _raise_target(
    state: ProgressionState, rung: Rung, target: int, lowest_set: int, *, quick: bool
) -> tuple[ProgressionState, ProgressionChange | None]:
    """Every set at the target but not all at the top: aim a little higher next time."""
    clean = state.clean_streak + 1
    if rung.unit is Unit.CONTACTS and clean < _CLEAN_SESSIONS_TO_ADD_CONTACTS:
        return replace(state, reps=target, top_streak=0, clean_streak=clean), None
    smallest, largest = _TARGET_STEPS[rung.unit]
    climb = largest if quick else min(max(lowest_set - target, smallest), largest)
    new_target = min(rung.rep_max, target + climb)
    new_state = replace(state, reps=new_target, top_streak=0, clean_streak=0)
    if rung.unit is Unit.CONTACTS:
        reason = ChangeReason.RAISE_CONTACTS
    elif quick:
        reason = ChangeReason.EASY_RAISE
    else:
        reason = ChangeReason.RAISE_TARGET
    return new_state, ProgressionChange(
        ChangeKind.REPS, reason, rung.id, rung.id, target, new_target, sets=rung.sets
    )


def restart_after_break(
    exercise: Exercise,
    state: ProgressionState,
    days_since_last: int,
    equipment: Collection[Equipment],
) -> tuple[ProgressionState, ProgressionChange | None]:
    """After two weeks or more without a session, restart one rung lower (COACHING.md).

    Reps go back to the bottom of the range and the streaks restart. At the bottom rung only
    the reps reset. A shorter gap changes nothing. The dumbbell weight is kept.
    """
    if state.exercise_id != exercise.id:
        raise ValueError(f"state is for {state.exercise_id!r}, not {exercise.id!r}")
    if days_since_last < BREAK_DAYS:
        return state, None
    return _one_rung_lower(
        exercise,
        state,
        equipment,
        (ChangeReason.BREAK_RUNG_DOWN, ChangeReason.BREAK_REPS_RESET),
        days_since_last,
    )


def restart_after_race(
    exercise: Exercise,
    state: ProgressionState,
    days_since_last: int,
    equipment: Collection[Equipment],
) -> tuple[ProgressionState, ProgressionChange | None]:
    """The first session after a race's recovery days: one rung lower, reps at the bottom
    of the range, like a break (COACHING.md, "Races"), however long the taper was."""
    if state.exercise_id != exercise.id:
        raise ValueError(f"state is for {state.exercise_id!r}, not {exercise.id!r}")
    return _one_rung_lower(
        exercise,
        state,
        equipment,
        (ChangeReason.RACE_RUNG_DOWN, ChangeReason.RACE_REPS_RESET),
        days_since_last,
    )


def _one_rung_lower(
    exercise: Exercise,
    state: ProgressionState,
    equipment: Collection[Equipment],
    reasons: tuple[ChangeReason, ChangeReason],
    days: int,
) -> tuple[ProgressionState, ProgressionChange | None]:
    rung = usable_rung(exercise, state.rung_id, equipment)
    lower = step_down(exercise, rung.id, equipment) or rung
    new_state = ProgressionState(
        exercise.id, lower.id, lower.rep_min, load=state.load, load_unit=state.load_unit
    )
    rung_down, reps_reset = reasons
    if lower.id != state.rung_id:
        return new_state, ProgressionChange(
            ChangeKind.DOWN,
            rung_down,
            state.rung_id,
            lower.id,
            state.reps,
            lower.rep_min,
            days=days,
        )
    if state.reps == lower.rep_min:
        return new_state, None
    return new_state, ProgressionChange(
        ChangeKind.REPS,
        reps_reset,
        state.rung_id,
        lower.id,
        state.reps,
        lower.rep_min,
        days=days,
    )
