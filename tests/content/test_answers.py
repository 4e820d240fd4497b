"""Typed answers read as button presses (issue 18): labels, usual words, typos, and asking
back when two buttons on screen fit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.answers import Fit, ListReading, Option, Reading, read_answer, read_answers
from content.answerwords import Meaning
from content.folding import key

LEVEL = (
    Option("beginner", "Beginner", (Meaning.BEGINNER,)),
    Option("intermediate", "Intermediate", (Meaning.INTERMEDIATE,)),
    Option("advanced", "Advanced", (Meaning.ADVANCED,)),
)
KIT = (
    Option("none", "None", (Meaning.NONE,)),
    Option("hip_band", "Hip-circle band", (Meaning.HIP_BAND,)),
    Option("long_band", "Long band", (Meaning.LONG_BAND,)),
    Option("dumbbells", "Dumbbells", (Meaning.DUMBBELLS,)),
    Option("done", "Done", (Meaning.DONE,)),
)
YES_NO = (Option("yes", "Yes", (Meaning.YES,)), Option("no", "No", (Meaning.NO,)))
# A session card with an effort question below it: "hard" is an answer, not Harder.
CARD = (
    Option("easy", "Easy"),
    Option("ok", "OK"),
    Option("hard", "Hard"),
    Option("done", "Done", (Meaning.DONE,)),
    Option("harder", "Harder", (Meaning.HARDER,)),
    Option("easier", "Easier", (Meaning.EASIER,)),
    Option("skip", "Skip", (Meaning.SKIP,)),
    Option("how", "How?", (Meaning.HOW,)),
)


def value(text: str, options: tuple[Option, ...], language: str = "en") -> str | None:
    reading = read_answer(text, options, language)
    return None if reading is None else reading.value


@pytest.mark.parametrize(
    ("text", "options", "language", "expected", "fit"),
    [
        # the label, in any case, with its tick mark or words around it
        ("beginner", LEVEL, "en", "beginner", Fit.LABEL),
        ("  ADVANCED ", LEVEL, "en", "advanced", Fit.LABEL),
        ("I'm a beginner", LEVEL, "en", "beginner", Fit.LABEL),
        ("intermediate please", LEVEL, "en", "intermediate", Fit.LABEL),
        ("Dumbbells ✅", KIT, "en", "dumbbells", Fit.LABEL),
        ("hip circle band", KIT, "en", "hip_band", Fit.LABEL),
        ("How?", CARD, "en", "how", Fit.LABEL),
        # usual words, in the runner's language and English
        ("expert", LEVEL, "en", "advanced", Fit.SYNONYM),
        ("Anfängerin", LEVEL, "de", "beginner", Fit.SYNONYM),
        ("débutant", LEVEL, "fr", "beginner", Fit.SYNONYM),
        ("nothing", KIT, "en", "none", Fit.SYNONYM),
        ("I have nothing", KIT, "en", "none", Fit.SYNONYM),
        ("finished", KIT, "en", "done", Fit.SYNONYM),
        ("that's it", KIT, "en", "done", Fit.SYNONYM),
        ("fertig", KIT, "de", "done", Fit.SYNONYM),
        ("yep", YES_NO, "en", "yes", Fit.SYNONYM),
        ("ok", YES_NO, "en", "yes", Fit.SYNONYM),
        ("👍", YES_NO, "en", "yes", Fit.SYNONYM),
        ("👍🏽", YES_NO, "en", "yes", Fit.SYNONYM),
        ("nope", YES_NO, "en", "no", Fit.SYNONYM),
        ("oui", YES_NO, "fr", "yes", Fit.SYNONYM),
        ("claro", YES_NO, "es", "yes", Fit.SYNONYM),
        ("too easy", CARD, "en", "harder", Fit.SYNONYM),
        ("finished", CARD, "en", "done", Fit.SYNONYM),
        # typos and the start of a long word
        ("Beginer", LEVEL, "en", "beginner", Fit.NEAR),
        ("advnaced", LEVEL, "en", "advanced", Fit.NEAR),
        ("inter", LEVEL, "en", "intermediate", Fit.NEAR),
        ("dumbels", KIT, "en", "dumbbells", Fit.NEAR),
        ("dumb", KIT, "en", "dumbbells", Fit.NEAR),
        ("longband", KIT, "en", "long_band", Fit.NEAR),
        ("doen", KIT, "en", "done", Fit.NEAR),
        ("hadrer", CARD, "en", "harder", Fit.NEAR),
    ],
)
def test_a_typed_answer_is_the_button_it_names(
    text: str, options: tuple[Option, ...], language: str, expected: str, fit: Fit
) -> None:
    assert read_answer(text, options, language) == Reading(fit, expected, text=text)


@pytest.mark.parametrize(
    ("text", "options", "candidates"),
    [
        ("band", KIT, ("hip_band", "long_band")),  # either band
        ("bone", KIT, ("none", "done")),  # one letter from None and from Done
        ("✅", YES_NO + KIT[-1:], ("yes", "done")),
        ("harde", CARD, ("hard", "harder")),  # a typo of two buttons on screen
        ("hardr", CARD, ("hard", "harder")),
    ],
)
def test_a_word_two_buttons_fit_is_unsure(
    text: str, options: tuple[Option, ...], candidates: tuple[str, ...]
) -> None:
    reading = read_answer(text, options)
    assert reading is not None and reading.fit is Fit.UNSURE
    assert reading.value is None and reading.candidates == candidates


@pytest.mark.parametrize(
    ("text", "options"),
    [
        ("not a beginner", LEVEL),  # a negation is never read away
        ("purple", LEVEL),
        ("how do I do a squat?", LEVEL),
        ("", LEVEL),
        ("I am", LEVEL),  # only words around an answer
        ("now", YES_NO),  # one letter from "no", but too short to be a typo of it
        ("yes", LEVEL),  # a usual word of a button that is not on screen
        ("hard", CARD[3:]),  # not the start of Harder: a word of its own
        ("Anfänger", LEVEL),  # German words only for a German-speaking runner
    ],
)
def test_text_that_names_no_button_is_left_alone(text: str, options: tuple[Option, ...]) -> None:
    assert read_answer(text, options) is None


def test_the_label_wins_over_another_buttons_usual_word() -> None:
    # "Hard" is the effort answer even though "harder" is near it and both are on screen
    assert value("hard", CARD) == "hard"
    assert value("Harder", CARD) == "harder"
    # "no" is a usual word for None, but a "No" button on screen is "no" itself
    both = (*YES_NO, Option("none", "None", (Meaning.NONE,)))
    assert value("no", both) == "no"
    assert value("none", both) == "none"


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("dumbbells and a long band", "en", ListReading(("long_band", "dumbbells"))),
        ("Dumbbells, hip band", "en", ListReading(("hip_band", "dumbbells"))),
        ("long band + dumbbells", "en", ListReading(("long_band", "dumbbells"))),
        ("Hanteln und Miniband", "de", ListReading(("hip_band", "dumbbells"))),
        ("haltères et bande longue", "fr", ListReading(("long_band", "dumbbells"))),
        ("nothing", "en", ListReading(("none",))),
        (
            "dumbbells and band",
            "en",
            ListReading(
                ("dumbbells",),
                (Reading(Fit.UNSURE, candidates=("hip_band", "long_band"), text="band"),),
            ),
        ),
    ],
)
def test_a_typed_list_ticks_each_item(text: str, language: str, expected: ListReading) -> None:
    assert read_answers(text, KIT, language) == expected


@pytest.mark.parametrize("text", ["dumbbells but no band", "dumbbells and a kettlebell", ", ,"])
def test_a_list_with_a_word_we_do_not_know_is_not_taken_in_part(text: str) -> None:
    assert read_answers(text, KIT) is None


labels = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz -", min_size=1, max_size=14).filter(
        lambda label: key(label) != ""
    ),
    min_size=1,
    max_size=6,
    unique_by=key,
)


@given(labels, st.data())
def test_any_label_on_screen_reads_as_its_own_button(
    names: list[str], data: st.DataObject
) -> None:
    options = tuple(Option(f"v{i}", name, (Meaning.DONE,)) for i, name in enumerate(names))
    index = data.draw(st.integers(0, len(options) - 1))
    reading = read_answer(f" {names[index].upper()} ", options)
    assert reading is not None and (reading.fit, reading.value) == (Fit.LABEL, f"v{index}")


@given(st.text(max_size=30))
def test_a_near_reading_never_has_a_rival_on_screen(text: str) -> None:
    reading = read_answer(text, CARD)
    if reading is not None and reading.fit is Fit.NEAR:
        rivals = [
            option.value
            for option in CARD
            if option.value != reading.value and read_answer(text, (option,)) is not None
        ]
        assert rivals == []
