"""How-to questions in German, Spanish and French (issue 16, point 6): each language's table
of phrasings, typos included, matched against that language's library (and English), and
questions that name no exercise told apart from chat."""

from __future__ import annotations

import pytest

from content.howto import looks_like_exercise_question, match_exercise, normalise
from content.languages import Language
from content.library import default_library

LIBRARY = default_library()
LUNGE = "moving_lunge"
SQUAT = "squat"
JUMP = "squat_jump"
DEADLIFT = "single_leg_deadlift"
BRIDGE = "single_leg_bridge"
CALF = "calf_raise"
SIDE = "side_lunge"

# What runners type in each language, and the exercise they mean. Typos marked "unlisted"
# are in no alias list: the fuzzy tiers find them.
PHRASINGS: dict[Language, list[tuple[str, str]]] = {
    Language.DE: [
        ("wie mache ich eine Kniebeuge", SQUAT),
        ("Wie macht man Kniebeugen richtig?", SQUAT),
        ("kniebeige", SQUAT),
        ("Kniebuegen", SQUAT),
        ("wie geht eine bulgarische Kniebeuge", SQUAT),
        ("wie geht ein Ausfallschritt", LUNGE),
        ("Ausfallschritte im Gehen", LUNGE),
        ("ausfalschrit im gehen", LUNGE),
        ("wie mache ich einen seitlichen Ausfallschritt", SIDE),
        ("seitlicher ausfallschrtt", SIDE),
        ("Ausfallschritt zur Seite bitte", SIDE),
        ("zeig mir die Sprungkniebeuge", JUMP),
        ("Kniebeugen mit Sprung", JUMP),
        ("wie mache ich Strecksprünge?", JUMP),
        ("sprungkniebeuege", JUMP),
        ("wie funktioniert einbeiniges Kreuzheben", DEADLIFT),
        ("einbeiniges kreuzhebem", DEADLIFT),
        ("erklär mir die Standwaage", DEADLIFT),
        ("Kreuzheben auf einem Bein mit Kurzhanteln", DEADLIFT),
        ("wie mache ich eine Brücke", BRIDGE),
        ("Beckenheben einbeinig", BRIDGE),
        ("wie geht beckenhben", BRIDGE),
        ("Schulterbrücke?", BRIDGE),
        ("Wadenheben", CALF),
        ("wie mache ich Wadenheben an der Stufe", CALF),
        ("wadenhebenn", CALF),
        ("wie trainiere ich meine Waden", CALF),
        ("Übung für die Waden", CALF),
        ("how do I do a squat", SQUAT),
    ],
    Language.ES: [
        ("cómo se hace una zancada lateral", SIDE),
        ("Cómo se hace una zancada lateral?", SIDE),
        ("como hago una zancada laterl", SIDE),
        ("zancadas laterales", SIDE),
        ("¿cómo se hace una sentadilla?", SQUAT),
        ("sentadilas", SQUAT),
        ("sentadila bulgara", SQUAT),
        ("explícame la sentadilla búlgara", SQUAT),
        ("cómo hago zancadas", LUNGE),
        ("zancada caminando", LUNGE),
        ("sancadas caminando", LUNGE),
        ("¿Cómo se hacen los desplantes?", LUNGE),
        ("sentadilla con salto", JUMP),
        ("como se hace la sentadila con salto", JUMP),
        ("saltos en sentadilla", JUMP),
        ("cómo hacer peso muerto a una pierna", DEADLIFT),
        ("peso muerto rumano", DEADLIFT),
        ("peso muerot a una pierna", DEADLIFT),
        ("muéstrame el puente de glúteo", BRIDGE),
        ("puente de gluteos a una pierna", BRIDGE),
        ("cómo se hace el puente", BRIDGE),
        ("elevación de cadera", BRIDGE),
        ("elevación de talones", CALF),
        ("como hago elevaciones de talnes", CALF),
        ("ejercicio para los gemelos", CALF),
        ("¿cómo se hacen las elevaciones de gemelos?", CALF),
        ("puntillas", CALF),
        ("how do I do a side lunge", SIDE),
    ],
    Language.FR: [
        ("comment on fait une fente latérale", SIDE),
        ("comment faire une fente laterale ?", SIDE),
        ("fente latéral", SIDE),
        ("fentes latrales", SIDE),
        ("comment faire un squat", SQUAT),
        ("c'est quoi un squat bulgare ?", SQUAT),
        ("sqauts", SQUAT),
        ("Comment on fait les fentes ?", LUNGE),
        ("fentes marchées", LUNGE),
        ("fente marchéé", LUNGE),
        ("montre-moi la fente avant", LUNGE),
        ("squat sauté", JUMP),
        ("comment je fais un squat sauter", JUMP),
        ("squats sautés", JUMP),
        ("comment faire le soulevé de terre sur une jambe ?", DEADLIFT),
        ("soulever de terre", DEADLIFT),
        ("soulevé de terre unilatérall", DEADLIFT),
        ("qu'est-ce qu'un pont fessier ?", BRIDGE),
        ("comment on fait un pont ?", BRIDGE),
        ("pont fesier sur une jambe", BRIDGE),
        ("relevé de bassin", BRIDGE),
        ("comment faire l'élévation des mollets", CALF),
        ("élévation des molets", CALF),
        ("un exercice pour les mollets", CALF),
        ("mollets debout", CALF),
        ("explique-moi les extensions des mollets", CALF),
        ("how do I do a single leg deadlift", DEADLIFT),
    ],
}

