"""Session planning: order, counts, doses and length (pure)."""

from __future__ import annotations

import itertools

import pytest

from content.ladder import ProgressionState
from content.library import default_library
from content.model import Equipment, Level, Unit
from content.session import MIDDLE, choose_exercises, estimate_minutes, plan_session

LIBRARY = default_library()
KIT_SETS = [
    frozenset(combo)
    for size in range(4)
    for combo in itertools.combinations(
        [Equipment.HIP_BAND, Equipment.LONG_BAND, Equipment.DUMBBELLS], size
    )
]


@pytest.mark.parametrize("level", list(Level))
@pytest.mark.parametrize("kit", KIT_SETS)
@pytest.mark.parametrize("number", range(5))
def test_every_plan_is_well_formed(level: Level, kit: frozenset[Equipment], number: int) -> None:
    plan = plan_session(LIBRARY, level, kit, {}, session_number=number)
    ids = [item.exercise_id for item in plan.items]
    assert 5 <= len(ids) <= 7
    assert ids[0] == "squat_jump" and ids[-1] == "calf_raise"
    assert len(set(ids)) == len(ids)
    for item in plan.items:
        exercise = LIBRARY.get(item.exercise_id)
        rung = exercise.rung(item.rung_id)
        assert rung is not None and rung.equipment <= kit | {Equipment.NONE}
        assert rung.rep_min <= item.reps <= rung.rep_max
        assert item.per_side == rung.per_side
    assert plan.warmup.minutes >= 3 and plan.warmup.steps


def test_counts_by_level() -> None:
    assert [len(choose_exercises(level, 0)) for level in Level] == [5, 6, 7]


@pytest.mark.parametrize("kit", KIT_SETS)
@pytest.mark.parametrize("number", range(5))
def test_a_beginner_session_fits_in_about_25_minutes_rests_included(
    kit: frozenset[Equipment], number: int
) -> None:
    plan = plan_session(LIBRARY, Level.BEGINNER, kit, {}, session_number=number)
    assert 20 <= plan.minutes <= 28


def test_beginner_jumps_start_at_three_sets_of_six() -> None:
    plan = plan_session(LIBRARY, Level.BEGINNER, {Equipment.NONE}, {})
    jumps = plan.items[0]
    assert (jumps.sets, jumps.reps, jumps.unit) == (3, 6, Unit.CONTACTS)


def test_rotation_covers_every_strength_exercise_within_three_sessions() -> None:
    seen = set()
    for number in range(3):
        seen |= set(choose_exercises(Level.BEGINNER, number))
    assert set(MIDDLE) <= seen


def test_stored_progression_drives_the_plan() -> None:
    states = {"squat": ProgressionState("squat", "hip_band", 11)}
    plan = plan_session(LIBRARY, Level.BEGINNER, {Equipment.HIP_BAND}, states)
    squat = next(item for item in plan.items if item.exercise_id == "squat")
    assert (squat.rung_id, squat.reps) == ("hip_band", 11)


def test_lost_kit_falls_back_to_an_open_rung() -> None:
    states = {"squat": ProgressionState("squat", "dumbbells", 10)}
    plan = plan_session(LIBRARY, Level.BEGINNER, set(), states)
    squat = next(item for item in plan.items if item.exercise_id == "squat")
    rung = LIBRARY.get("squat").rung(squat.rung_id)
    assert rung is not None and not rung.equipment


def test_light_session_has_no_jumps_and_two_sets() -> None:
    plan = plan_session(LIBRARY, Level.ADVANCED, set(Equipment), {}, light=True)
    assert plan.light
    assert all(item.exercise_id != "squat_jump" for item in plan.items)
    assert all(item.sets == 2 for item in plan.items)
    assert plan.minutes < plan_session(LIBRARY, Level.ADVANCED, set(Equipment), {}).minutes


def test_estimate_grows_with_work() -> None:
    small = plan_session(LIBRARY, Level.BEGINNER, set(), {}).items
    warmup = plan_session(LIBRARY, Level.BEGINNER, set(), {}).warmup
    assert estimate_minutes(LIBRARY, small, warmup) < estimate_minutes(
        LIBRARY, small + small, warmup
    )
