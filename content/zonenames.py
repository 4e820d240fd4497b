"""What CLDR (through Babel) knows about time zones: names, countries, aliases, labels.

Everything a runner may call a zone by comes from CLDR rather than tables of our own: the
canonical name behind an old IANA link ("Europe/Kiev", "US/Eastern"), the country each zone
belongs to and the zones of each country, the city a zone is named after in English, German,
Spanish and French ("Londres", "Kiew", "Nueva York"), country names in those languages
("Deutschland", "Estados Unidos") and the metazones with their names and abbreviations
("CET", "MEZ", "Eastern Time", "hora de Europa central"). Abbreviations are read from every
English, German, Spanish and French locale, each tied to its country: "EST" comes from en
(the United States), "BST" from en_GB, "AEST" from en_AU, "IST" from both en_IN and en_IE.

Two small tables stay hand-written, because Babel drops CLDR's alternative territory names
("UK", "US") and has no rows for the POSIX-style zones; both are a few lines and say why.
"""

from __future__ import annotations

import pickle
import zoneinfo
from collections import defaultdict
from collections.abc import Mapping
from functools import cache
from typing import Any

from babel import Locale, localedata
from babel.core import get_global

from content.folding import fold, key, place_key
from content.languages import SUPPORTED, Language, base_language

UTC = "UTC"

# Not zones a person lives in: never offered.
_NOT_PLACES = frozenset({"Factory", "localtime", "posixrules", "posix", "right"})
# Old POSIX-rule zones, not in CLDR's alias table: the city zone with the same rules.
_POSIX_RULES = {
    "EST5EDT": "America/New_York",
    "CST6CDT": "America/Chicago",
    "MST7MDT": "America/Denver",
    "PST8PDT": "America/Los_Angeles",
}
# CLDR's aliases end UTC and GMT at Etc/UTC and Etc/GMT; the bot stores plain "UTC".
_UTC_ALIASES = frozenset({"Etc/UTC", "Etc/GMT", "UTC"})
# Areas whose zones are aliases or offsets, never a place to offer.
_LEGACY_AREAS = frozenset({"US", "Canada", "Brazil", "Chile", "Mexico", "Etc", "SystemV"})

# Names runners use for a country that CLDR keeps only as "alt" forms Babel does not load
# ("UK", "US"), or that are not countries in CLDR at all (the nations of the UK, Holland).
COLLOQUIAL_COUNTRIES: dict[str, str] = {
    "uk": "GB",
    "britain": "GB",
    "great britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "us": "US",
    "usa": "US",
    "america": "US",
    "united states of america": "US",
    "states": "US",
    "holland": "NL",
    "uae": "AE",
    "korea": "KR",
}
# A few widely used abbreviations that no English, German, Spanish or French CLDR locale
# defines (they come from Russian, Japanese and Korean locales): metazone ids.
_EXTRA_ABBREVIATIONS = {"msk": "Moscow", "jst": "Japan", "kst": "Korea"}


@cache
def valid_zones() -> frozenset[str]:
    """Every zone this machine can load, minus the ones nobody lives in."""
    zones = set()
    for name in zoneinfo.available_timezones():
        if name in _NOT_PLACES or name.split("/")[0] in _NOT_PLACES:
            continue
        try:
            zoneinfo.ZoneInfo(name)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            continue
        zones.add(name)
    return frozenset(zones)


def canonical_zone(name: str) -> str | None:
    """The current, loadable name for ``name`` ("Europe/Kiev" -> "Europe/Kyiv", "Etc/UTC" ->
    "UTC"), or None when this machine cannot load it."""
    aliases: Mapping[str, str] = get_global("zone_aliases")
    target = _POSIX_RULES.get(name, aliases.get(name, name))
    if target in _UTC_ALIASES:
        return UTC
    if target in valid_zones():
        return target
    return name if name in valid_zones() else None


def is_city_zone(zone: str) -> bool:
    """A canonical Region/City zone, the kind we offer (not "US/Eastern" or "Etc/GMT-2")."""
    return "/" in zone and zone.split("/")[0] not in _LEGACY_AREAS and canonical_zone(zone) == zone


@cache
def city_zones() -> tuple[str, ...]:
    """Every canonical city zone, sorted."""
    return tuple(sorted(zone for zone in valid_zones() if is_city_zone(zone)))


def zone_territory(zone: str) -> str | None:
    """The ISO country code CLDR files ``zone`` under, if any."""
    territories: Mapping[str, str] = get_global("zone_territories")
    found = territories.get(zone)
    return found if found is not None and found.isalpha() else None


@cache
def territory_zones(territory: str) -> tuple[str, ...]:
    """The canonical zones of one country, per CLDR."""
    zones: Mapping[str, list[str]] = get_global("territory_zones")
    found = (canonical_zone(zone) for zone in zones.get(territory, ()))
    return tuple(dict.fromkeys(zone for zone in found if zone is not None))


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def city_name(zone: str, language: str = Language.EN) -> str:
    """The city a zone is named after, in ``language`` ("Europe/London" -> "Londres" in es)."""
    info = _locale(language).time_zones.get(zone)
    city = info.get("city") if info is not None else None
    return city or zone.rsplit("/", 1)[-1].replace("_", " ")


