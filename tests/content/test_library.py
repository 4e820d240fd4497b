"""The packaged library is valid and complete, and a broken file fails loudly and precisely."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from content.library import LibraryError, default_library, load_library
from content.model import Equipment, Level, Unit

EXPECTED_IDS = (
    "moving_lunge",
    "squat",
    "squat_jump",
    "single_leg_deadlift",
    "single_leg_bridge",
    "calf_raise",
    "side_lunge",
)
UNILATERAL = {"moving_lunge", "single_leg_deadlift", "single_leg_bridge", "side_lunge"}


# --- the packaged file ----------------------------------------------------------------------


def test_packaged_library_has_the_seven_exercises_in_order() -> None:
    assert default_library().ids == EXPECTED_IDS


def test_default_library_is_loaded_once() -> None:
    assert default_library() is default_library()


def test_explicit_path_loads_the_same_library() -> None:
    packaged = Path(__file__).parents[2] / "content" / "exercises.toml"
    assert load_library(packaged) == default_library()


def test_get_unknown_exercise_names_the_known_ids() -> None:
    with pytest.raises(KeyError, match=r"no exercise 'plank'.*squat_jump"):
        default_library().get("plank")


@pytest.mark.parametrize("exercise_id", EXPECTED_IDS)
def test_exercise_text_is_complete(exercise_id: str) -> None:
    exercise = default_library().get(exercise_id)
    assert 4 <= len(exercise.steps) <= 6
    assert len(exercise.cues) == 3
    assert len(exercise.mistakes) == 3
    assert len(exercise.aliases) >= 8
    assert len(exercise.misspellings) >= 8
    assert exercise.muscles
    assert exercise.why.endswith(".")
    assert exercise.beyond_top.endswith(".")
    assert exercise.unilateral is (exercise_id in UNILATERAL)


@pytest.mark.parametrize("exercise_id", EXPECTED_IDS)
def test_ladder_shape(exercise_id: str) -> None:
    exercise = default_library().get(exercise_id)
    assert 4 <= len(exercise.ladder) <= 7
    assert not exercise.ladder[0].equipment
    assert "starting point" in exercise.ladder[0].change.lower()
    assert sum(1 for rung in exercise.ladder if not rung.equipment) >= 2
    assert len({rung.id for rung in exercise.ladder}) == len(exercise.ladder)
    assert len({rung.name for rung in exercise.ladder}) == len(exercise.ladder)
    for rung in exercise.ladder:
        assert rung.change.endswith(".") and rung.cue.endswith("."), rung.id
        assert Equipment.NONE not in rung.equipment
        assert 1 <= rung.rep_min < rung.rep_max
    levels = [exercise.level_rungs[level] for level in Level]
    assert levels == sorted(levels)


def test_per_side_follows_the_exercise_unless_a_rung_says_otherwise() -> None:
    library = default_library()
    assert all(rung.per_side for rung in library.get("moving_lunge").ladder)
    calf = {rung.id: rung.per_side for rung in library.get("calf_raise").ladder}
    assert calf["two_leg"] is False and calf["step"] is False
    assert calf["one_leg"] is True and calf["one_leg_step_dumbbell"] is True
    bridge = library.get("single_leg_bridge")
    assert bridge.ladder[0].per_side is False  # the two-leg entry rung
    assert all(rung.per_side for rung in bridge.ladder[1:])


def test_single_leg_deadlift_offers_dumbbells_or_a_long_band_as_load() -> None:
    kits = {rung.equipment for rung in default_library().get("single_leg_deadlift").ladder}
    assert frozenset({Equipment.DUMBBELLS}) in kits
    assert frozenset({Equipment.LONG_BAND}) in kits


def test_squat_jumps_count_contacts_and_never_jump_in_volume() -> None:
    """A step up never adds more than about a fifth to a session's jumps (COACHING.md)."""
    ladder = default_library().get("squat_jump").ladder
    assert all(rung.unit is Unit.CONTACTS for rung in ladder)
    assert (ladder[0].sets, ladder[0].rep_min) == (3, 6)
    for lower, upper in pairwise(ladder):
        assert upper.sets * upper.rep_min <= 1.2 * lower.sets * lower.rep_max


# --- broken files ---------------------------------------------------------------------------


