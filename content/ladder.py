"""Pure ladder rules: which rungs a runner can use, where they start, and how they climb.

Everything here takes plain data (an Exercise, the runner's kit, a ProgressionState) and
returns plain data, in the spirit of wger's progression walk: no clock, no database and no
Telegram, so each rule can be tested one session at a time. The rules come from COACHING.md:
equipment a runner lacks is skipped, a new exercise starts one rung below their level, double
progression moves up after two sessions at the top of the range, and a break of two weeks or
more restarts one rung lower.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final

from content.model import Equipment, Exercise, Level, Prescription, Rung, Unit

EQUIPMENT_LABELS: Final[dict[Equipment, str]] = {
    Equipment.NONE: "None (body weight)",
    Equipment.HIP_BAND: "Hip-circle band",
    Equipment.LONG_BAND: "Long band",
    Equipment.DUMBBELLS: "Dumbbells",
}

# How equipment reads inside a sentence ("a hip-circle band would unlock ...").
_EQUIPMENT_PHRASES: Final[dict[Equipment, str]] = {
    Equipment.NONE: "nothing",
    Equipment.HIP_BAND: "a hip-circle band",
    Equipment.LONG_BAND: "a long band",
    Equipment.DUMBBELLS: "dumbbells",
}

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


# --- which rungs, and moving between them -------------------------------------------------


def _owned(equipment: Collection[Equipment]) -> frozenset[Equipment]:
    """What the runner can use: their kit plus body weight, which everyone has."""
    return frozenset(equipment) | {Equipment.NONE}


def is_open(rung: Rung, equipment: Collection[Equipment]) -> bool:
    """Whether the runner owns everything this rung needs."""
    return rung.equipment <= _owned(equipment)


def open_rungs(exercise: Exercise, equipment: Collection[Equipment]) -> tuple[Rung, ...]:
    """The rungs the runner's kit allows, in ladder order (easiest first)."""
    return tuple(rung for rung in exercise.ladder if is_open(rung, equipment))


def _index(exercise: Exercise, rung_id: str) -> int:
    for index, rung in enumerate(exercise.ladder):
        if rung.id == rung_id:
            return index
    raise KeyError(f"exercise {exercise.id!r} has no rung {rung_id!r}")


def step_up(exercise: Exercise, rung_id: str, equipment: Collection[Equipment]) -> Rung | None:
    """The next open rung above this one, or None at the top of what the kit allows.

    Works by ladder position, so a rung the runner can no longer use (they lost the kit)
    still has a well-defined next rung.
    """
    start = _index(exercise, rung_id)
    for rung in exercise.ladder[start + 1 :]:
        if is_open(rung, equipment):
            return rung
    return None


def step_down(exercise: Exercise, rung_id: str, equipment: Collection[Equipment]) -> Rung | None:
    """The nearest open rung below this one, or None at the bottom of the ladder."""
    start = _index(exercise, rung_id)
    for rung in reversed(exercise.ladder[:start]):
        if is_open(rung, equipment):
            return rung
    return None


def usable_rung(exercise: Exercise, rung_id: str, equipment: Collection[Equipment]) -> Rung:
    """This rung if the runner can still do it, else the nearest open rung below it.

    A runner who gives up their dumbbells keeps training at the hardest rung they can do
    rather than being sent back to the start.
    """
    rung = exercise.ladder[_index(exercise, rung_id)]
    if is_open(rung, equipment):
        return rung
    # the first rung needs no kit (the loader checks), so this always finds one
    return step_down(exercise, rung_id, equipment) or open_rungs(exercise, equipment)[0]


def starting_rung(exercise: Exercise, level: Level, equipment: Collection[Equipment]) -> Rung:
    """Where a new exercise starts: one open rung below the rung that fits the runner's level.

    Starting a notch easy spares the runner the extra soreness of a movement they have not done
    before (the repeated-bout effect); the step is never below the first rung.
    """
    fitting = exercise.ladder[exercise.level_rungs[level]]
    at_or_below = usable_rung(exercise, fitting.id, equipment)
    return step_down(exercise, at_or_below.id, equipment) or at_or_below


# --- what to do today ---------------------------------------------------------------------


def prescription(exercise: Exercise, rung: Rung, reps: int | None = None) -> Prescription:
    """Today's sets and reps on this rung; reps default to the bottom of the range.

    Reps outside the range are clamped into it, so a stale target (the ladder changed) still
    gives a sensible prescription.
    """
    if rung not in exercise.ladder:
        raise ValueError(f"rung {rung.id!r} is not on the ladder of {exercise.id!r}")
    target = rung.rep_min if reps is None else min(max(reps, rung.rep_min), rung.rep_max)
    return Prescription(
        exercise_id=exercise.id,
        rung_id=rung.id,
        sets=rung.sets,
        reps=target,
        unit=rung.unit,
        per_side=rung.per_side,
    )


def format_amount(prescription: Prescription) -> str:
    """The dose as the runner reads it: "3 x 10", "3 x 10 per side", "3 x 30 s", "3 x 6 jumps"."""
    return _format(
        prescription.sets, str(prescription.reps), prescription.unit, prescription.per_side
    )


def format_range(rung: Rung) -> str:
    """A rung's whole range, for the exercise card: "3 x 8-12 per side", "3 x 6-8 jumps"."""
    return _format(rung.sets, f"{rung.rep_min}-{rung.rep_max}", rung.unit, rung.per_side)


def _format(sets: int, count: str, unit: Unit, per_side: bool) -> str:
    suffix = {Unit.REPS: "", Unit.SECONDS: " s", Unit.CONTACTS: " jumps"}[unit]
    if unit is Unit.CONTACTS and count == "1":
        suffix = " jump"
    side = " per side" if per_side else ""
    return f"{sets} x {count}{suffix}{side}"