# Typos in no alias list of their language: the fuzzy tiers must find them.
UNLISTED = {
    Language.DE: ["Kniebuegen", "sprungkniebeuege", "einbeiniges kreuzhebem", "wadenhebenn"],
    Language.ES: ["como hago elevaciones de talnes", "peso muerot a una pierna"],
    Language.FR: ["fentes latrales", "soulevé de terre unilatérall", "pont fesseir sur une jambe"],
}
# At least this share of each language's table must name the right exercise.
MIN_MATCHED = 0.95

CASES = [
    (language, text, expected) for language, rows in PHRASINGS.items() for text, expected in rows
]


@pytest.mark.parametrize("language", list(PHRASINGS), ids=str)
def test_each_language_has_a_big_table_covering_every_exercise(language: Language) -> None:
    rows = PHRASINGS[language]
    assert len(rows) >= 20
    assert {expected for _text, expected in rows} == set(LIBRARY.ids)


@pytest.mark.parametrize("language", list(PHRASINGS), ids=str)
def test_at_least_95_percent_of_each_languages_phrasings_are_understood(
    language: Language,
) -> None:
    library = LIBRARY.localized(language)
    rows = PHRASINGS[language]
    missed = [
        (text, expected, match_exercise(text, library))
        for text, expected in rows
        if match_exercise(text, library).exercise_id != expected
    ]
    assert len(missed) <= (1 - MIN_MATCHED) * len(rows), missed


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_a_phrasing_names_its_exercise_or_nothing_else(
    language: Language, text: str, expected: str
) -> None:
    """A phrasing may be missed (the 95% above), but never names another exercise."""
    match = match_exercise(text, LIBRARY.localized(language))
    assert match.exercise_id in (expected, None)


@pytest.mark.parametrize(
    ("language", "text"), [(lang, text) for lang, texts in UNLISTED.items() for text in texts]
)
def test_unlisted_typos_are_found_fuzzily(language: Language, text: str) -> None:
    library = LIBRARY.localized(language)
    names = {normalise(n) for e in library for n in (e.name, *e.aliases, *e.misspellings)}
    assert normalise(text) not in names
    assert match_exercise(text, library).kind == "fuzzy"


def test_english_names_are_understood_in_every_language() -> None:
    for language in (Language.DE, Language.ES, Language.FR):
        assert match_exercise("glute bridge", LIBRARY.localized(language)).exercise_id == BRIDGE


def test_the_english_library_does_not_read_other_languages() -> None:
    assert match_exercise("Kniebeuge", LIBRARY).kind == "none"
    assert match_exercise("Kniebeuge", LIBRARY.localized("de-AT")).exercise_id == SQUAT


@pytest.mark.parametrize(
    ("language", "text", "candidates"),
    [
        (Language.DE, "Ausfallschritt Kniebeuge", {LUNGE, SQUAT}),
        (Language.ES, "elevación", {CALF, BRIDGE}),
        (Language.FR, "fente ou squat ?", {LUNGE, SQUAT}),
    ],
)
def test_ambiguous_questions_offer_the_candidates(
    language: Language, text: str, candidates: set[str]
) -> None:
    match = match_exercise(text, LIBRARY.localized(language))
    assert match.kind == "ambiguous" and candidates <= set(match.candidates)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (Language.DE, "danke!"),
        (Language.DE, "wie geht es dir?"),
        (Language.DE, "Liegestütze"),
        (Language.ES, "gracias"),
        (Language.ES, "flexiones"),
        (Language.ES, "¿qué tiempo hace?"),
        (Language.FR, "merci beaucoup"),
        (Language.FR, "pompes"),
        (Language.FR, "gainage"),
    ],
)
def test_chat_and_other_exercises_name_nothing(language: Language, text: str) -> None:
    assert match_exercise(text, LIBRARY.localized(language)).kind == "none"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("wie mache ich einen Burpee?", True),
        ("wie geht ein Burpee", True),
        ("zeig mir eine Übung für die Hüfte", True),
        ("¿cómo se hace un burpee?", True),
        ("muéstrame un ejercicio para la cadera", True),
        ("comment faire des pompes ?", True),
        ("montre-moi un exercice pour les hanches", True),
        ("wie geht es dir?", False),
        ("wie ändere ich meine Erinnerung?", False),
        ("wie mache ich eine Pause?", False),
        ("¿cómo estás?", False),
        ("¿cómo cambio el idioma?", False),
        ("comment ça va ?", False),
        ("comment on fait pour changer la langue ?", False),
        ("merci", False),
    ],
)
def test_questions_about_an_exercise_in_every_language(text: str, expected: bool) -> None:
    assert looks_like_exercise_question(text) is expected
