"""Resolving what a runner types to an IANA time zone."""

from __future__ import annotations

import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content.gazetteer import gazetteer
from content.zonenames import (
    COLLOQUIAL_COUNTRIES,
    city_zones,
    country_keys,
    localized_city_keys,
    metazone_keys,
    metazone_zones,
    territory_zones,
)
from content.zones import (
    MAX_SUGGESTIONS,
    ZoneMatch,
    preload,
    resolve_zone,
    zone_label,
)


@pytest.fixture(scope="module", autouse=True)
def _indexes_built() -> None:
    """Build the CLDR and gazetteer indexes once, so examples measure the lookup only."""
    preload()


CONFIDENT: list[tuple[str, str]] = [
    # cities from the built-in table and IANA city names
    ("Berlin", "Europe/Berlin"),
    ("berlin", "Europe/Berlin"),
    ("  Munich ", "Europe/Berlin"),
    ("München", "Europe/Berlin"),
    ("Hamburg", "Europe/Berlin"),
    ("New York", "America/New_York"),
    ("NYC", "America/New_York"),
    ("new-york", "America/New_York"),
    ("Boston", "America/New_York"),
    ("LA", "America/Los_Angeles"),
    ("San Francisco", "America/Los_Angeles"),
    ("Seattle", "America/Los_Angeles"),
    ("Cape Town", "Africa/Johannesburg"),
    ("Auckland", "Pacific/Auckland"),
    ("Wellington", "Pacific/Auckland"),
    ("Helsinki", "Europe/Helsinki"),
    ("Madrid", "Europe/Madrid"),
    ("Seville", "Europe/Madrid"),
    ("Nairobi", "Africa/Nairobi"),
    ("Tel Aviv", "Asia/Jerusalem"),
    ("Mumbai", "Asia/Kolkata"),
    ("Bangalore", "Asia/Kolkata"),
    ("Beijing", "Asia/Shanghai"),
    ("São Paulo", "America/Sao_Paulo"),
    ("Buenos Aires", "America/Argentina/Buenos_Aires"),
    ("Kiev", "Europe/Kyiv"),
    ("Honolulu", "Pacific/Honolulu"),
    ("Anchorage", "America/Anchorage"),
    ("Indianapolis", "America/Indiana/Indianapolis"),
    ("Port-au-Prince", "America/Port-au-Prince"),
    ("Berlin, Germany", "Europe/Berlin"),
    # The gazetteer knows "Frankfurt am Main" by name (it was a partial-match typo before),
    # and "Sidney" is CLDR's Spanish name for Sydney ("Sídney"), no longer a typo.
    ("Frankfurt am Main", "Europe/Berlin"),
    ("Sidney", "Australia/Sydney"),
    # countries with one main zone
    ("Germany", "Europe/Berlin"),
    ("UK", "Europe/London"),
    ("United Kingdom", "Europe/London"),
    ("Finland", "Europe/Helsinki"),
    ("Kenya", "Africa/Nairobi"),
    ("South Africa", "Africa/Johannesburg"),
    ("New Zealand", "Pacific/Auckland"),
    ("Japan", "Asia/Tokyo"),
    ("India", "Asia/Kolkata"),
    # IANA names in any case, with spaces for underscores, and old link names
    ("Europe/Berlin", "Europe/Berlin"),
    ("europe/berlin", "Europe/Berlin"),
    ("EUROPE/BERLIN", "Europe/Berlin"),
    ("America/New_York", "America/New_York"),
    ("america/new york", "America/New_York"),
    ("America / New York", "America/New_York"),
    ("US/Eastern", "America/New_York"),
    ("Asia/Calcutta", "Asia/Kolkata"),
    ("Etc/GMT-2", "Etc/GMT-2"),
    # offsets: whole hours become Etc/GMT with the sign inverted
    ("UTC", "UTC"),
    ("utc", "UTC"),
    ("UTC+0", "UTC"),
    ("UTC+2", "Etc/GMT-2"),
    ("utc +2", "Etc/GMT-2"),
    ("GMT-5", "Etc/GMT+5"),
    ("+03:00", "Etc/GMT-3"),
    ("UTC+14", "Etc/GMT-14"),
    ("UTC-12", "Etc/GMT+12"),
    # non-whole offsets become a real zone that keeps that offset all year
    ("+05:30", "Asia/Kolkata"),
    ("UTC+5:30", "Asia/Kolkata"),
    ("+0530", "Asia/Kolkata"),
    ("utc+5:45", "Asia/Kathmandu"),
    ("UTC+3:30", "Asia/Tehran"),
    ("UTC+9:30", "Australia/Darwin"),
    # abbreviations mean the zone with its summer time, not the fixed IANA "EST"
    ("EST", "America/New_York"),
    ("PST", "America/Los_Angeles"),
]

