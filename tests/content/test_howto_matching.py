"""Matching what a runner types to an exercise (issue 5): phrasings, typos, ambiguous, unknown."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content.howto import (
    FILLER,
    MAX_CANDIDATES,
    ExerciseMatch,
    equipment_options,
    looks_like_exercise_question,
    match_exercise,
    normalise,
)
from content.library import default_library
from content.model import Equipment

LIBRARY = default_library()

LUNGE = "moving_lunge"
SQUAT = "squat"
JUMP = "squat_jump"
DEADLIFT = "single_leg_deadlift"
BRIDGE = "single_leg_bridge"
CALF = "calf_raise"
SIDE = "side_lunge"

# What runners type, and the exercise they mean.
PHRASINGS: list[tuple[str, str]] = [
    # quoted in the issue
    ("side lunge", SIDE),
    ("how do I do a single leg deadlift?", DEADLIFT),
    ("bridge?", BRIDGE),
    ("what are calf raises", CALF),
    ("RDL", DEADLIFT),
    ("glute bridge", BRIDGE),
    ("heel raises", CALF),
    ("lundge", LUNGE),
    ("calf raisse", CALF),
    ("singel leg dead lift", DEADLIFT),
    # typos
    ("sqaut", SQUAT),
    ("brige", BRIDGE),
    ("side lundge", SIDE),
    ("jump sqats", JUMP),
    ("walkng lunges", LUNGE),
    ("sinlge leg dedlift", DEADLIFT),
    ("calf raies", CALF),
    ("glute brdge", BRIDGE),
    ("squaat", SQUAT),
    ("lateral lnge", SIDE),
    ("jumping sqauts", JUMP),
    ("glutebrdge", BRIDGE),
    ("sqaut jmup", JUMP),
    # casing, punctuation, emoji
    ("HOW TO SQUAT", SQUAT),
    ("Walking lunges", LUNGE),
    ("Squat Jumps", JUMP),
    ("squats!!!", SQUAT),
    ("Calf raise 🦵", CALF),
    ("side-lunge", SIDE),
    ("Single-leg RDL", DEADLIFT),
    ("  glute   BRIDGE ?? ", BRIDGE),
    # question forms and filler
    ("How do I do a bridge?", BRIDGE),
    ("what is a lateral lunge?", SIDE),
    ("what's a squat jump", JUMP),
    ("What’s a squat jump?", JUMP),
    ("how should i do calf raises", CALF),
    ("how do you do a goblet squat", SQUAT),
    ("show me the single-leg deadlift", DEADLIFT),
    ("explain hip thrust", BRIDGE),
    ("tell me about side lunges please", SIDE),
    ("how to do heel raises?", CALF),
    ("how do i do the one leg bridge exercise", BRIDGE),
    ("what are heel lifts", CALF),
    ("hey coach, how do I do lunges properly?", LUNGE),
    # aliases
    ("air squat", SQUAT),
    ("jump squat", JUMP),
    ("lateral lunge", SIDE),
    ("skater lunge", SIDE),
    ("side squat", SIDE),
    ("tiptoe raises", CALF),
    ("bulgarian split squat", SQUAT),
    ("banded squat", SQUAT),
    ("plyo squats", JUMP),
    ("one legged bridge", BRIDGE),
    ("Single leg glute bridge?", BRIDGE),
    ("single leg calf raises", CALF),
    ("deadlift", DEADLIFT),
    ("moving lunge", LUNGE),
    ("lunges", LUNGE),
    ("lunge", LUNGE),
    # spacing and plurals the library does not list
    ("calfraises", CALF),
    ("singlelegdeadlift", DEADLIFT),
    ("side lunge s", SIDE),
    # word order, extra words, pieces of a name
    ("lunge side", SIDE),
    ("squat band", SQUAT),
    ("How do I do a single leg deadlift with dumbbells?", DEADLIFT),
    ("single leg deadlift with a band", DEADLIFT),
    ("how to do a romanian deadlift", DEADLIFT),
    ("i did squats today", SQUAT),
    ("jump", JUMP),
    ("calf", CALF),
    ("hip", BRIDGE),
    ("split", SQUAT),
]

# Typos the library does not list: found by the fuzzy tiers, not by lookup.
UNLISTED_TYPOS = [
    "sinlge leg dedlift",
    "calf raies",
    "glute brdge",
    "squaat",
    "lateral lnge",
    "walkng lunges",
    "glutebrdge",
    "sqaut jmup",
]

# Text that fits several exercises: the bot offers these (among others) as buttons.
AMBIGUOUS: list[tuple[str, set[str]]] = [
    ("leg", {DEADLIFT, BRIDGE, CALF}),
    ("single leg", {DEADLIFT, BRIDGE, CALF}),
    ("how do I do a single leg?", {DEADLIFT, BRIDGE, CALF}),
    ("raise", {CALF, BRIDGE}),
    ("lift", {CALF, BRIDGE, DEADLIFT}),
    ("band", {SQUAT, LUNGE, JUMP, SIDE}),
    ("dumbbell", {LUNGE, SQUAT, DEADLIFT}),
    ("lunge or squat?", {LUNGE, SQUAT}),
    ("jump lunge", {LUNGE, JUMP}),
    ("calf bridge", {CALF, BRIDGE}),
]

# Not an exercise we coach, or not about exercise at all: never a guess.
UNKNOWN = [
    "hello",
    "thanks!",
    "what's the weather",
    "burpee",
    "how do I do a burpee?",
    "pull up",
    "push ups",
    "plank",
    "bench press",
    "deadlift bench press",
    "leg press",
    "box jump",
    "step up",
    "wall sit",
    "nordic curl",
    "calf stretch",
    "when is my next leg day",
    "how many reps",
    "good morning",
    "ok",
    "hi",
    "yes",
    "done",
    "and",
    "👍",
    "???",
    "",
    "how are you?",
]


@pytest.mark.parametrize(("text", "expected"), PHRASINGS)
def test_phrasing_names_one_exercise(text: str, expected: str) -> None:
    match = match_exercise(text, LIBRARY)
    assert match == ExerciseMatch(match.kind, expected, (expected,))
    assert match.kind in ("exact", "fuzzy")


def test_the_table_is_big_and_covers_every_exercise() -> None:
    assert len(PHRASINGS) >= 45
    assert {expected for _text, expected in PHRASINGS} == set(LIBRARY.ids)


@pytest.mark.parametrize("text", UNLISTED_TYPOS)
def test_typos_the_library_does_not_list_match_fuzzily(text: str) -> None:
    assert text not in {normalise(t) for e in LIBRARY for t in (e.name, *e.misspellings)}
    assert match_exercise(text, LIBRARY).kind == "fuzzy"


@pytest.mark.parametrize(("text", "expected"), AMBIGUOUS)
def test_ambiguous_text_offers_the_best_matches(text: str, expected: set[str]) -> None:
    match = match_exercise(text, LIBRARY)
    assert match.kind == "ambiguous" and match.exercise_id is None
    assert expected <= set(match.candidates)
    assert len(match.candidates) == len(set(match.candidates)) <= MAX_CANDIDATES


@pytest.mark.parametrize("text", UNKNOWN)
def test_unknown_text_matches_nothing(text: str) -> None:
    assert match_exercise(text, LIBRARY) == ExerciseMatch("none", None, ())


def test_every_name_alias_and_misspelling_is_an_exact_match() -> None:
    for exercise in LIBRARY:
        for term in (exercise.name, *exercise.aliases, *exercise.misspellings):
            assert match_exercise(term, LIBRARY) == ExerciseMatch(
                "exact", exercise.id, (exercise.id,)
            ), term


JOINING_WORDS = frozenset({"to", "of", "for", "with", "on", "in", "at", "and", "or"})


def test_filler_drops_only_joining_words_from_exercise_names() -> None:
    # "side to side lunge" may lose its "to"; "one leg bridge" must keep its "one"
    for exercise in LIBRARY:
        for term in (exercise.name, *exercise.aliases, *exercise.misspellings):
            words = set(term.casefold().replace("-", " ").split())
            assert words & FILLER <= JOINING_WORDS, (exercise.id, term)
            assert normalise(term), term


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("How do I do a Bridge?", "bridge"),
        ("what's a squat-jump?!", "squat jump"),
        ("Tell me about   SIDE lunges, please 🙏", "side lunges"),
        ("show me the single‑leg deadlift", "single leg deadlift"),
        ("how to", ""),
        ("🦵🦵", ""),
    ],
)
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("how do I do a burpee?", True),
        ("How to do pull ups", True),
        ("how should you do a plank", True),
        ("show me a nordic curl", True),
        ("explain the clamshell", True),
        ("what's a good exercise for my hips?", True),
        ("hello", False),
        ("thanks!", False),
        ("what's the weather", False),
        ("how are you?", False),
        ("how many reps?", False),
        ("how do I change my reminder time?", False),
        ("burpee", False),
    ],
)
def test_looks_like_exercise_question(text: str, expected: bool) -> None:
    assert looks_like_exercise_question(text) is expected


def test_equipment_options_list_body_weight_first_then_the_ladders_kit() -> None:
    assert equipment_options(LIBRARY.get(SIDE)) == (
        Equipment.NONE,
        Equipment.HIP_BAND,
        Equipment.DUMBBELLS,
    )
    assert equipment_options(LIBRARY.get(DEADLIFT)) == (
        Equipment.NONE,
        Equipment.LONG_BAND,
        Equipment.DUMBBELLS,
    )


@settings(max_examples=200)
@given(st.text(max_size=60))
def test_any_text_gives_a_consistent_answer(text: str) -> None:
    match = match_exercise(text, LIBRARY)
    assert set(match.candidates) <= set(LIBRARY.ids)
    if match.kind in ("exact", "fuzzy"):
        assert match.exercise_id in LIBRARY.ids and match.candidates == (match.exercise_id,)
    elif match.kind == "ambiguous":
        assert match.exercise_id is None and 2 <= len(match.candidates) <= MAX_CANDIDATES
    else:
        assert match == ExerciseMatch("none")
