"""Pure ladder rules: which rungs a runner can use, where they start, and how they move.

Everything here takes plain data (an Exercise, the runner's kit, a ProgressionState) and
returns plain data, in the spirit of wger's progression walk: no clock, no database, no
Telegram and no words, so each rule is tested one step at a time. The rules come from
COACHING.md: equipment a runner lacks is skipped, a new exercise starts one rung below their
level, and Harder/Easier move one open rung at once. Double progression between sessions is
in ``content.progression``; both return a :class:`ProgressionChange` with a reason code
that ``bot/texts`` turns into the one sentence the runner reads.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Final

from content.model import Equipment, Exercise, Level, Prescription, Rung, Unit, WeightUnit


class Direction(StrEnum):
    """Which way a runner's press moves an exercise: Harder is up, Easier is down."""

    UP = "up"
    DOWN = "down"


class ChangeKind(StrEnum):
    """What a progression step did to the rung or the target."""

    UP = "up"  # moved to a harder rung
    REPS = "reps"  # same rung, new target
    AT_TOP = "at_top"  # no harder rung is open with the runner's kit
    DOWN = "down"  # moved to an easier rung
    AT_BOTTOM = "at_bottom"  # no easier rung and no easier dose: already the easiest
    EASED = "eased"  # same rung, fewer reps or sets (Easier at the bottom of the ladder)
    HELD = "held"  # nothing moved, on purpose (a second Harder in one session)
    LOAD = "load"  # same rung, a heavier weight


class ChangeReason(StrEnum):
    """Why a progression changed (or did not), as a code; bot/texts words it.

    The values are stored with each progression event, so they never change meaning.
    """

    RUNNER_HARDER = "runner_harder"  # the runner pressed Harder
    RUNNER_EASIER = "runner_easier"  # the runner pressed Easier
    TOP_OF_KIT = "top_of_kit"  # Harder, but no harder rung is open with their kit
    BOTTOM = "bottom"  # Easier, but this is the first rung
    TOP_OF_RANGE = "top_of_range"  # every set at the top once: one more moves up
    STEP_UP = "step_up"  # every set at the top in two sessions running: next rung
    TOP_RUNG = "top_rung"  # earned a step up, but this is the top rung their kit allows
    RAISE_TARGET = "raise_target"  # every set at the target: aim higher
    RAISE_CONTACTS = "raise_contacts"  # jumps: two clean sessions add a contact per set
    BREAK_RUNG_DOWN = "break_rung_down"  # two weeks or more off: one rung lower
    BREAK_REPS_RESET = "break_reps_reset"  # two weeks or more off, first rung: reps reset
    RACE_RUNG_DOWN = "race_rung_down"  # the first session after a race's recovery
    RACE_REPS_RESET = "race_reps_reset"  # the same, on the first rung: reps reset
    ONE_STEP_PER_SESSION = "one_step_per_session"  # a second Harder: offered next time
    MOVED_TODAY = "moved_today"  # Harder in an extra session: it moved today already
    EASED_REPS = "eased_reps"  # Easier at the first rung: fewer reps a set
    EASED_SETS = "eased_sets"  # Easier at the first rung, reps at the floor: one set fewer
    EASY_RAISE = "easy_raise"  # Easy twice running: the target climbs two at once
    EASY_STEP_UP = "easy_step_up"  # Easy twice running at the top of the range: next rung now
    MISSED_LOWER = "missed_lower"  # short of the target twice running: a lower target
    HARD_LOWER = "hard_lower"  # Hard twice running: a lower target
    MISSED_RUNG_DOWN = "missed_rung_down"  # short twice at the floor of the range: rung down
    HARD_RUNG_DOWN = "hard_rung_down"  # Hard twice at the floor of the range: rung down
    REBUILD = "rebuild"  # a dose eased below the rung's range climbs back
    HEAVIER = "heavier"  # the top rung with dumbbells, every set at the top: more weight
    NEEDS_WEIGHT = "needs_weight"  # the top rung with dumbbells: tell me the weight you use


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
    struggle_streak: int = 0  # sessions running on this rung short of the target or Hard
    easy_streak: int = 0  # sessions running that felt Easy
    sets: int | None = None  # fewer sets than the rung's (Easier at the first rung)
    load: float | None = None  # the dumbbell weight, on rungs done with dumbbells
    load_unit: WeightUnit | None = None
    harder_next: bool = False  # asked for a second step up in one session: offer it next