def _amount(count: int, rung: Rung) -> str:
    """One set's amount inside a sentence: "12 reps", "40 s per side", "8 jumps"."""
    if rung.unit is Unit.SECONDS:
        words = f"{count} s"
    else:
        noun = "rep" if rung.unit is Unit.REPS else "jump"
        words = f"{count} {noun}{'' if count == 1 else 's'}"
    return f"{words} per side" if rung.per_side else words


def harder_hint(exercise: Exercise, rung: Rung, equipment: Collection[Equipment]) -> str:
    """What Harder offers: the next open rung, or, at the top, how to keep progressing.

    At the top of what the kit allows, the exercise's own advice comes first, then the
    equipment that would open the next rungs, so the runner knows what buying a band buys.
    """
    above = step_up(exercise, rung.id, equipment)
    if above is not None:
        return f"Next rung: {above.name}. {above.change}"
    parts = [exercise.beyond_top]
    owned = _owned(equipment)
    seen: set[frozenset[Equipment]] = set()
    for locked in exercise.ladder[_index(exercise, rung.id) + 1 :]:
        missing = locked.equipment - owned
        if missing in seen:
            continue
        seen.add(missing)
        phrase = " and ".join(_EQUIPMENT_PHRASES[e] for e in sorted(missing))
        parts.append(f"{phrase[0].upper()}{phrase[1:]} would unlock: {locked.name}.")
    return " ".join(parts)


# --- double progression -------------------------------------------------------------------


class ChangeKind(StrEnum):
    """What a progression step did, so the bot can pick the right wording or emoji."""

    UP = "up"  # moved to a harder rung
    REPS = "reps"  # same rung, new target
    AT_TOP = "at_top"  # earned a step up, but no harder rung is open with the runner's kit
    DOWN = "down"  # moved to an easier rung (after a break)


@dataclass(frozen=True, slots=True)
class ProgressionState:
    """Where a runner stands on one exercise between sessions.

    ``reps`` is the current target within the rung's range (seconds or jumps for those
    units). ``top_streak`` counts sessions running with every set at the top of the range; two
    earn the next rung. ``clean_streak`` counts sessions running with every set at the target,
    used only to pace jump volume.
    """

    exercise_id: str
    rung_id: str
    reps: int
    top_streak: int = 0
    clean_streak: int = 0


@dataclass(frozen=True, slots=True)
class ProgressionChange:
    """A change worth telling the runner about, with the one sentence that explains it."""

    kind: ChangeKind
    from_rung: str
    to_rung: str
    from_reps: int
    to_reps: int
    reason: str


def start_progression(
    exercise: Exercise, level: Level, equipment: Collection[Equipment]
) -> ProgressionState:
    """The state for an exercise the runner has not done yet: the starting rung, lowest reps."""
    rung = starting_rung(exercise, level, equipment)
    return ProgressionState(exercise_id=exercise.id, rung_id=rung.id, reps=rung.rep_min)


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
    the target (but not all at the top) raises the target. Returns the new state and the change
    to report, or None when there is nothing to say.

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
    done_at_top = f"All {rung.sets} sets at {_amount(rung.rep_max, rung)}"
    if streak < TOP_SESSIONS_TO_STEP_UP:
        new_state = replace(state, reps=rung.rep_max, top_streak=streak, clean_streak=0)
        if target == rung.rep_max:
            return new_state, None
        reason = f"{done_at_top}, the top of the range: one more session like that moves you up."
        return new_state, ProgressionChange(
            ChangeKind.REPS, rung.id, rung.id, target, rung.rep_max, reason
        )

    above = step_up(exercise, rung.id, equipment)
    if above is None:
        # the streak stays capped so new kit steps them up at once, and "at_top" is said once
        new_state = replace(
            state, reps=rung.rep_max, top_streak=TOP_SESSIONS_TO_STEP_UP, clean_streak=0
        )
        if state.top_streak >= TOP_SESSIONS_TO_STEP_UP:
            return new_state, None
        reason = (
            f"{done_at_top} in two sessions running, and {rung.name} is the top rung "
            "your equipment allows."
        )
        return new_state, ProgressionChange(
            ChangeKind.AT_TOP, rung.id, rung.id, target, rung.rep_max, reason
        )

    new_state = ProgressionState(exercise.id, above.id, above.rep_min)
    reason = f"{done_at_top} in two sessions running: up to {above.name}."
    return new_state, ProgressionChange(
        ChangeKind.UP, rung.id, above.id, target, above.rep_min, reason
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
    if rung.unit is Unit.CONTACTS:
        reason = (
            f"All {rung.sets} sets at {_amount(target, rung)} in two sessions running: "
            f"next time aim for {_amount(new_target, rung)}."
        )
    else:
        reason = (
            f"All {rung.sets} sets done at {_amount(target, rung)}: "
            f"next time aim for {_amount(new_target, rung)}."
        )
    return new_state, ProgressionChange(
        ChangeKind.REPS, rung.id, rung.id, target, new_target, reason
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
    gap = f"{days_since_last} days since your last session"
    if lower.id != state.rung_id:
        reason = f"{gap}: back one rung to {lower.name} to rebuild."
        return new_state, ProgressionChange(
            ChangeKind.DOWN, state.rung_id, lower.id, state.reps, lower.rep_min, reason
        )
    if state.reps == lower.rep_min:
        return new_state, None
    reason = f"{gap}: back to {_amount(lower.rep_min, lower)} a set to rebuild."
    return new_state, ProgressionChange(
        ChangeKind.REPS, state.rung_id, lower.id, state.reps, lower.rep_min, reason
    )