# The five suggestions for a country are its clocks ranked by the people on them (GeoNames),
# no longer a hand-picked list: for the USA Phoenix (no DST, 5 M people) now outranks Alaska.
SEVERAL: list[tuple[str, tuple[str, ...]]] = [
    (
        "USA",
        (
            "America/New_York",
            "America/Chicago",
            "America/Los_Angeles",
            "America/Denver",
            "America/Phoenix",
        ),
    ),
    ("United States", ("America/New_York", "America/Chicago")),
    ("Australia", ("Australia/Sydney", "Australia/Brisbane", "Australia/Perth")),
    ("Canada", ("America/Toronto", "America/Vancouver")),
    ("Brazil", ("America/Sao_Paulo", "America/Manaus")),
    ("Russia", ("Europe/Moscow", "Asia/Vladivostok")),
    ("CET", ("Europe/Berlin", "Europe/Paris")),
    ("GMT", ("Europe/London", "UTC")),
    ("UTC-3:30", ("America/St_Johns",)),
    # Barcelona, Venezuela (815 k) is half the size of Barcelona, Spain: the runner picks,
    # like the Valencias (it was a hand-table entry before the gazetteer).
    ("Barcelona", ("Europe/Madrid", "America/Caracas")),
    ("Valencia", ("America/Caracas", "Europe/Madrid")),
    ("Portland", ("America/Los_Angeles", "America/New_York")),
    ("Springfield", ("America/Chicago", "America/New_York")),
    ("Brazil", ("America/Sao_Paulo", "America/Manaus")),
    ("IST", ("Asia/Kolkata", "Europe/Dublin")),
    ("AEST", ("Australia/Sydney", "Australia/Brisbane")),
    ("MST", ("America/Denver", "America/Phoenix")),
]

TYPOS: list[tuple[str, str]] = [
    ("Berlim", "Europe/Berlin"),
    ("Nw York", "America/New_York"),
    ("Helsinky", "Europe/Helsinki"),
    ("Londn", "Europe/London"),
    ("Madird", "Europe/Madrid"),
    ("Aukland", "Pacific/Auckland"),
    ("Nairobbi", "Africa/Nairobi"),
    ("Capetown", "Africa/Johannesburg"),
    ("telaviv", "Asia/Jerusalem"),
    ("Europe/Berlim", "Europe/Berlin"),
    ("Grenobel", "Europe/Paris"),
    ("Frankfurt am Mein", "Europe/Berlin"),
    ("I live near Grenobel", "Europe/Paris"),
]

NOTHING = ["", "   ", "xyzzy", "qwerty", "12345", "UTC+15", "UTC+2:75"]


@pytest.mark.parametrize(("text", "zone"), CONFIDENT)
def test_confident_match(text: str, zone: str) -> None:
    assert resolve_zone(text) == ZoneMatch(zone, ())