def country_name(territory: str, language: str = Language.EN) -> str:
    """A country's name in ``language`` ("DE" -> "Deutschland" in de)."""
    return _locale(language).territories.get(territory, territory)


@cache
def localized_city_keys() -> dict[str, frozenset[str]]:
    """Place key -> zones whose city is called that in one of our languages or in IANA."""
    found: dict[str, set[str]] = defaultdict(set)
    for zone in city_zones():
        found[place_key(zone.rsplit("/", 1)[1])].add(zone)
        for language in SUPPORTED:
            found[place_key(city_name(zone, language))].add(zone)
    return {name: frozenset(zones) for name, zones in found.items() if name}


@cache
def country_keys() -> dict[str, frozenset[str]]:
    """Place key -> ISO country codes named that in one of our languages (or colloquially)."""
    found: dict[str, set[str]] = defaultdict(set)
    for language in SUPPORTED:
        for territory, name in _locale(language).territories.items():
            if territory_zones(territory):
                found[place_key(name)].add(territory)
    for name, territory in COLLOQUIAL_COUNTRIES.items():
        found[name].add(territory)
    return {name: frozenset(codes) for name, codes in found.items() if name}


@cache
def metazone_zones() -> dict[str, tuple[str, ...]]:
    """Metazone id ("Europe_Central") -> the canonical zones that use it today."""
    found: dict[str, list[str]] = defaultdict(list)
    for zone, metazone in get_global("meta_zones").items():
        name = canonical_zone(zone)
        if name is not None and is_city_zone(name) and name not in found[metazone]:
            found[metazone].append(name)
    return {metazone: tuple(zones) for metazone, zones in found.items()}


def _locale_territory(locale_id: str) -> str | None:
    """The country a locale speaks for: its own region, else CLDR's likely one for the
    language ("en" -> US); None for world and continent locales ("en_001", "es_419")."""
    parts = locale_id.split("_")
    region = next((part for part in parts[1:] if len(part) == 2 and part.isalpha()), None)
    if region is None and len(parts) == 1:
        likely: str = get_global("likely_subtags").get(locale_id, "")
        region = next((p for p in likely.split("_")[1:] if len(p) == 2 and p.isalpha()), None)
    return region


def _own_data(locale_id: str) -> Mapping[str, Any]:
    """One locale's own CLDR data, without what it inherits. Read from Babel's data file
    directly: ``babel.localedata.load(..., merge_inherited=False)`` shares its cache with
    the merged loads, so it would hand back (or leave behind) the wrong dictionary."""
    with open(localedata.resolve_locale_filename(locale_id), "rb") as data:
        loaded: Mapping[str, Any] = pickle.load(data)  # Babel's own package data
    return loaded


def _strings(names: object) -> list[str]:
    """The string values of a CLDR name table (aliases to other tables are skipped)."""
    if not isinstance(names, Mapping):
        return []
    return [name for name in names.values() if isinstance(name, str)]


@cache
def metazone_keys() -> dict[str, frozenset[tuple[str, str | None]]]:
    """Key -> (metazone, country the name is used in) for abbreviations and long names.

    Abbreviations come from every locale of our languages, each tied to its country; names
    of two letters only from the base locales ("PT", "ET"), since regional ones ("HE", "HP"
    in fr_CA) are ordinary words elsewhere. Long names ("Pacific Time", "Mitteleuropäische
    Zeit") come from the base locales.
    """
    found: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    for locale_id in localedata.locale_identifiers():
        language = locale_id.split("_")[0]
        if language not in SUPPORTED:
            continue
        base = locale_id == language
        territory = _locale_territory(locale_id)
        for metazone, names in _own_data(locale_id).get("meta_zones", {}).items():
            if not isinstance(names, Mapping):
                continue
            for short in _strings(names.get("short")):
                folded = fold(short)
                if folded.isascii() and folded.isalpha() and (len(folded) > 2 or base):
                    found[folded].add((metazone, territory))
            if base:
                for long in _strings(names.get("long")):
                    found[key(long)].add((metazone, territory))
    for abbreviation, metazone in _EXTRA_ABBREVIATIONS.items():
        found[abbreviation].add((metazone, None))
    return {name: frozenset(uses) for name, uses in found.items() if name}


def zone_label(zone: str, locale: str | None = Language.EN) -> str:
    """How the bot names a zone to the runner, in the runner's language (a Telegram or CLDR
    code: "de", "de-AT"; a language we do not speak yet gets English).

    "Berlin (Germany)" / "Berlin (Deutschland)", "Nueva York (Estados Unidos)": the CLDR city
    and country, which a runner recognises more readily than "Europe/Berlin". The city alone
    where the country is named after it ("Singapore", "Hong Kong"); "UTC+2" for the
    fixed-offset Etc zones, whose inverted POSIX sign would only confuse; the IANA name for
    anything CLDR files under no country.
    """
    language = base_language(locale)
    name = canonical_zone(zone) or zone
    if name == UTC:
        return UTC
    if name.startswith("Etc/GMT") and name[7:8] in ("+", "-"):
        sign = "-" if name[7] == "+" else "+"
        return f"UTC{sign}{name[8:]}"
    territory = zone_territory(name)
    if territory is None:
        return name
    city = city_name(name, language)
    country = country_name(territory, language)
    if fold(country).startswith(fold(city)):
        return city
    return f"{city} ({country})"
