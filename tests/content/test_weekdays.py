"""Running days typed in English, German, Spanish and French."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content.weekdays import parse_weekdays

WORKWEEK = {0, 1, 2, 3, 4}
EVERY_DAY = set(range(7))


@pytest.fixture(scope="module", autouse=True)
def _vocabulary_loaded() -> None:
    """Load CLDR's weekday names once, so property examples time the parsing only."""
    for language in ("en", "de", "es", "fr"):
        parse_weekdays("Mon", language)


TABLE: list[tuple[str, str, set[int] | None]] = [
    ("en", "Mon Wed Fri", {0, 2, 4}),
    ("en", "mon, wed, fri", {0, 2, 4}),
    ("en", "Monday and Thursday", {0, 3}),
    ("en", "Mondays and Thursdays", {0, 3}),
    ("en", "tue, thu & sat", {1, 3, 5}),
    ("en", "Tu Th Sa", {1, 3, 5}),
    ("en", "weekdays", WORKWEEK),
    ("en", "every day", EVERY_DAY),
    ("en", "daily", EVERY_DAY),
    ("en", "every day except Sunday", {0, 1, 2, 3, 4, 5}),
    ("en", "weekdays and Sunday", {0, 1, 2, 3, 4, 6}),
    ("en", "weekends", {5, 6}),
    ("en", "Mon-Fri", WORKWEEK),
    ("en", "Monday to Friday", WORKWEEK),
    ("en", "Fri-Mon", {4, 5, 6, 0}),
    ("de", "jeden Montag und Donnerstag", {0, 3}),
    ("de", "Mo Mi Fr", {0, 2, 4}),
    ("de", "Mo-Fr", WORKWEEK),
    ("de", "Mo–Fr", WORKWEEK),
    ("de", "Montag bis Freitag", WORKWEEK),
    ("de", "Di, Do, Sa", {1, 3, 5}),
    ("de", "montags und freitags", {0, 4}),
    ("de", "am Wochenende", {5, 6}),
    ("de", "täglich", EVERY_DAY),
    ("de", "jeden Tag außer Sonntag", {0, 1, 2, 3, 4, 5}),
    ("de", "Mon Wed", {0, 2}),
    ("es", "lunes, miércoles", {0, 2}),
    ("es", "lunes y miercoles", {0, 2}),
    ("es", "martes y jueves", {1, 3}),
    ("es", "de lunes a viernes", WORKWEEK),
    ("es", "lunes a viernes", WORKWEEK),
    ("es", "todos los días", EVERY_DAY),
    ("es", "fin de semana", {5, 6}),
    ("es", "los sábados y domingos", {5, 6}),
    ("es", "lun mié vie", {0, 2, 4}),
    ("es", "cada lunes", {0}),
    ("fr", "mardi et samedi", {1, 5}),
    ("fr", "du lundi au vendredi", WORKWEEK),
    ("fr", "le week-end", {5, 6}),
    ("fr", "tous les jours", EVERY_DAY),
    ("fr", "tous les jours sauf le dimanche", {0, 1, 2, 3, 4, 5}),
    ("fr", "lundis et jeudis", {0, 3}),
    ("fr", "lun. mer. ven.", {0, 2, 4}),
    ("fr", "lundi, mercredi et vendredi", {0, 2, 4}),
    ("fr", "chaque jeudi", {3}),
    # not understood: asked again rather than guessed
    ("en", "not Monday", None),
    ("en", "I run Monday", None),
    ("en", "none", None),
    ("en", "", None),
    ("en", "Monday to", None),
    ("en", "Monday or Tuesday", None),
    ("de", "lunes y martes", None),  # Spanish is not read for a German runner
]


@pytest.mark.parametrize(("language", "text", "expected"), TABLE)
def test_running_days(language: str, text: str, expected: set[int] | None) -> None:
    assert parse_weekdays(text, language) == expected


def test_each_language_has_rows() -> None:
    for language in ("en", "de", "es", "fr"):
        assert sum(1 for lang, _, _ in TABLE if lang == language) >= 8


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.sampled_from(["en", "de", "es", "fr"]))
def test_never_raises_and_only_returns_weekdays(text: str, language: str) -> None:
    found = parse_weekdays(text, language)
    assert found is None or (found and found <= EVERY_DAY)


@given(st.sets(st.integers(min_value=0, max_value=6), min_size=1))
def test_every_set_of_english_names_reads_back(days: set[int]) -> None:
    names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    assert parse_weekdays(" and ".join(names[day] for day in sorted(days))) == days