@dataclass(frozen=True, slots=True)
class ProgressionChange:
    """A change worth telling the runner about: what happened, why, and the numbers.

    ``sets`` is the number of sets the reason speaks of ("all 3 sets"), ``days`` the break
    behind a restart. Rung ids are the exercise's; ``bot/texts`` looks up their names.
    """

    kind: ChangeKind
    reason: ChangeReason
    from_rung: str
    to_rung: str
    from_reps: int
    to_reps: int
    sets: int = 0
    days: int = 0
    from_load: float | None = None
    to_load: float | None = None
    load_unit: WeightUnit | None = None


@dataclass(frozen=True, slots=True)
class Unlock:
    """Kit the runner lacks and the first rung above them it would open."""

    missing: frozenset[Equipment]
    rung: Rung


@dataclass(frozen=True, slots=True)
class HarderHint:
    """What Harder offers from a rung: the next open rung, or, at the top of the runner's
    kit, the exercise's own advice (``Exercise.beyond_top``) and what new kit would open."""

    next_rung: Rung | None
    unlocks: tuple[Unlock, ...] = ()


# The lowest dose Easier reaches on the first rung, by unit, and the fewest sets.
FLOOR: Final[dict[Unit, int]] = {Unit.REPS: 4, Unit.SECONDS: 10, Unit.CONTACTS: 3}
MIN_SETS: Final = 1
# The smallest change of a target, by unit.
SMALL_STEP: Final[dict[Unit, int]] = {Unit.REPS: 1, Unit.SECONDS: 5, Unit.CONTACTS: 1}


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


def rung_index(exercise: Exercise, rung_id: str) -> int:
    """The rung's place on the ladder (0 is the easiest); KeyError if it has no such rung."""
    for index, rung in enumerate(exercise.ladder):
        if rung.id == rung_id:
            return index
    raise KeyError(f"exercise {exercise.id!r} has no rung {rung_id!r}")


def step_up(exercise: Exercise, rung_id: str, equipment: Collection[Equipment]) -> Rung | None:
    """The next open rung above this one, or None at the top of what the kit allows.

    Works by ladder position, so a rung the runner can no longer use (they lost the kit)
    still has a well-defined next rung.
    """
    start = rung_index(exercise, rung_id)
    for rung in exercise.ladder[start + 1 :]:
        if is_open(rung, equipment):
            return rung
    return None


def step_down(exercise: Exercise, rung_id: str, equipment: Collection[Equipment]) -> Rung | None:
    """The nearest open rung below this one, or None at the bottom of the ladder."""
    start = rung_index(exercise, rung_id)
    for rung in reversed(exercise.ladder[:start]):
        if is_open(rung, equipment):
            return rung
    return None


def usable_rung(exercise: Exercise, rung_id: str, equipment: Collection[Equipment]) -> Rung:
    """This rung if the runner can still do it, else the nearest open rung below it.

    A runner who gives up their dumbbells keeps training at the hardest rung they can do
    rather than being sent back to the start.
    """
    rung = exercise.ladder[rung_index(exercise, rung_id)]
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


def harder_hint(exercise: Exercise, rung: Rung, equipment: Collection[Equipment]) -> HarderHint:
    """What Harder offers from ``rung``: the next open rung, or at the top of what the kit
    allows, each distinct piece of missing kit with the first rung it would unlock (so the
    runner knows what buying a band buys)."""
    above = step_up(exercise, rung.id, equipment)
    if above is not None:
        return HarderHint(above)
    owned = _owned(equipment)
    unlocks: list[Unlock] = []
    seen: set[frozenset[Equipment]] = set()
    for locked in exercise.ladder[rung_index(exercise, rung.id) + 1 :]:
        missing = locked.equipment - owned
        if missing in seen:
            continue
        seen.add(missing)
        unlocks.append(Unlock(frozenset(missing), locked))
    return HarderHint(None, tuple(unlocks))


# --- what to do today ---------------------------------------------------------------------


def rep_floor(exercise: Exercise, rung: Rung) -> int:
    """The lowest target on a rung: the bottom of its range, or on the first rung the floor
    Easier can reach (a runner who struggles there still has somewhere to go)."""
    if rung == exercise.ladder[0]:
        return min(rung.rep_min, FLOOR[rung.unit])
    return rung.rep_min