def _rung(rung_id: str, **fields: str) -> dict[str, str]:
    """One rung as TOML literals; tests override single fields."""
    rung = {
        "id": f'"{rung_id}"',
        "name": f'"Squat, {rung_id}"',
        "equipment": "[]",
        "sets": "3",
        "rep_min": "8",
        "rep_max": "12",
        "unit": '"reps"',
        "change": '"Starting point."',
        "cue": '"Knees over toes."',
    }
    rung.update(fields)
    return rung


def _exercise(
    exercise_id: str = "squat",
    *,
    drop: tuple[str, ...] = (),
    rungs: list[dict[str, str]] | None = None,
    **fields: str,
) -> str:
    """A small valid exercise as TOML text, with fields overridden or dropped."""
    exercise = {
        "id": f'"{exercise_id}"',
        "name": f'"{exercise_id.title()}"',
        "aliases": f'["{exercise_id} alias"]',
        "misspellings": f'["{exercise_id} typo"]',
        "muscles": '["quads"]',
        "unilateral": "false",
        "why": '"Strong legs run better."',
        "steps": '["Stand.", "Sit back.", "Stand up.", "Repeat."]',
        "cues": '["Chest up."]',
        "mistakes": '["Heels lifting."]',
        "beyond_top": '"Go slower."',
        "level_rungs": "{ beginner = 0, intermediate = 1, advanced = 2 }",
        "loads": '["knee"]',
    }
    exercise.update(fields)
    lines = ["[[exercise]]"]
    lines += [f"{key} = {value}" for key, value in exercise.items() if key not in drop]
    if rungs is None:
        rungs = [
            _rung("body_weight"),
            _rung("band", equipment='["hip_band"]'),
            _rung("slow"),
        ]
    for rung in rungs:
        lines.append("[[exercise.rung]]")
        lines += [f"{key} = {value}" for key, value in rung.items()]
    return "\n".join(lines) + "\n"


def _load(tmp_path: Path, text: str) -> None:
    path = tmp_path / "exercises.toml"
    path.write_text(text, encoding="utf-8")
    load_library(path)


