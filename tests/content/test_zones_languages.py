"""Places typed in English, German, Spanish and French: CLDR names, gazetteer towns, typos.

Each row is (typed, zone, first): ``zone`` when the text names one zone for sure, else None
and ``first`` is the suggestion that must lead. Ambiguous names ask; a town that clearly
dominates its namesakes answers.
"""

from __future__ import annotations

import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content.zones import MAX_SUGGESTIONS, ZoneMatch, preload, resolve_zone, zone_label

Row = tuple[str, str | None, str | None]


@pytest.fixture(scope="module", autouse=True)
def _indexes_built() -> None:
    preload()


ENGLISH: list[Row] = [
    ("Grenoble", "Europe/Paris", None),
    ("Munich", "Europe/Berlin", None),
    ("Cologne", "Europe/Berlin", None),
    ("Vienna", "Europe/Vienna", None),
    ("Boulder", "America/Denver", None),
    ("Flagstaff", "America/Phoenix", None),
    ("Eldoret", "Africa/Nairobi", None),
    ("Iten", "Africa/Nairobi", None),
    ("Edinburgh", "Europe/London", None),
    ("Galway", "Europe/Dublin", None),
    ("South Korea", "Asia/Seoul", None),
    ("California", "America/Los_Angeles", None),
    ("Eastern Time", "America/New_York", None),
    ("Portland, Oregon", "America/Los_Angeles", None),
    ("Portland, ME", "America/New_York", None),
    ("Springfield, MO", "America/Chicago", None),
    ("Paris, TX", "America/Chicago", None),
    ("Berlin Germany", "Europe/Berlin", None),
    ("Wellington", "Pacific/Auckland", None),
    ("Athens", "Europe/Athens", None),
    # ambiguous: the runner picks
    ("Cambridge", None, "Europe/London"),
    ("Birmingham", None, "Europe/London"),
    ("Texas", None, "America/Chicago"),
    ("San Jose", None, "America/Costa_Rica"),
    ("Central European Time", None, "Europe/Berlin"),
    # typos and longer answers
    ("Manchestr", None, "Europe/London"),
    ("Grenobel", None, "Europe/Paris"),
    ("Bueons Aires", None, "America/Argentina/Buenos_Aires"),
    ("I live in Grenoble", None, "Europe/Paris"),
    ("I live in LA", None, "America/Los_Angeles"),
]

GERMAN: list[Row] = [
    ("München", "Europe/Berlin", None),
    ("Köln", "Europe/Berlin", None),
    ("Nürnberg", "Europe/Berlin", None),
    ("Garmisch-Partenkirchen", "Europe/Berlin", None),
    ("Wien", "Europe/Vienna", None),
    ("Zürich", "Europe/Zurich", None),
    ("Genf", "Europe/Zurich", None),
    ("Mailand", "Europe/Rome", None),
    ("Rom", "Europe/Rome", None),
    ("Lissabon", "Europe/Lisbon", None),
    ("Kopenhagen", "Europe/Copenhagen", None),
    ("Moskau", "Europe/Moscow", None),
    ("Kiew", "Europe/Kyiv", None),
    ("Warschau", "Europe/Warsaw", None),
    ("Prag", "Europe/Prague", None),
    ("Brüssel", "Europe/Brussels", None),
    ("Kapstadt", "Africa/Johannesburg", None),
    ("Deutschland", "Europe/Berlin", None),
    ("Österreich", "Europe/Vienna", None),
    ("Schweiz", "Europe/Zurich", None),
    ("Vereinigtes Königreich", "Europe/London", None),
    ("Neuseeland", "Pacific/Auckland", None),
    ("Mitteleuropäische Zeit", "Europe/Berlin", None),
    ("MEZ", "Europe/Berlin", None),
    ("Vereinigte Staaten", None, "America/New_York"),
    ("Spanien", None, "Europe/Madrid"),
    ("Müncen", None, "Europe/Berlin"),
    ("Stutgart", None, "Europe/Berlin"),
    ("Dresdn", None, "Europe/Berlin"),
    ("Duesseldorf", None, "Europe/Berlin"),
]

SPANISH: list[Row] = [
    ("Londres", "Europe/London", None),
    ("Nueva York", "America/New_York", None),
    ("Múnich", "Europe/Berlin", None),
    ("Colonia", "Europe/Berlin", None),
    ("Ginebra", "Europe/Zurich", None),
    ("Lisboa", "Europe/Lisbon", None),
    ("Roma", "Europe/Rome", None),
    ("Moscú", "Europe/Moscow", None),
    ("Pekín", "Asia/Shanghai", None),
    ("Atenas", "Europe/Athens", None),
    ("Sídney", "Australia/Sydney", None),
    ("Ciudad de México", "America/Mexico_City", None),
    ("Medellín", "America/Bogota", None),
    ("Zaragoza", "Europe/Madrid", None),
    ("Sevilla", "Europe/Madrid", None),
    ("Alemania", "Europe/Berlin", None),
    ("Reino Unido", "Europe/London", None),
    ("Japón", "Asia/Tokyo", None),
    ("Sudáfrica", "Africa/Johannesburg", None),
    ("hora de Europa central", "Europe/Madrid", None),
    ("Valencia, España", "Europe/Madrid", None),
    ("Valencia, Venezuela", "America/Caracas", None),
    ("Estados Unidos", None, "America/New_York"),
    ("España", None, "Europe/Madrid"),
    ("Córdoba", None, "America/Argentina/Cordoba"),
    ("Barclona", None, "Europe/Madrid"),
    ("Sevila", None, "Europe/Madrid"),
    ("Madriz", None, "Europe/Madrid"),
    ("Bogta", None, "America/Bogota"),
]

