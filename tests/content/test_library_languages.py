"""The library in German, Spanish and French: the same exercises, ladders and numbers in each
language's words, exercise names runners know, and a translation file that does not cover the
library exactly fails at start-up with a precise message."""

from __future__ import annotations

import re
import tomllib
from copy import deepcopy
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from content.languages import Language
from content.library import LibraryError, default_library
from content.localized import load_translation, parse_translation, translation_file
from content.model import Exercise

LIBRARY = default_library()
ENGLISH = LIBRARY.exercises
TRANSLATED = (Language.DE, Language.ES, Language.FR)
CONTENT = Path(__file__).parents[2] / "content"


def _numbers(exercise: Exercise) -> object:
    """Everything about an exercise that is not words."""
    return (
        exercise.id,
        exercise.unilateral,
        exercise.level_rungs,
        [replace(rung, name="", change="", cue="") for rung in exercise.ladder],
    )


@pytest.mark.parametrize("language", TRANSLATED, ids=str)
def test_a_translation_has_the_same_exercises_ladders_and_numbers(language: Language) -> None:
    localized = LIBRARY.localized(language)
    assert localized.language is language
    assert localized.ids == LIBRARY.ids
    assert [_numbers(e) for e in localized] == [_numbers(e) for e in LIBRARY]


@pytest.mark.parametrize("language", TRANSLATED, ids=str)
def test_every_word_is_translated(language: Language) -> None:
    for english, localized in zip(LIBRARY, LIBRARY.localized(language), strict=True):
        assert localized.why != english.why and localized.steps != english.steps
        assert localized.cues != english.cues and localized.mistakes != english.mistakes
        assert localized.beyond_top != english.beyond_top
        for rung_en, rung in zip(english.ladder, localized.ladder, strict=True):
            assert (rung.change, rung.cue) != (rung_en.change, rung_en.cue), rung.id
        assert len(localized.cues) >= 3, "a picture's caption shows three cues"
        assert len(localized.aliases) >= 8 and len(localized.misspellings) >= 8
        assert localized.why.endswith(".") and localized.beyond_top.endswith(".")


@pytest.mark.parametrize(
    ("language", "names"),
    [
        (
            Language.DE,
            {
                "moving_lunge": "Ausfallschritt im Gehen",
                "squat": "Kniebeuge",
                "squat_jump": "Sprungkniebeuge",
                "single_leg_deadlift": "Einbeiniges Kreuzheben",
                "single_leg_bridge": "Einbeiniges Beckenheben",
                "calf_raise": "Wadenheben",
                "side_lunge": "Seitlicher Ausfallschritt",
            },
        ),
        (
            Language.ES,
            {
                "moving_lunge": "Zancada caminando",
                "squat": "Sentadilla",
                "squat_jump": "Sentadilla con salto",
                "single_leg_deadlift": "Peso muerto a una pierna",
                "single_leg_bridge": "Puente de glúteo a una pierna",
                "calf_raise": "Elevación de talones",
                "side_lunge": "Zancada lateral",
            },
        ),
        (
            Language.FR,
            {
                "moving_lunge": "Fente marchée",
                "squat": "Squat",
                "squat_jump": "Squat sauté",
                "single_leg_deadlift": "Soulevé de terre sur une jambe",
                "single_leg_bridge": "Pont fessier sur une jambe",
                "calf_raise": "Élévation des mollets",
                "side_lunge": "Fente latérale",
            },
        ),
    ],
    ids=["de", "es", "fr"],
)
def test_exercises_go_by_the_names_runners_know(language: Language, names: dict[str, str]) -> None:
    assert {e.id: e.name for e in LIBRARY.localized(language)} == names


# The formal address a coach does not use with a runner: Sie, usted, vous.
FORMAL = {
    Language.DE: re.compile(r"(?<![.!?:]\s)(?<!^)\b(?:Sie|Ihr|Ihre|Ihren|Ihnen)\b"),
    Language.ES: re.compile(r"\b(?:usted|ustedes)\b", re.IGNORECASE),
    Language.FR: re.compile(r"\b(?:vous|votre|vos)\b", re.IGNORECASE),
}


@pytest.mark.parametrize("language", TRANSLATED, ids=str)
def test_the_coach_says_du_tu_tu(language: Language) -> None:
    for exercise in LIBRARY.localized(language):
        texts = [exercise.why, *exercise.steps, *exercise.cues, exercise.beyond_top]
        texts += [text for rung in exercise.ladder for text in (rung.change, rung.cue)]
        formal = [text for text in texts if FORMAL[language].search(text)]
        assert formal == [], exercise.id


