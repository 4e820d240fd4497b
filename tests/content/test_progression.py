"""Progression on what happened (issue 13): a table of one session at a time, then whole
runs of sessions. Pure: no clock, no database."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.texts.progress import change_sentence
from content.ladder import (
    FLOOR,
    ChangeKind,
    ChangeReason,
    Direction,
    ProgressionState,
    move,
    prescription,
    rep_floor,
    start_progression,
    usable_rung,
)
from content.library import default_library
from content.model import Effort, Equipment, Exercise, Level, WeightUnit
from content.progression import after_session

LIB = default_library()
DB = frozenset({Equipment.DUMBBELLS})
NONE: frozenset[Equipment] = frozenset()
E, R, H = Effort.EASY, Effort.RIGHT, Effort.HARD


def _ex(exercise_id: str) -> Exercise:
    return LIB.get(exercise_id)


# (exercise, rung, reps, streaks, sets done, effort, kit) -> (reason, new rung, new reps)
TABLE = [
    # every set at the target, Just right: the target climbs
    ("squat", "slow", 9, {}, [9, 9, 9], R, NONE, ChangeReason.RAISE_TARGET, "slow", 10),
    # the same, but Hard: nothing moves the first time...
    ("squat", "slow", 9, {}, [9, 9, 9], H, NONE, None, "slow", 9),
    # ...and the second Hard running lowers the target
    (
        "squat",
        "slow",
        9,
        {"struggle_streak": 1},
        [9, 9, 9],
        H,
        NONE,
        ChangeReason.HARD_LOWER,
        "slow",
        8,
    ),
    # short of the target twice running: a lower target
    (
        "squat",
        "slow",
        10,
        {"struggle_streak": 1},
        [10, 8, 7],
        R,
        NONE,
        ChangeReason.MISSED_LOWER,
        "slow",
        9,
    ),
    # short twice at the floor of the range: a rung down, near the top of its range
    (
        "squat",
        "slow",
        8,
        {"struggle_streak": 1},
        [8, 6, 5],
        R,
        NONE,
        ChangeReason.MISSED_RUNG_DOWN,
        "body_weight",
        10,
    ),
    (
        "squat",
        "slow",
        8,
        {"struggle_streak": 1},
        [8, 8, 8],
        H,
        NONE,
        ChangeReason.HARD_RUNG_DOWN,
        "body_weight",
        10,
    ),
    # on the first rung the target can go below the range, down to the floor
    (
        "squat",
        "body_weight",
        8,
        {"struggle_streak": 1},
        [8, 5, 5],
        R,
        NONE,
        ChangeReason.MISSED_LOWER,
        "body_weight",
        7,
    ),
    (
        "squat",
        "body_weight",
        4,
        {"struggle_streak": 1},
        [3, 3, 3],
        R,
        NONE,
        None,
        "body_weight",
        4,
    ),
    # Easy twice running: two more at once, or at the top of the range the next rung now
    (
        "squat",
        "slow",
        9,
        {"easy_streak": 1},
        [9, 9, 9],
        E,
        NONE,
        ChangeReason.EASY_RAISE,
        "slow",
        11,
    ),
    (
        "squat",
        "slow",
        12,
        {"easy_streak": 1},
        [12, 12, 12],
        E,
        NONE,
        ChangeReason.EASY_STEP_UP,
        "split_squat",
        6,
    ),
    # Easy once is just a good session
    ("squat", "slow", 9, {}, [9, 9, 9], E, NONE, ChangeReason.RAISE_TARGET, "slow", 10),
    # jumps keep their slow rise even when easy
    (
        "squat_jump",
        "body_weight",
        6,
        {"easy_streak": 1, "clean_streak": 1},
        [6, 6, 6],
        E,
        NONE,
        ChangeReason.RAISE_CONTACTS,
        "body_weight",
        7,
    ),
    # a dose eased below the first rung's range climbs back, reps then sets
    ("squat", "body_weight", 5, {}, [5, 5, 5], R, NONE, ChangeReason.REBUILD, "body_weight", 6),
]


@pytest.mark.parametrize(
    (
        "exercise_id",
        "rung_id",
        "reps",
        "streaks",
        "done",
        "effort",
        "kit",
        "reason",
        "rung",
        "target",
    ),
    TABLE,
)
def test_one_session_at_a_time(
    exercise_id: str,
    rung_id: str,
    reps: int,
    streaks: dict[str, int],
    done: list[int],
    effort: Effort,
    kit: frozenset[Equipment],
    reason: ChangeReason | None,
    rung: str,
    target: int,
) -> None:
    exercise = _ex(exercise_id)
    state = ProgressionState(exercise_id, rung_id, reps, **streaks)
    new, change = after_session(exercise, state, done, kit, effort)
    assert (change.reason if change else None) == reason
    assert (new.rung_id, new.reps) == (rung, target)
    if change is not None:
        sentence = change_sentence(exercise, change)
        assert sentence and sentence[-1] in ".!" and "{" not in sentence


def test_sets_eased_below_the_rung_come_back_one_at_a_time() -> None:
    squat = _ex("squat")
    state = ProgressionState("squat", "body_weight", 8, sets=1)
    state, change = after_session(squat, state, [8], NONE)
    assert change is not None and change.reason is ChangeReason.REBUILD and change.sets == 2
    assert state.sets == 2
    state, change = after_session(squat, state, [8, 8], NONE)
    assert state.sets is None  # back to the rung's own three sets
    assert prescription(squat, squat.ladder[0], state.reps, state.sets).sets == 3


def test_the_top_rung_with_dumbbells_asks_for_a_heavier_weight() -> None:
    squat = _ex("squat")
    top = "split_squat_dumbbells"
    state = ProgressionState("squat", top, 10, top_streak=1, load=12.0, load_unit=WeightUnit.KG)
    state, change = after_session(squat, state, [10, 10, 10], DB)
    assert change is not None and change.reason is ChangeReason.HEAVIER
    assert (change.from_load, change.to_load) == (12.0, 14.0)
    assert (state.load, state.reps, state.top_streak) == (14.0, 6, 0)
    assert "14 kg" in change_sentence(squat, change)
    # unknown weight: ask for it, once
    blank = ProgressionState("squat", top, 10, top_streak=1)
    blank, change = after_session(squat, blank, [10, 10, 10], DB)
    assert change is not None and change.reason is ChangeReason.NEEDS_WEIGHT
    blank, change = after_session(squat, blank, [10, 10, 10], DB)
    assert change is None


def test_pounds_climb_in_five_pound_steps() -> None:
    deadlift = _ex("single_leg_deadlift")
    state = ProgressionState(
        "single_leg_deadlift", "dumbbells_slow", 12, top_streak=1, load=25, load_unit=WeightUnit.LB
    )
    state, change = after_session(deadlift, state, [12, 12, 12], DB)
    assert change is not None and (change.to_load, change.load_unit) == (30.0, WeightUnit.LB)
    assert "30 lb" in change_sentence(deadlift, change)


def test_a_second_harder_in_one_session_is_held_and_offered_next_time() -> None:
    squat = _ex("squat")
    state = ProgressionState("squat", "hip_band", 8)
    held, change = move(squat, state, Direction.UP, [Equipment.HIP_BAND], moved_up=True)
    assert change.kind is ChangeKind.HELD and change.reason is ChangeReason.ONE_STEP_PER_SESSION
    assert held == replace(state, harder_next=True)
    assert "next time" in change_sentence(squat, change)


def test_easier_on_the_first_rung_eases_reps_then_sets_down_to_a_floor() -> None:
    squat = _ex("squat")
    state = ProgressionState("squat", "body_weight", 8)
    reasons = []
    for _ in range(20):
        state, change = move(squat, state, Direction.DOWN, NONE)
        reasons.append(change.reason)
        if change.kind is ChangeKind.AT_BOTTOM:
            break
    assert reasons[:4] == [ChangeReason.EASED_REPS] * 4  # 8 -> 4 reps
    assert reasons[4:6] == [ChangeReason.EASED_SETS] * 2  # 3 -> 1 set
    assert reasons[-1] is ChangeReason.BOTTOM
    assert (state.reps, state.sets) == (FLOOR[squat.ladder[0].unit], 1)
    dose = prescription(squat, squat.ladder[0], state.reps, state.sets)
    assert (dose.sets, dose.reps) == (1, 4)


def _run(
    exercise: Exercise, level: Level, kit: frozenset[Equipment], sessions: int, runner: str
) -> ProgressionState:
    """Twelve weeks of one exercise: the runner does what the prescription says, or less."""
    state = start_progression(exercise, level, kit)
    for _ in range(sessions):
        rung = usable_rung(exercise, state.rung_id, kit)
        dose = prescription(exercise, rung, state.reps, state.sets)
        if runner == "struggler":  # one set short, and it felt hard
            done = [dose.reps] * (dose.sets - 1) + [max(0, dose.reps - 2)]
            effort = Effort.HARD
        else:
            done = [dose.reps + 1] * dose.sets
            effort = Effort.RIGHT
        state, _ = after_session(exercise, state, done, kit, effort)
    return state


@pytest.mark.parametrize("exercise_id", LIB.ids)
def test_the_struggler_ends_lower_than_the_diligent_runner(exercise_id: str) -> None:
    exercise = _ex(exercise_id)
    kit = frozenset(Equipment)
    diligent = _run(exercise, Level.INTERMEDIATE, kit, 8, "diligent")
    struggler = _run(exercise, Level.INTERMEDIATE, kit, 8, "struggler")

    def place(state: ProgressionState) -> tuple[int, int]:
        return exercise.ladder.index(usable_rung(exercise, state.rung_id, kit)), state.reps

    assert place(struggler) < place(diligent)
    start = start_progression(exercise, Level.INTERMEDIATE, kit)
    assert place(struggler) < place(start)  # the struggler's plan came down to meet them


def test_advanced_runners_with_dumbbells_keep_progressing_past_twelve_weeks() -> None:
    squat = _ex("squat")
    state = ProgressionState(
        "squat", "split_squat_dumbbells", 6, load=10.0, load_unit=WeightUnit.KG
    )
    loads = []
    for _ in range(36):  # three sessions a week for twelve weeks
        rung = usable_rung(squat, state.rung_id, DB)
        done = [rung.rep_max] * rung.sets
        state, _ = after_session(squat, state, done, DB)
        loads.append(state.load)
    assert loads[-1] is not None and loads[-1] > 20  # still climbing


def test_the_floor_of_each_first_rung_is_below_its_range() -> None:
    for exercise in LIB:
        first = exercise.ladder[0]
        assert rep_floor(exercise, first) <= first.rep_min
        for rung in exercise.ladder[1:]:
            assert rep_floor(exercise, rung) == rung.rep_min