def prescription(
    exercise: Exercise, rung: Rung, reps: int | None = None, sets: int | None = None
) -> Prescription:
    """Today's sets and reps on this rung; reps default to the bottom of the range.

    Reps outside the range are clamped into it (below it only on the first rung, down to
    its floor), so a stale target (the ladder changed) still gives a sensible prescription.
    ``sets`` may be fewer than the rung's, never more.
    """
    if rung not in exercise.ladder:
        raise ValueError(f"rung {rung.id!r} is not on the ladder of {exercise.id!r}")
    low = rep_floor(exercise, rung)
    target = rung.rep_min if reps is None else min(max(reps, low), rung.rep_max)
    count = rung.sets if sets is None else min(max(sets, MIN_SETS), rung.sets)
    return Prescription(
        exercise_id=exercise.id,
        rung_id=rung.id,
        sets=count,
        reps=target,
        unit=rung.unit,
        per_side=rung.per_side,
    )


def start_progression(
    exercise: Exercise, level: Level, equipment: Collection[Equipment]
) -> ProgressionState:
    """The state for an exercise the runner has not done yet: the starting rung, lowest reps."""
    rung = starting_rung(exercise, level, equipment)
    return ProgressionState(exercise_id=exercise.id, rung_id=rung.id, reps=rung.rep_min)


def move(
    exercise: Exercise,
    state: ProgressionState,
    direction: Direction,
    equipment: Collection[Equipment],
    *,
    moved_up: bool = False,
) -> tuple[ProgressionState, ProgressionChange]:
    """Harder or Easier: one open rung up or down at once, reps at the bottom of its range.

    The same contract as ``after_session`` and ``restart_after_break``: the new state and
    the change to report, and the runner always hears why nothing moved:

    * Harder moves at most one rung per exercise per session (``moved_up``): a second press
      keeps the rung (``HELD``) and marks the state so the next session offers it;
    * at the top of what the kit allows Harder is ``AT_TOP``;
    * Easier on the first rung eases the dose instead: a smaller target, then one set fewer,
      down to ``FLOOR`` and ``MIN_SETS`` (``EASED``); below that it is ``AT_BOTTOM``.

    The streaks restart on a new rung; the dumbbell weight is kept.
    """
    if state.exercise_id != exercise.id:
        raise ValueError(f"state is for {state.exercise_id!r}, not {exercise.id!r}")
    here = exercise.rung(state.rung_id) or exercise.ladder[0]
    same = (state.rung_id, state.rung_id, state.reps, state.reps)
    if direction is Direction.UP and moved_up:
        held = ProgressionChange(ChangeKind.HELD, ChangeReason.ONE_STEP_PER_SESSION, *same)
        return replace(state, harder_next=True), held
    step = step_up if direction is Direction.UP else step_down
    target = step(exercise, state.rung_id, equipment)
    if target is None and direction is Direction.DOWN:
        return _ease_off(exercise, state, here)
    if target is None:
        return state, ProgressionChange(ChangeKind.AT_TOP, ChangeReason.TOP_OF_KIT, *same)
    new_state = ProgressionState(
        exercise.id, target.id, target.rep_min, load=state.load, load_unit=state.load_unit
    )
    kind, reason = (
        (ChangeKind.UP, ChangeReason.RUNNER_HARDER)
        if direction is Direction.UP
        else (ChangeKind.DOWN, ChangeReason.RUNNER_EASIER)
    )
    return new_state, ProgressionChange(
        kind, reason, state.rung_id, target.id, state.reps, target.rep_min, sets=target.sets
    )


def _ease_off(
    exercise: Exercise, state: ProgressionState, rung: Rung
) -> tuple[ProgressionState, ProgressionChange]:
    """Easier with no easier rung: fewer reps a set, then a set fewer, down to the floor."""
    reps = min(max(state.reps, rep_floor(exercise, rung)), rung.rep_max)
    sets = state.sets or rung.sets
    floor = FLOOR[rung.unit]
    if reps > floor:
        lower = max(floor, reps - SMALL_STEP[rung.unit])
        change = ProgressionChange(
            ChangeKind.EASED, ChangeReason.EASED_REPS, rung.id, rung.id, reps, lower, sets=sets
        )
        return replace(state, reps=lower, struggle_streak=0, top_streak=0), change
    if sets > MIN_SETS:
        change = ProgressionChange(
            ChangeKind.EASED, ChangeReason.EASED_SETS, rung.id, rung.id, reps, reps, sets=sets - 1
        )
        return replace(state, sets=sets - 1, struggle_streak=0, top_streak=0), change
    return state, ProgressionChange(
        ChangeKind.AT_BOTTOM, ChangeReason.BOTTOM, rung.id, rung.id, reps, reps, sets=sets
    )