@pytest.mark.parametrize(("text", "expected"), SEVERAL)
def test_ambiguous_places_give_suggestions(text: str, expected: tuple[str, ...]) -> None:
    match = resolve_zone(text)
    assert match.zone is None
    assert set(expected) <= set(match.suggestions)
    assert match.suggestions[0] == expected[0]
    assert len(match.suggestions) <= MAX_SUGGESTIONS


@pytest.mark.parametrize(("text", "first"), TYPOS)
def test_typos_give_suggestions_never_a_zone(text: str, first: str) -> None:
    match = resolve_zone(text)
    assert match.zone is None
    assert match.suggestions[0] == first


@pytest.mark.parametrize("text", NOTHING)
def test_unknown_gives_nothing(text: str) -> None:
    assert resolve_zone(text) == ZoneMatch(None, ())


def test_made_up_place_gets_only_close_real_names() -> None:
    match = resolve_zone("Atlantiss")
    assert match.zone is None
    assert len(match.suggestions) <= MAX_SUGGESTIONS
    assert "America/Los_Angeles" not in match.suggestions  # "la" is not hiding in it


def test_a_real_town_named_like_a_legend_is_that_town() -> None:
    # Atlantis, Western Cape (67,000 people): a made-up place in the old hand tables.
    assert resolve_zone("Atlantis") == ZoneMatch("Africa/Johannesburg")


def test_table_is_large_enough() -> None:
    assert len(CONFIDENT) + len(SEVERAL) + len(TYPOS) + len(NOTHING) >= 30


def test_every_indexed_zone_is_real() -> None:
    targets = set(city_zones())
    for zones in (*localized_city_keys().values(), *metazone_zones().values()):
        targets |= set(zones)
    for towns in gazetteer().towns.values():
        targets |= {town.zone for town in towns}
    for zone in targets:
        zoneinfo.ZoneInfo(zone)  # raises if the zone does not exist


def test_colloquial_country_names_point_at_countries_with_zones() -> None:
    for name, territory in COLLOQUIAL_COUNTRIES.items():
        assert territory_zones(territory), name
        assert name == name.strip().lower()


def test_index_keys_are_normalised() -> None:
    for name in (*localized_city_keys(), *country_keys(), *metazone_keys()):
        assert name == name.strip().lower() and name.isascii()
        assert "_" not in name and "-" not in name and "  " not in name


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_only_loadable_zones_are_ever_returned(text: str) -> None:
    match = resolve_zone(text)
    assert match.zone is None or match.suggestions == ()
    assert len(match.suggestions) <= MAX_SUGGESTIONS
    assert len(set(match.suggestions)) == len(match.suggestions)
    for zone in (match.zone, *match.suggestions):
        if zone is not None:
            zoneinfo.ZoneInfo(zone)


@settings(deadline=None)
@given(st.sampled_from(sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})))
def test_every_iana_name_resolves_to_a_zone_with_the_same_rules(name: str) -> None:
    match = resolve_zone(name)
    assert match.zone is not None or match.suggestions
    if match.zone is not None:
        zoneinfo.ZoneInfo(match.zone)


@pytest.mark.parametrize(
    ("zone", "label"),
    [
        ("Europe/Berlin", "Berlin (Germany)"),
        ("America/New_York", "New York (United States)"),
        ("America/Argentina/Buenos_Aires", "Buenos Aires (Argentina)"),
        ("Europe/Kiev", "Kyiv (Ukraine)"),
        ("Asia/Singapore", "Singapore"),
        ("Asia/Hong_Kong", "Hong Kong"),
        ("Etc/GMT-2", "UTC+2"),
        ("Etc/GMT+5", "UTC-5"),
        ("Etc/GMT-14", "UTC+14"),
        ("UTC", "UTC"),
        ("Etc/UTC", "UTC"),
    ],
)
def test_zone_label(zone: str, label: str) -> None:
    assert zone_label(zone) == label


def test_offset_zone_label_matches_what_was_typed() -> None:
    zone = resolve_zone("UTC+2").zone
    assert zone is not None and zone_label(zone) == "UTC+2"
