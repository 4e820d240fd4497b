"""Turn what a runner types into an IANA time zone.

Reminders are stored as local wall-clock time plus an IANA zone (STYLE.md), so the zone must
be a real one with the runner's summer-time rules, not a fixed offset they typed in winter.
Runners type towns ("Grenoble", "München", "Nueva York"), countries ("Kenya", "Deutschland"),
IANA names in any case ("america/new york"), abbreviations ("CET", "EST"), offsets ("UTC+2")
and typos ("Berlim"). The names come from CLDR (``content.zonenames``) and the GeoNames
gazetteer (``content.gazetteer``); this module decides.

Confirm or suggest: ``zone`` is set only when the text names one place, or one place
clearly dominates its namesakes (a town DOMINANCE times the size of the next, a country's
main zone REGION_DOMINANCE times the next); the bot then asks the runner to confirm it.
Anything fuzzy or ambiguous ("Portland", "Valencia", "USA", a typo) comes back as
``suggestions`` to tap, biggest first, because guessing a zone wrongly means every reminder
arrives at the wrong hour.
"""

from __future__ import annotations

import re
from functools import cache

from content.folding import fold, key, place_key
from content.gazetteer import gazetteer
from content.zonefuzzy import from_phrases, fuzzy, fuzzy_words, with_near_spellings
from content.zonefuzzy import preload as _preload_fuzzy
from content.zonenames import (
    canonical_zone,
    city_zones,
    metazone_keys,
    valid_zones,
    zone_label,
)
from content.zonereadings import (
    DOMINANCE,
    MAX_SUGGESTIONS,
    REGION_DOMINANCE,
    ZoneMatch,
    clean,
    codes,
    decide,
    metazone_match,
    narrowed,
    offsets,
    regions,
    towns,
)

__all__ = [
    "DOMINANCE",
    "MAX_SUGGESTIONS",
    "REGION_DOMINANCE",
    "ZoneMatch",
    "preload",
    "resolve_zone",
    "zone_label",
]

_OFFSET_RE = re.compile(
    r"^(?:(?P<prefix>utc|gmt|z)\s*)?(?P<sign>[+\-−])?\s*(?P<hours>\d{1,2})"
    r"(?:[:.]?(?P<minutes>\d{2}))?$"
)
_UTC_WORDS = frozenset({"utc", "z", "zulu", "utc+0", "utc-0", "gmt+0", "gmt-0", "+0", "-0"})


def _iana_key(text: str) -> str:
    """Normalised IANA name: case and spaces-for-underscores ignored, hyphens and signs kept,
    so "etc/gmt-2" and "etc/gmt+2" stay apart."""
    folded = re.sub(r"\s*/\s*", "/", fold(text))
    return re.sub(r"[\s_]+", "_", folded).strip("_")


@cache
def _iana_index() -> dict[str, str]:
    """Normalised IANA name (current or old) -> canonical zone."""
    index: dict[str, str] = {}
    for zone in sorted(valid_zones()):
        name = canonical_zone(zone)
        if name is not None:
            index[_iana_key(zone)] = name
    return index


@cache
def _zones_by_offset() -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    """UTC offset in minutes -> (zones always at it, zones at it for part of the year), the
    most populous first."""
    fixed: dict[int, list[str]] = {}
    some: dict[int, list[str]] = {}
    for zone in city_zones():
        found = offsets(zone)
        for minutes in found:
            some.setdefault(minutes, []).append(zone)
        if len(found) == 1:
            fixed.setdefault(found[0], []).append(zone)
    people = gazetteer().zone_population

    def ranked(zones: list[str]) -> tuple[str, ...]:
        return tuple(sorted(zones, key=lambda zone: (-people.get(zone, 0), zone)))

    return {
        minutes: (ranked(fixed.get(minutes, [])), ranked(some.get(minutes, [])))
        for minutes in some
    }