FRENCH: list[Row] = [
    ("Londres", "Europe/London", None),
    ("Genève", "Europe/Zurich", None),
    ("Bruxelles", "Europe/Brussels", None),
    ("Vienne", "Europe/Vienna", None),
    ("Moscou", "Europe/Moscow", None),
    ("Pékin", "Asia/Shanghai", None),
    ("Le Caire", "Africa/Cairo", None),
    ("Alger", "Africa/Algiers", None),
    ("Montréal", "America/Toronto", None),
    ("Annecy", "Europe/Paris", None),
    ("Strasbourg", "Europe/Paris", None),
    ("Dakar", "Africa/Dakar", None),
    ("Allemagne", "Europe/Berlin", None),
    ("Royaume-Uni", "Europe/London", None),
    ("Suisse", "Europe/Zurich", None),
    ("Belgique", "Europe/Brussels", None),
    ("Pays-Bas", "Europe/Amsterdam", None),
    ("Nouvelle-Zélande", "Pacific/Auckland", None),
    ("heure d’Europe centrale", "Europe/Paris", None),
    ("États-Unis", None, "America/New_York"),
    ("Espagne", None, "Europe/Madrid"),
    ("Brest", None, "Europe/Minsk"),
    ("Grenobel", None, "Europe/Paris"),
    ("Marseile", None, "Europe/Paris"),
    ("Bordaux", None, "Europe/Paris"),
    ("Londre", None, "Europe/London"),
]


def _check(text: str, zone: str | None, first: str | None) -> None:
    match = resolve_zone(text)
    if zone is not None:
        assert match == ZoneMatch(zone)
    else:
        assert match.zone is None
        assert match.suggestions[0] == first
        assert len(match.suggestions) <= MAX_SUGGESTIONS


@pytest.mark.parametrize(("text", "zone", "first"), ENGLISH)
def test_english(text: str, zone: str | None, first: str | None) -> None:
    _check(text, zone, first)


@pytest.mark.parametrize(("text", "zone", "first"), GERMAN)
def test_german(text: str, zone: str | None, first: str | None) -> None:
    _check(text, zone, first)


@pytest.mark.parametrize(("text", "zone", "first"), SPANISH)
def test_spanish(text: str, zone: str | None, first: str | None) -> None:
    _check(text, zone, first)


@pytest.mark.parametrize(("text", "zone", "first"), FRENCH)
def test_french(text: str, zone: str | None, first: str | None) -> None:
    _check(text, zone, first)


def test_each_language_table_has_twenty_rows_with_typos_and_ambiguity() -> None:
    for table in (ENGLISH, GERMAN, SPANISH, FRENCH):
        assert len(table) >= 20
        assert sum(1 for _, zone, _ in table if zone is None) >= 4


def test_grenoble_and_its_typo_reach_paris() -> None:
    assert resolve_zone("Grenoble") == ZoneMatch("Europe/Paris")
    assert resolve_zone("Grenobel").suggestions[0] == "Europe/Paris"


@pytest.mark.parametrize(
    ("zone", "locale", "label"),
    [
        ("Europe/Berlin", "en", "Berlin (Germany)"),
        ("Europe/Berlin", "de", "Berlin (Deutschland)"),
        ("Europe/Berlin", "es", "Berlín (Alemania)"),
        ("Europe/Berlin", "fr", "Berlin (Allemagne)"),
        ("Europe/London", "es", "Londres (Reino Unido)"),
        ("Europe/London", "fr", "Londres (Royaume-Uni)"),
        ("America/New_York", "es", "Nueva York (Estados Unidos)"),
        ("America/New_York", "fr", "New York (États-Unis)"),
        ("Europe/Vienna", "de", "Wien (Österreich)"),
        ("Europe/Kyiv", "de", "Kiew (Ukraine)"),
        ("Asia/Singapore", "de", "Singapur"),
        ("Etc/GMT-2", "fr", "UTC+2"),
        ("UTC", "de", "UTC"),
        ("Europe/Berlin", "pt", "Berlin (Germany)"),  # a language we do not speak: English
        ("Europe/Vienna", "de-AT", "Wien (Österreich)"),
    ],
)
def test_zone_label_in_each_language(zone: str, locale: str, label: str) -> None:
    assert zone_label(zone, locale) == label


_WORDS = [
    *("new", "york", "portland", "oregon", "la", "LA", "in", "I", "live", "near", "Berlin"),
    *("germany", "st", "the", "USA", "CET", ",", "Grenobel", "Valencia", "España", "nyc"),
    *("münchen", "hora", "de", "Europa", "central", "UTC+2", "Europe/Paris", "du", "soir"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=6).map(" ".join))
def test_word_salads_never_raise_and_offer_real_zones(text: str) -> None:
    match = resolve_zone(text)
    assert match.zone is None or match.suggestions == ()
    assert len(match.suggestions) <= MAX_SUGGESTIONS
    for zone in match.offered:
        zoneinfo.ZoneInfo(zone)
        assert zone_label(zone, "fr")
