"""Double progression between sessions, and the restart after a break. Pure functions.

COACHING.md: work within a rep range; when every set reaches the top of the range in two
sessions running, step up to the next rung and reset reps to the bottom of its range. Every
set at the target (but not all at the top) raises the target a little. A break of two weeks
or more restarts one rung lower. Each function returns the new state and a
:class:`~content.ladder.ProgressionChange` (a reason code and its numbers) or None when there
is nothing to tell the runner.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from typing import Final

from content.ladder import (
    ChangeKind,
    ChangeReason,
    ProgressionChange,
    ProgressionState,
    step_down,
    step_up,
    usable_rung,
)
from content.model import Equipment, Exercise, Rung, Unit

# Sessions running with every set at the top of the range before the rung changes.
TOP_SESSIONS_TO_STEP_UP: Final = 2

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
) -> tuple[ProgressionState, ProgressionChange | None]:
    """Double progression after one session (COACHING.md).

    ``sets_done`` holds what the runner achieved in each set, in the rung's unit. Sets beyond
    the prescribed number are ignored; fewer sets, or any set short of the target, is an
    incomplete session: nothing moves and the streaks restart, with no penalty. Every set at
    the top of the range counts towards the two sessions that earn the next rung; every set at
    the target (but not all at the top) raises the target.

    If the state's rung is no longer open (the runner lost the kit), the session is taken to
    have been done on the usable rung below it, since that is what they were prescribed.
    """
    if state.exercise_id != exercise.id:
        raise ValueError(f"state is for {state.exercise_id!r}, not {exercise.id!r}")
    rung = usable_rung(exercise, state.rung_id, equipment)
    target = min(max(state.reps, rung.rep_min), rung.rep_max)
    if rung.id != state.rung_id:
        state = ProgressionState(exercise.id, rung.id, target)
    done = list(sets_done[: rung.sets])
    complete = len(done) == rung.sets and all(count >= target for count in done)
    if not complete:
        return replace(state, reps=target, top_streak=0, clean_streak=0), None

    all_top = all(count >= rung.rep_max for count in done)
    if rung.unit is Unit.CONTACTS and target < rung.rep_max:
        # extra jumps beyond the prescription do not speed up the volume increase
        all_top = False
    if all_top:
        return _at_top_of_range(exercise, state, rung, target, equipment)
    return _raise_target(state, rung, target, min(done))


def _at_top_of_range(
    exercise: Exercise,
    state: ProgressionState,
    rung: Rung,
    target: int,
    equipment: Collection[Equipment],
) -> tuple[ProgressionState, ProgressionChange | None]:
    """Every set at the top of the range: count the session, and step up on the second."""
    streak = state.top_streak + 1
    if streak < TOP_SESSIONS_TO_STEP_UP:
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
        # the streak stays capped so new kit steps them up at once, and "top rung" is said once
        new_state = replace(
            state, reps=rung.rep_max, top_streak=TOP_SESSIONS_TO_STEP_UP, clean_streak=0
        )
        if state.top_streak >= TOP_SESSIONS_TO_STEP_UP:
            return new_state, None
        return new_state, ProgressionChange(
            ChangeKind.AT_TOP,
            ChangeReason.TOP_RUNG,
            rung.id,
            rung.id,
            target,
            rung.rep_max,
            sets=rung.sets,
        )

    new_state = ProgressionState(exercise.id, above.id, above.rep_min)
    return new_state, ProgressionChange(
        ChangeKind.UP,
        ChangeReason.STEP_UP,
        rung.id,
        above.id,
        target,
        above.rep_min,
        sets=rung.sets,
    )


def _raise_target(
    state: ProgressionState, rung: Rung, target: int, lowest_set: int
) -> tuple[ProgressionState, ProgressionChange | None]:
    """Every set at the target but not all at the top: aim a little higher next time."""
    clean = state.clean_streak + 1
    if rung.unit is Unit.CONTACTS and clean < _CLEAN_SESSIONS_TO_ADD_CONTACTS:
        return replace(state, reps=target, top_streak=0, clean_streak=clean), None
    smallest, largest = _TARGET_STEPS[rung.unit]
    new_target = min(rung.rep_max, target + min(max(lowest_set - target, smallest), largest))
    new_state = replace(state, reps=new_target, top_streak=0, clean_streak=0)
    reason = (
        ChangeReason.RAISE_CONTACTS if rung.unit is Unit.CONTACTS else ChangeReason.RAISE_TARGET
    )
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
    the reps reset. A shorter gap changes nothing.
    """
    if state.exercise_id != exercise.id:
        raise ValueError(f"state is for {state.exercise_id!r}, not {exercise.id!r}")
    if days_since_last < BREAK_DAYS:
        return state, None
    rung = usable_rung(exercise, state.rung_id, equipment)
    lower = step_down(exercise, rung.id, equipment) or rung
    new_state = ProgressionState(exercise.id, lower.id, lower.rep_min)
    if lower.id != state.rung_id:
        return new_state, ProgressionChange(
            ChangeKind.DOWN,
            ChangeReason.BREAK_RUNG_DOWN,
            state.rung_id,
            lower.id,
            state.reps,
            lower.rep_min,
            days=days_since_last,
        )
    if state.reps == lower.rep_min:
        return new_state, None
    return new_state, ProgressionChange(
        ChangeKind.REPS,
        ChangeReason.BREAK_REPS_RESET,
        state.rung_id,
        lower.id,
        state.reps,
        lower.rep_min,
        days=days_since_last,
    )