def test_a_runners_code_picks_the_language_and_an_unknown_one_english() -> None:
    assert LIBRARY.localized("de-AT") is LIBRARY.localized(Language.DE)
    assert LIBRARY.localized("pt-BR") is LIBRARY
    assert LIBRARY.localized(None) is LIBRARY
    assert LIBRARY.localized(Language.FR).localized("es") is LIBRARY.localized(Language.ES)
    assert LIBRARY.localized(Language.ES).localized("en") is LIBRARY
    assert LIBRARY.languages == (Language.EN, Language.DE, Language.ES, Language.FR)


# --- a broken translation file -------------------------------------------------------------


def _german() -> dict[str, Any]:
    with (CONTENT / translation_file(Language.DE)).open("rb") as file:
        return tomllib.load(file)


def _without(data: dict[str, Any], *path: str) -> dict[str, Any]:
    broken = deepcopy(data)
    table = broken
    for key in path[:-1]:
        table = table[key]
    del table[path[-1]]
    return broken


def _with(data: dict[str, Any], value: object, *path: str) -> dict[str, Any]:
    broken = deepcopy(data)
    table = broken
    for key in path[:-1]:
        table = table.setdefault(key, {})
    table[path[-1]] = value
    return broken


GERMAN = _german()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            _without(GERMAN, "calf_raise"), "exercise 'calf_raise' is missing", id="no-exercise"
        ),
        pytest.param(
            _with(GERMAN, {"name": "Liegestütz"}, "push_up"),
            "unknown exercise 'push_up' (known: moving_lunge, squat,",
            id="unknown-exercise",
        ),
        pytest.param(
            _without(GERMAN, "squat", "cues"),
            "exercise 'squat': missing field 'cues'",
            id="no-field",
        ),
        pytest.param(
            _with(GERMAN, "...", "squat", "video"),
            "exercise 'squat': unknown field 'video'",
            id="unknown-field",
        ),
        pytest.param(
            _with(GERMAN, [], "squat", "steps"),
            "exercise 'squat': field 'steps' must not be empty",
            id="empty-steps",
        ),
        pytest.param(
            _without(GERMAN, "squat", "rung", "slow"),
            "exercise 'squat': rung 'slow' is missing",
            id="no-rung",
        ),
        pytest.param(
            _with(GERMAN, {"name": "x", "change": "y", "cue": "z"}, "squat", "rung", "box"),
            "exercise 'squat': unknown rung 'box'",
            id="unknown-rung",
        ),
        pytest.param(
            _without(GERMAN, "squat", "rung", "slow", "cue"),
            "exercise 'squat', rung 'slow': missing field 'cue'",
            id="no-rung-cue",
        ),
        pytest.param(
            _with(GERMAN, ["Ausfallschritt", "Kniebeuge"], "moving_lunge", "aliases"),
            "alias 'kniebeuge' is already used by exercise 'moving_lunge'",
            id="a-word-for-two-exercises",
        ),
        pytest.param(
            _with(GERMAN, ["Ausfallschritt", "Squat"], "moving_lunge", "aliases"),
            "exercise 'moving_lunge': alias 'squat' is already used by exercise 'squat'",
            id="an-english-word-of-another-exercise",
        ),
    ],
)
def test_a_broken_translation_fails_with_a_precise_message(
    data: dict[str, Any], message: str
) -> None:
    with pytest.raises(LibraryError) as caught:
        parse_translation(data, ENGLISH, "exercises.de.toml")
    assert message in str(caught.value)
    assert str(caught.value).startswith("exercises.de.toml: ")


def test_a_missing_or_unreadable_translation_file_is_a_library_error(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match=r"exercises\.de\.toml: cannot read"):
        load_translation(ENGLISH, Language.DE, tmp_path / "exercises.de.toml")
    (tmp_path / "exercises.de.toml").write_text("[squat\n", encoding="utf-8")
    with pytest.raises(LibraryError, match=r"exercises\.de\.toml: not valid TOML"):
        load_translation(ENGLISH, Language.DE, tmp_path / "exercises.de.toml")


@pytest.mark.parametrize("language", TRANSLATED, ids=str)
def test_the_packaged_file_loads_on_its_own(language: Language) -> None:
    assert load_translation(ENGLISH, language) == LIBRARY.localized(language).exercises
