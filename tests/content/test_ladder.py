"""Ladder rules, one session at a time: open rungs, starting points, Harder, double progression."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.texts.amounts import EQUIPMENT_LABELS, format_amount, format_range
from bot.texts.progress import change_sentence, hint_sentence
from content.ladder import (
    ChangeKind,
    ChangeReason,
    Direction,
    ProgressionChange,
    ProgressionState,
    harder_hint,
    is_open,
    move,
    open_rungs,
    prescription,
    rep_floor,
    start_progression,
    starting_rung,
    step_down,
    step_up,
    usable_rung,
)
from content.library import default_library
from content.model import Equipment, Exercise, Level, Prescription, Rung, Unit
from content.progression import after_session, restart_after_break, restart_after_race

BAND = Equipment.HIP_BAND
LONG = Equipment.LONG_BAND
DB = Equipment.DUMBBELLS
BODY_WEIGHT: frozenset[Equipment] = frozenset()
EVERYTHING = frozenset(Equipment)
ALL_KITS = [frozenset(kit) for size in range(5) for kit in combinations(Equipment, size)]
EXERCISE_IDS = default_library().ids


def _ex(exercise_id: str) -> Exercise:
    return default_library().get(exercise_id)


def _ids(rungs: Collection[Rung]) -> list[str]:
    return [rung.id for rung in rungs]


def _state(exercise_id: str, rung_id: str, reps: int, top: int = 0) -> ProgressionState:
    return ProgressionState(exercise_id, rung_id, reps, top_streak=top)


# --- every ladder works with every kit ------------------------------------------------------


def test_all_kits_are_the_sixteen_subsets() -> None:
    assert len(set(ALL_KITS)) == 16


@pytest.mark.parametrize("kit", ALL_KITS, ids=lambda kit: "+".join(sorted(kit)) or "nothing")
@pytest.mark.parametrize("exercise_id", EXERCISE_IDS)
def test_every_ladder_is_usable_with_every_kit(
    exercise_id: str, kit: frozenset[Equipment]
) -> None:
    exercise = _ex(exercise_id)
    rungs = open_rungs(exercise, kit)
    assert len(rungs) >= 2
    assert rungs[0] == exercise.ladder[0]
    for level in Level:
        start = starting_rung(exercise, level, kit)
        assert start in rungs
        harder = step_up(exercise, start.id, kit)
        assert harder is not None, f"Harder is a dead end for {level} with {set(kit)}"
        assert exercise.ladder.index(harder) > exercise.ladder.index(start)
        assert is_open(harder, kit)
    top = rungs[-1]
    assert step_up(exercise, top.id, kit) is None
    assert hint_sentence(exercise, harder_hint(exercise, top, kit)).startswith(exercise.beyond_top)


# --- open rungs and stepping ----------------------------------------------------------------


def test_body_weight_is_always_owned() -> None:
    squat = _ex("squat")
    assert open_rungs(squat, []) == open_rungs(squat, [Equipment.NONE])
    assert _ids(open_rungs(squat, [])) == ["body_weight", "slow", "split_squat"]
    assert _ids(open_rungs(squat, [BAND])) == ["body_weight", "hip_band", "slow", "split_squat"]
    assert open_rungs(squat, EVERYTHING) == squat.ladder


def _rung(rung_id: str, *kit: Equipment) -> Rung:
    return Rung(rung_id, rung_id.title(), frozenset(kit), 3, 8, 12, Unit.REPS, "More.", "Go.")


def test_a_rung_needing_two_items_opens_only_with_both() -> None:
    exercise = Exercise(
        id="toy",
        name="Toy",
        aliases=(),
        misspellings=(),
        muscles=(),
        why="",
        steps=(),
        cues=(),
        mistakes=(),
        unilateral=False,
        ladder=(_rung("a"), _rung("b"), _rung("both", BAND, DB)),
        level_rungs={level: 0 for level in Level},
        beyond_top="Slow down.",
    )
    assert _ids(open_rungs(exercise, [BAND])) == ["a", "b"]
    assert _ids(open_rungs(exercise, [BAND, DB])) == ["a", "b", "both"]
    assert hint_sentence(exercise, harder_hint(exercise, exercise.ladder[1], [BAND])) == (
        "Slow down. Dumbbells would unlock: Both."
    )
    assert hint_sentence(exercise, harder_hint(exercise, exercise.ladder[1], [])) == (
        "Slow down. Dumbbells and a hip-circle band would unlock: Both."
    )


@pytest.mark.parametrize(
    ("rung_id", "kit", "up", "down"),
    [
        ("body_weight", BODY_WEIGHT, "slow", None),  # bottom; skips the band rung
        ("body_weight", frozenset({BAND}), "hip_band", None),
        ("slow", frozenset({BAND, DB}), "dumbbells", "hip_band"),
        ("split_squat", BODY_WEIGHT, None, "slow"),  # top of what body weight allows
        ("split_squat_dumbbells", EVERYTHING, None, "split_squat"),  # top of the ladder
        ("dumbbells", BODY_WEIGHT, "split_squat", "slow"),  # dumbbells gone: by position
    ],
)
def test_step_up_and_down(
    rung_id: str, kit: frozenset[Equipment], up: str | None, down: str | None
) -> None:
    squat = _ex("squat")
    above = step_up(squat, rung_id, kit)
    below = step_down(squat, rung_id, kit)
    assert (above.id if above else None) == up
    assert (below.id if below else None) == down


def test_unknown_rung_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="'squat' has no rung 'moon'"):
        step_up(_ex("squat"), "moon", [])


def test_usable_rung_falls_back_below_a_rung_whose_kit_is_gone() -> None:
    squat = _ex("squat")
    assert usable_rung(squat, "dumbbells", [DB]).id == "dumbbells"
    assert usable_rung(squat, "dumbbells", []).id == "slow"
    assert usable_rung(squat, "hip_band", []).id == "body_weight"


@pytest.mark.parametrize(
    ("exercise_id", "level", "kit", "expected"),
    [
        ("squat", Level.BEGINNER, EVERYTHING, "body_weight"),
        ("squat", Level.INTERMEDIATE, frozenset({BAND}), "hip_band"),
        ("squat", Level.INTERMEDIATE, BODY_WEIGHT, "body_weight"),
        ("squat", Level.ADVANCED, frozenset({DB}), "dumbbells"),
        ("squat", Level.ADVANCED, BODY_WEIGHT, "slow"),
        ("single_leg_deadlift", Level.BEGINNER, BODY_WEIGHT, "supported"),
        ("single_leg_deadlift", Level.INTERMEDIATE, frozenset({LONG}), "slow"),
        ("single_leg_deadlift", Level.INTERMEDIATE, BODY_WEIGHT, "body_weight"),
        ("single_leg_deadlift", Level.ADVANCED, frozenset({DB}), "slow"),
        ("single_leg_deadlift", Level.ADVANCED, frozenset({LONG, DB}), "long_band"),
        ("single_leg_bridge", Level.BEGINNER, EVERYTHING, "two_leg"),
        ("single_leg_bridge", Level.ADVANCED, BODY_WEIGHT, "pause"),
        ("squat_jump", Level.BEGINNER, EVERYTHING, "body_weight"),
    ],
)
def test_a_new_exercise_starts_one_rung_below_the_level(
    exercise_id: str, level: Level, kit: frozenset[Equipment], expected: str
) -> None:
    assert starting_rung(_ex(exercise_id), level, kit).id == expected


def test_beginner_squat_jumps_start_at_three_sets_of_six() -> None:
    jumps = _ex("squat_jump")
    state = start_progression(jumps, Level.BEGINNER, [])
    assert state == ProgressionState("squat_jump", "body_weight", 6)
    today = prescription(jumps, starting_rung(jumps, Level.BEGINNER, []), state.reps)
    assert format_amount(today) == "3 x 6 jumps"


# --- prescriptions and labels ---------------------------------------------------------------


def test_prescription_defaults_to_the_bottom_and_clamps_into_the_range() -> None:
    lunge = _ex("moving_lunge")
    rung = lunge.ladder[0]
    assert prescription(lunge, rung) == Prescription(
        "moving_lunge", "body_weight", 3, 8, Unit.REPS, True
    )
    assert prescription(lunge, rung, 10).reps == 10
    assert prescription(lunge, rung, 30).reps == 12
    assert prescription(lunge, rung, 0).reps == 4  # the first rung eases down to its floor
    assert prescription(lunge, lunge.ladder[1], 0).reps == lunge.ladder[1].rep_min
    assert prescription(lunge, rung, 10, sets=1).sets == 1
    assert prescription(lunge, rung, 10, sets=9).sets == rung.sets
    assert prescription(_ex("calf_raise"), _ex("calf_raise").ladder[0]).per_side is False


def test_prescription_rejects_a_rung_from_another_exercise() -> None:
    with pytest.raises(ValueError, match="not on the ladder of 'squat'"):
        prescription(_ex("squat"), _ex("calf_raise").ladder[2])


@pytest.mark.parametrize(
    ("sets", "reps", "unit", "per_side", "expected"),
    [
        (3, 10, Unit.REPS, False, "3 x 10"),
        (3, 10, Unit.REPS, True, "3 x 10 per side"),
        (3, 30, Unit.SECONDS, False, "3 x 30 s"),
        (3, 30, Unit.SECONDS, True, "3 x 30 s per side"),
        (4, 6, Unit.CONTACTS, False, "4 x 6 jumps"),
        (2, 1, Unit.CONTACTS, False, "2 x 1 jump"),
    ],
)
def test_format_amount(sets: int, reps: int, unit: Unit, per_side: bool, expected: str) -> None:
    assert format_amount(Prescription("x", "y", sets, reps, unit, per_side)) == expected


def test_format_range_shows_the_whole_range() -> None:
    bridge = _ex("single_leg_bridge")
    assert format_range(bridge.ladder[0]) == "3 x 10-15"
    assert format_range(bridge.rung("hold") or bridge.ladder[0]) == "3 x 20-40 s per side"
    assert format_range(_ex("squat_jump").ladder[3]) == "4 x 6-8 jumps"


def test_every_piece_of_kit_has_a_label() -> None:
    assert set(EQUIPMENT_LABELS) == set(Equipment)
    assert EQUIPMENT_LABELS[Equipment.NONE] == "None (body weight)"


# --- Harder at the top ----------------------------------------------------------------------


def test_harder_below_the_top_names_the_next_rung() -> None:
    squat = _ex("squat")
    assert hint_sentence(squat, harder_hint(squat, squat.ladder[0], [BAND])) == (
        "Next rung: Squat, hip-circle band above the knees. "
        "Loop a hip-circle band around your thighs, a few centimetres above the knees."
    )


def test_harder_at_the_top_names_the_kit_that_unlocks_more() -> None:
    deadlift = _ex("single_leg_deadlift")
    slow = deadlift.rung("slow") or deadlift.ladder[0]
    hint = hint_sentence(deadlift, harder_hint(deadlift, slow, []))
    assert hint == (
        f"{deadlift.beyond_top} "
        "A long band would unlock: Single-leg deadlift, long band around the ankles. "
        "Dumbbells would unlock: Single-leg deadlift, dumbbells in hands."
    )
    top = deadlift.ladder[-1]
    assert hint_sentence(deadlift, harder_hint(deadlift, top, EVERYTHING)) == deadlift.beyond_top


# --- double progression ---------------------------------------------------------------------


def test_two_sessions_at_the_top_step_up_and_reset_reps() -> None:
    squat = _ex("squat")
    state = _state("squat", "body_weight", 12)
    state, change = after_session(squat, state, [12, 12, 12], [BAND])
    assert state == _state("squat", "body_weight", 12, top=1)
    assert change is None
    state, change = after_session(squat, state, [12, 13, 12], [BAND])
    assert state == _state("squat", "hip_band", 8)
    assert change is not None
    assert (change.kind, change.from_rung, change.to_rung) == (
        ChangeKind.UP,
        "body_weight",
        "hip_band",
    )
    assert change.reason is ChangeReason.STEP_UP
    assert change_sentence(squat, change) == (
        "All 3 sets at 12 reps in two sessions running: "
        "up to Squat, hip-circle band above the knees."
    )


def test_step_up_skips_rungs_the_runner_has_no_kit_for() -> None:
    state = _state("squat", "body_weight", 12, top=1)
    state, change = after_session(_ex("squat"), state, [12, 12, 12], [])
    assert state.rung_id == "slow"
    assert change is not None and change.to_rung == "slow"


@pytest.mark.parametrize(
    ("target", "sets_done", "new_target"),
    [
        (8, [8, 8, 8], 9),  # at the target: one more
        (8, [10, 11, 10], 10),  # beat it comfortably: two more, never more
        (8, [12, 12, 9], 9),  # the weakest set decides
        (11, [12, 12, 11], 12),  # never beyond the top of the range
    ],
)
def test_complete_sessions_raise_the_target(
    target: int, sets_done: list[int], new_target: int
) -> None:
    state, change = after_session(
        _ex("squat"), _state("squat", "body_weight", target), sets_done, []
    )
    assert state == _state("squat", "body_weight", new_target)
    assert change is not None and change.kind is ChangeKind.REPS
    assert (change.from_reps, change.to_reps) == (target, new_target)


def test_raise_reason_reads_per_side() -> None:
    state = _state("moving_lunge", "body_weight", 8)
    _, change = after_session(_ex("moving_lunge"), state, [8, 8, 8], [])
    assert change is not None
    assert (
        change_sentence(_ex("moving_lunge"), change)
        == "All 3 sets done at 8 reps per side: next time aim for 9 reps per side."
    )


def test_reaching_the_top_early_counts_as_the_first_top_session() -> None:
    state, change = after_session(_ex("squat"), _state("squat", "body_weight", 9), [12] * 3, [])
    assert state == _state("squat", "body_weight", 12, top=1)
    assert change is not None and change.kind is ChangeKind.REPS
    assert change.reason is ChangeReason.TOP_OF_RANGE
    assert change_sentence(_ex("squat"), change) == (
        "All 3 sets at 12 reps, the top of the range: one more session like that moves you up."
    )


@pytest.mark.parametrize("sets_done", [[12, 11, 12], [12, 12], []])
def test_an_incomplete_session_keeps_the_rung_and_restarts_the_streak(
    sets_done: list[int],
) -> None:
    before = _state("squat", "body_weight", 12, top=1)
    state, change = after_session(_ex("squat"), before, sets_done, [])
    # nothing moves the first time; the session counts towards easing off if it repeats
    assert state == replace(_state("squat", "body_weight", 12, top=0), struggle_streak=1)
    assert change is None


def test_the_two_top_sessions_must_be_in_a_row() -> None:
    squat = _ex("squat")
    state = _state("squat", "body_weight", 12)
    for sets_done in ([12, 12, 12], [12, 10, 12], [12, 12, 12]):
        state, _ = after_session(squat, state, sets_done, [])
    assert state == _state("squat", "body_weight", 12, top=1)


def test_extra_sets_beyond_the_prescription_are_ignored() -> None:
    state = _state("squat", "body_weight", 12, top=1)
    state, change = after_session(_ex("squat"), state, [12, 12, 12, 4], [])
    assert change is not None and change.kind is ChangeKind.UP


def test_at_the_top_of_the_ladder_the_rung_stays_and_it_is_said_once() -> None:
    squat = _ex("squat")
    state = _state("squat", "split_squat", 10, top=1)
    state, change = after_session(squat, state, [10, 10, 10], [])
    assert state == _state("squat", "split_squat", 10, top=2)
    assert change is not None and change.kind is ChangeKind.AT_TOP
    assert change.from_rung == change.to_rung == "split_squat"
    assert change.reason is ChangeReason.TOP_RUNG
    assert change_sentence(squat, change) == (
        "All 3 sets at 10 reps per side in two sessions running, and "
        "Split squat, rear foot raised is the top rung your equipment allows."
    )
    state, change = after_session(squat, state, [10, 10, 10], [])
    assert (state.top_streak, change) == (2, None)
    # new dumbbells: the earned step up happens at the next session at the top
    state, change = after_session(squat, state, [10, 10, 10], [DB])
    assert state == _state("squat", "split_squat_dumbbells", 6)
    assert change is not None and change.kind is ChangeKind.UP


def test_jump_volume_rises_only_every_second_clean_session() -> None:
    jumps = _ex("squat_jump")
    state = _state("squat_jump", "body_weight", 6)
    state, change = after_session(jumps, state, [6, 6, 6], [])
    assert (state.reps, state.clean_streak, change) == (6, 1, None)
    state, change = after_session(jumps, state, [7, 6, 6], [])
    assert (state.reps, state.clean_streak) == (7, 0)
    assert change is not None
    assert (
        change_sentence(jumps, change)
        == "All 3 sets at 6 jumps in two sessions running: next time aim for 7 jumps."
    )


def test_extra_jumps_do_not_count_as_the_top_of_the_range() -> None:
    state, _ = after_session(
        _ex("squat_jump"), _state("squat_jump", "body_weight", 6), [8] * 3, []
    )
    assert (state.reps, state.top_streak, state.clean_streak) == (6, 0, 1)


def test_held_seconds_climb_in_steps_of_five_to_ten() -> None:
    bridge = _ex("single_leg_bridge")
    state, _ = after_session(bridge, _state("single_leg_bridge", "hold", 20), [22, 21, 20], [])
    assert state.reps == 25
    state, _ = after_session(bridge, state, [40, 38, 36], [])
    assert state.reps == 35


def test_a_session_on_a_rung_whose_kit_is_gone_counts_on_the_rung_below() -> None:
    state = _state("squat", "dumbbells", 12, top=1)
    state, change = after_session(_ex("squat"), state, [12, 12, 12], [])
    assert state == _state("squat", "slow", 12, top=1)
    assert change is None


def test_a_state_for_another_exercise_is_rejected() -> None:
    with pytest.raises(ValueError, match="state is for 'squat', not 'calf_raise'"):
        after_session(_ex("calf_raise"), _state("squat", "body_weight", 8), [8, 8, 8], [])


@settings(max_examples=200, database=None, deadline=None)
@given(
    exercise_id=st.sampled_from(EXERCISE_IDS),
    kit=st.sampled_from(ALL_KITS),
    level=st.sampled_from(list(Level)),
    sessions=st.lists(st.lists(st.integers(0, 50), max_size=5), max_size=30),
)
def test_progression_never_leaves_the_ladder_and_goes_down_only_after_struggles(
    exercise_id: str, kit: frozenset[Equipment], level: Level, sessions: list[list[int]]
) -> None:
    exercise = _ex(exercise_id)
    state = start_progression(exercise, level, kit)
    for sets_done in sessions:
        before = exercise.ladder.index(usable_rung(exercise, state.rung_id, kit))
        state, change = after_session(exercise, state, sets_done, kit)
        rung = exercise.rung(state.rung_id)
        assert rung is not None and is_open(rung, kit)
        assert rep_floor(exercise, rung) <= state.reps <= rung.rep_max
        assert 0 <= state.top_streak <= 2
        if exercise.ladder.index(rung) < before:
            assert change is not None
            assert change.reason in (ChangeReason.MISSED_RUNG_DOWN, ChangeReason.HARD_RUNG_DOWN)


# --- coming back after a break --------------------------------------------------------------


def test_a_short_gap_changes_nothing() -> None:
    state = _state("squat", "hip_band", 11, top=1)
    assert restart_after_break(_ex("squat"), state, 13, [BAND]) == (state, None)


def test_two_weeks_off_restarts_one_rung_lower() -> None:
    state, change = restart_after_break(_ex("squat"), _state("squat", "hip_band", 11), 14, [BAND])
    assert state == _state("squat", "body_weight", 8)
    assert change is not None and change.kind is ChangeKind.DOWN
    assert change.reason is ChangeReason.BREAK_RUNG_DOWN and change.days == 14
    assert change_sentence(_ex("squat"), change) == (
        "14 days since your last session: back one rung to Squat, body weight to rebuild."
    )


def test_a_break_at_the_bottom_rung_resets_the_reps_only() -> None:
    squat = _ex("squat")
    state, change = restart_after_break(squat, _state("squat", "body_weight", 11), 30, [])
    assert state == _state("squat", "body_weight", 8)
    assert change is not None and change.kind is ChangeKind.REPS
    assert change.reason is ChangeReason.BREAK_REPS_RESET
    assert (
        change_sentence(squat, change)
        == "30 days since your last session: back to 8 reps a set to rebuild."
    )
    assert restart_after_break(squat, state, 30, []) == (state, None)


@pytest.mark.parametrize(
    ("rung", "reps", "to_rung", "reason", "sentence"),
    [
        (
            "hip_band",
            11,
            "body_weight",
            ChangeReason.RACE_RUNG_DOWN,
            "First session after your race: back one rung to Squat, body weight to rebuild.",
        ),
        (
            "body_weight",
            11,
            "body_weight",
            ChangeReason.RACE_REPS_RESET,
            "First session after your race: back to 8 reps a set to rebuild.",
        ),
    ],
)
def test_the_first_session_after_a_race_is_one_rung_lower_however_short_the_gap(
    rung: str, reps: int, to_rung: str, reason: ChangeReason, sentence: str
) -> None:
    squat = _ex("squat")
    state, change = restart_after_race(squat, _state("squat", rung, reps), 9, [BAND])
    assert state == _state("squat", to_rung, 8)
    assert change is not None and change.reason is reason and change.days == 9
    assert change_sentence(squat, change) == sentence


def test_a_break_measures_from_the_rung_the_runner_can_still_do() -> None:
    state, change = restart_after_break(_ex("squat"), _state("squat", "dumbbells", 10), 20, [])
    assert state.rung_id == "body_weight"  # dumbbells gone -> slow; one lower -> body weight
    assert change is not None and change.from_rung == "dumbbells"


# --- Harder and Easier: the runner's own moves ----------------------------------------------


@pytest.mark.parametrize(
    ("rung_id", "kit", "direction", "kind", "reason", "to_rung"),
    [
        (
            "body_weight",
            [BAND],
            Direction.UP,
            ChangeKind.UP,
            ChangeReason.RUNNER_HARDER,
            "hip_band",
        ),
        ("body_weight", [], Direction.UP, ChangeKind.UP, ChangeReason.RUNNER_HARDER, "slow"),
        ("slow", [BAND], Direction.DOWN, ChangeKind.DOWN, ChangeReason.RUNNER_EASIER, "hip_band"),
        ("split_squat", [], Direction.UP, ChangeKind.AT_TOP, ChangeReason.TOP_OF_KIT, None),
        ("body_weight", [], Direction.DOWN, ChangeKind.EASED, ChangeReason.EASED_REPS, None),
    ],
)
def test_move_steps_one_open_rung_or_says_why_not(
    rung_id: str,
    kit: list[Equipment],
    direction: Direction,
    kind: ChangeKind,
    reason: ChangeReason,
    to_rung: str | None,
) -> None:
    squat = _ex("squat")
    before = _state("squat", rung_id, 10, top=1)
    state, change = move(squat, before, direction, kit)
    assert (change.kind, change.reason) == (kind, reason)
    if to_rung is None:
        assert change.to_rung == rung_id
        if kind is ChangeKind.EASED:
            assert state == replace(before, reps=9, top_streak=0) and change.to_reps == 9
        else:
            assert state == before
        return
    target = squat.rung(to_rung)
    assert target is not None
    assert state == ProgressionState("squat", to_rung, target.rep_min)  # streaks restart
    assert change == ProgressionChange(
        kind, reason, rung_id, to_rung, 10, target.rep_min, sets=target.sets
    )
    assert change_sentence(squat, change) == (
        f"{'Harder' if direction is Direction.UP else 'Easier'}: now {target.name}. "
        "I'll keep this for next time."
    )


def test_move_rejects_a_state_for_another_exercise() -> None:
    with pytest.raises(ValueError, match="state is for 'squat'"):
        move(_ex("calf_raise"), _state("squat", "body_weight", 8), Direction.UP, [])