def test_the_test_helper_builds_a_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "exercises.toml"
    path.write_text(_exercise() + _exercise("lunge"), encoding="utf-8")
    library = load_library(path)
    assert library.ids == ("squat", "lunge")
    assert library.get("squat").ladder[1].equipment == {Equipment.HIP_BAND}
    assert library.get("squat").level_rungs[Level.ADVANCED] == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            _exercise(drop=("why",)),
            "exercises.toml: exercise 'squat': missing field 'why'",
            id="missing-field",
        ),
        pytest.param(
            _exercise(rungs=[_rung("body_weight"), _rung("band", unit='"furlongs"'), _rung("x")]),
            "exercises.toml: exercise 'squat', rung 'band': unit: unknown 'furlongs' "
            "(known: reps, seconds, contacts)",
            id="bad-unit",
        ),
        pytest.param(
            _exercise(
                rungs=[_rung("body_weight"), _rung("band", rep_min="12", rep_max="10"), _rung("x")]
            ),
            "exercises.toml: exercise 'squat', rung 'band': rep_min 12 > rep_max 10",
            id="rep-min-above-max",
        ),
        pytest.param(
            _exercise(rungs=[_rung("body_weight"), _rung("band", rep_min="10", rep_max="10")]),
            "rung 'band': rep_min 10 = rep_max 10; need a range",
            id="rep-range-empty",
        ),
        pytest.param(
            _exercise(rungs=[_rung("body_weight"), _rung("band"), _rung("band")]),
            "exercises.toml: exercise 'squat', rung 'band': duplicate rung id",
            id="duplicate-rung-id",
        ),
        pytest.param(
            _exercise() + _exercise(),
            "exercises.toml: exercise 'squat': duplicate exercise id",
            id="duplicate-exercise-id",
        ),
        pytest.param(
            _exercise() + _exercise("lunge", aliases='["Air  Squat", "squat"]'),
            "exercise 'lunge': alias 'squat' is already used by exercise 'squat'",
            id="alias-shared-between-exercises",
        ),
        pytest.param(
            "[[exercise]\nid = 'squat'\n",
            "exercises.toml: not valid TOML",
            id="unparseable",
        ),
        pytest.param(
            _exercise(rungs=[_rung("body_weight"), _rung("bell", equipment='["kettlebell"]')]),
            "rung 'bell': equipment: unknown 'kettlebell' (known: hip_band, long_band, dumbbells)",
            id="unknown-equipment",
        ),
        pytest.param(
            _exercise(rungs=[_rung("body_weight"), _rung("bw", equipment='["none"]')]),
            "rung 'bw': equipment: leave the list empty for body weight",
            id="none-listed-as-equipment",
        ),
        pytest.param(
            _exercise(rungs=[_rung("body_weight", sets="0"), _rung("b")]),
            "rung 'body_weight': sets must be at least 1, got 0",
            id="zero-sets",
        ),
        pytest.param(
            _exercise(rungs=[_rung("body_weight", sets='"3"'), _rung("b")]),
            "rung 'body_weight': field 'sets' must be an integer, got str",
            id="sets-as-string",
        ),
        pytest.param(
            _exercise(rungs=[_rung("body_weight", sets="true"), _rung("b")]),
            "rung 'body_weight': field 'sets' must be an integer, got bool",
            id="sets-as-bool",
        ),
        pytest.param(
            _exercise(rungs=[_rung("body_weight", rep_mxa="12"), _rung("b")]),
            "rung 'body_weight': unknown field 'rep_mxa'",
            id="unknown-rung-field",
        ),
        pytest.param(
            _exercise(rungs=[_rung("body_weight", per_side='"yes"'), _rung("b")]),
            "rung 'body_weight': field 'per_side' must be true or false, got str",
            id="per-side-not-bool",
        ),
        pytest.param(
            _exercise(level_rungs="{ beginner = 0, intermediate = 1, advanced = 7 }"),
            "exercise 'squat': level_rungs.advanced: index 7 is outside the ladder (0..2)",
            id="level-index-out-of-range",
        ),
        pytest.param(
            _exercise(level_rungs="{ beginner = 0, intermediate = 1, expert = 2 }"),
            "level_rungs: unknown level 'expert'",
            id="unknown-level",
        ),
        pytest.param(
            _exercise(level_rungs="{ beginner = 2, intermediate = 1, advanced = 1 }"),
            "level_rungs: indices must not go down from beginner to advanced",
            id="levels-out-of-order",
        ),
        pytest.param(
            _exercise(rungs=[_rung("body_weight"), _rung("db", equipment='["dumbbells"]')]),
            "exercise 'squat': ladder has 1 body-weight rung(s), needs at least 2",
            id="one-body-weight-rung",
        ),
        pytest.param(
            _exercise(rungs=[_rung("db", equipment='["dumbbells"]'), _rung("a"), _rung("b")]),
            "rung 'db': the first rung must need no equipment",
            id="first-rung-needs-kit",
        ),
        pytest.param(
            _exercise(steps="[]"),
            "exercise 'squat': field 'steps' must not be empty",
            id="empty-steps",
        ),
        pytest.param(
            _exercise(cues='["  "]'),
            "exercise 'squat': field 'cues' must hold non-empty strings",
            id="blank-cue",
        ),
        pytest.param(
            _exercise(id='"Squat Jump"'),
            "exercise #1: field 'id' must be a lowercase slug",
            id="id-not-a-slug",
        ),
        pytest.param(
            _exercise(rungs=[]),
            "exercise 'squat': missing field 'rung'",
            id="no-ladder",
        ),
        pytest.param("", "exercises.toml: missing field 'exercise'", id="empty-file"),
        pytest.param(
            _exercise(drop=("loads",)),
            "exercise 'squat': missing field 'loads'",
            id="loads-missing",
        ),
        pytest.param(
            _exercise(loads='["elbow"]'),
            "exercise 'squat': loads: unknown area 'elbow' (known: knee, hip, ankle, calf, "
            "shin, foot, hamstring, back)",
            id="loads-unknown-area",
        ),
        pytest.param(
            _exercise(loads='["other"]'),
            "exercise 'squat': loads: 'other' spares nothing",
            id="loads-other",
        ),
    ],
)
def test_broken_file_fails_with_a_precise_message(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(LibraryError) as caught:
        _load(tmp_path, text)
    assert message in str(caught.value)
    assert str(caught.value).startswith("exercises.toml: ")


def test_missing_file_is_a_library_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match=r"exercises\.toml: cannot read"):
        load_library(tmp_path / "exercises.toml")