def _from_offset(text: str) -> ZoneMatch | None:
    """Read "UTC+2", "GMT-5", "+05:30"; None when ``text`` is not an offset at all.

    Whole hours become Etc/GMT zones, whose sign is inverted by POSIX convention: UTC+2 is
    "Etc/GMT-2". Other offsets become the most populous real zone that sits at that offset
    all year, or suggestions of zones that reach it in part of the year.
    """
    compact = re.sub(r"\s+", "", fold(text))
    if compact in _UTC_WORDS:
        return ZoneMatch("UTC")
    match = _OFFSET_RE.match(compact)
    if match is None or (match["prefix"] is None and match["sign"] is None):
        return None
    sign = -1 if match["sign"] in ("-", "−") else 1
    hours = int(match["hours"])
    minutes = int(match["minutes"] or 0)
    if minutes >= 60:
        return ZoneMatch(None)
    total = sign * (hours * 60 + minutes)
    if total == 0:
        return ZoneMatch("UTC")
    if minutes == 0:
        # Etc/GMT-14 (UTC+14) to Etc/GMT+12 (UTC-12) exist; anything else is no place on Earth.
        zone = f"Etc/GMT{'-' if sign > 0 else '+'}{hours}"
        return ZoneMatch(zone) if zone in valid_zones() else ZoneMatch(None)
    fixed, some = _zones_by_offset().get(total, ((), ()))
    if fixed:
        return ZoneMatch(fixed[0])
    return ZoneMatch(None, clean(some))


def _exact(text: str) -> ZoneMatch | None:
    """An exact match on an abbreviation, IANA name or place, after normalising."""
    name = place_key(text)
    if not name:
        return None
    iana = _iana_index().get(_iana_key(text))
    uses = metazone_keys().get(key(text))
    if uses:
        match = metazone_match(uses)
        if iana == "UTC" and iana not in match.offered:
            # "GMT" is also the name of UTC itself: offer it right after the best guess.
            offered = match.offered
            return ZoneMatch(None, clean([*offered[:1], iana, *offered[1:]]))
        return match
    if iana is not None:
        return ZoneMatch(iana)
    areas = regions(name)
    if areas:
        return decide(towns(name) + areas)
    found = towns(name)
    if not found and text.strip().isupper():
        found = codes(name)
    return with_near_spellings(name, found) if found else None


def _from_parts(text: str) -> ZoneMatch | None:
    """ "Berlin, Germany", "Portland, Oregon", "Springfield, MO": the first part's readings
    narrowed to the zones the other parts allow."""
    parts = [part for part in map(place_key, text.split(",")) if part]
    if len(parts) < 2:
        return None
    first = towns(parts[0]) + regions(parts[0])
    if not first:
        return next((m for m in map(_exact, parts[1:]) if m is not None), None)
    return decide(narrowed(first, parts[1:]))


def resolve_zone(text: str) -> ZoneMatch:
    """Resolve a runner's answer to "where are you?" to an IANA zone or suggestions.

    Tried in order: UTC offsets, exact names (abbreviation, IANA name in any case, country,
    state, town or CLDR city in English, German, Spanish or French), comma-separated parts
    ("Valencia, Spain"), fuzzy matching for typos, places inside longer text ("I live in
    Grenoble") and typos inside it. Fuzzy readings only ever suggest.
    """
    if not text.strip():
        return ZoneMatch(None)
    offset = _from_offset(text)
    if offset is not None:
        return offset
    exact = _exact(text)
    if exact is not None:
        return exact
    if "," in text:
        parts = _from_parts(text)
        if parts is not None:
            return parts
    typo = fuzzy(text)
    if typo.suggestions:
        return typo
    phrases = from_phrases(text)
    if phrases is not None:
        return phrases
    return fuzzy_words(text)


def preload() -> None:
    """Build every index now (about a second and a half: the gazetteer's JSON dominates),
    so no runner's first answer waits for it. The bot may call this once at start-up, off
    the event loop; without it the first resolve pays the cost."""
    gazetteer()
    _iana_index()
    metazone_keys()
    _zones_by_offset()
    _preload_fuzzy()
