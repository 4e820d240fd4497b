"""Places typed with a slip, or inside longer text: suggestions, never a confident answer.

Fuzzy readings only ever suggest, because a typo that lands on the wrong town's zone would
send every reminder at the wrong hour. rapidfuzz scores whole strings ("Berlim" -> Berlin,
"Grenobel" -> Grenoble); longer answers ("I live in Grenoble", "Berlin Germany") are read
phrase by phrase, and a typo inside them word by word.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from rapidfuzz import fuzz, process

from content.folding import place_key
from content.gazetteer import gazetteer
from content.zonenames import city_zones, country_keys, localized_city_keys
from content.zonereadings import (
    DOMINANCE,
    MAX_SUGGESTIONS,
    Reading,
    ZoneMatch,
    clean,
    codes,
    decide,
    narrowed,
    ranked,
    regions,
    towns,
)

# Scores (0-100) a fuzzy match needs before it is worth suggesting: a one-letter slip in a
# six-letter name scores about 83 on the whole-string ratio, a swapped pair in an eight-letter
# one 87, a slip in a five-letter word 80. Short words need the higher score, or every
# "hello" is a "Bello".
_TYPO_CUTOFF = 78.0
_SHORT_TYPO_CUTOFF = 83.0
_SHORT = 6
# Suggestions keep to the best score and those this close to it...
_TYPO_MARGIN = 5.0
# ...and to places at least a fiftieth the size of the leading one.
_FUZZY_SPREAD = 50
# A near-spelling of a town DOMINANCE times bigger than the exact match is offered too
# ("Sidny" is not a town, but had it been one of 20,000 people, Sydney would come first).
_NEAR_CUTOFF = 80.0
_NEAR_FLOOR = 100_000
# Guessing stops at towns this big, and at text this short: with every village in the index,
# "hello", "done" and "my knee hurts" would each sit a letter from somewhere, and a question
# open in /settings would swallow them.
FUZZY_MIN_POPULATION = 100_000
# Alternate names are mostly transliterations; only a big city's are worth a guess.
_ALTERNATE_MIN_POPULATION = 1_000_000
_FUZZY_MIN_LETTERS = 4


@cache
def _choices() -> dict[str, int]:
    """Everything a typo may be close to, with the people behind it: towns by their main
    name, CLDR cities, countries, US states and full IANA names ("europe berlin").

    GeoNames' alternate names are kept apart (``_alternate_choices``), see ``fuzzy``.
    """
    places = gazetteer()
    choices: dict[str, int] = {}
    for found in places.towns.values():
        for town in found:
            if town.population >= FUZZY_MIN_POPULATION:
                choices[town.key] = max(choices.get(town.key, 0), town.population)
    for name, zones in localized_city_keys().items():
        size = max(places.largest_town.get(zone, 0) for zone in zones)
        choices[name] = max(choices.get(name, 0), size)
    for name in (*country_keys(), *places.us_states):
        choices.setdefault(name, 0)
    for zone in city_zones():
        choices.setdefault(place_key(zone), places.largest_town.get(zone, 0))
    return choices


@cache
def _alternate_choices() -> dict[str, int]:
    """Names that are only some town's alternate ("munchen", "mailand"), with its size."""
    primary = _choices()
    choices: dict[str, int] = {}
    for name, found in gazetteer().towns.items():
        if name not in primary and found[0].population >= _ALTERNATE_MIN_POPULATION:
            choices[name] = found[0].population
    return choices


@cache
def _zone_by_place_key() -> dict[str, str]:
    return {place_key(zone): zone for zone in city_zones()}


@cache
def _names_by_size() -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Every town's main name, biggest town first, and minus those sizes (for bisect)."""
    sizes: dict[str, int] = {}
    for found in gazetteer().towns.values():
        for town in found:
            sizes[town.key] = max(sizes.get(town.key, 0), town.population)
    ordered = sorted(sizes.items(), key=lambda item: -item[1])
    return tuple(name for name, _ in ordered), tuple(-size for _, size in ordered)


def _names_at_least(floor: int) -> tuple[str, ...]:
    names, minus_sizes = _names_by_size()
    return names[: bisect_right(minus_sizes, -floor)]


def preload() -> None:
    """Build the fuzzy indexes now rather than on the first typo."""
    _choices()
    _alternate_choices()
    _zone_by_place_key()
    _names_by_size()


def _readings(name: str) -> list[Reading]:
    """Every exact reading of a name, or of a full IANA name written as words."""
    found = towns(name) + regions(name)
    zone = _zone_by_place_key().get(name)
    return found or ([Reading(zone, 0)] if zone else [])


def fuzzy(text: str) -> ZoneMatch:
    """Suggestions for a typo: the best whole-string score and those within a few points of
    it, equal scores going to the bigger place, no place a fiftieth the leader's size.

    Main names first; alternate names ("munchen" for a German's "Müncen") only when one
    scores strictly better than every main name, since GeoNames' thousands of
    transliterations ("Bereli", "Bernli") would otherwise crowd the buttons.
    """
    query = place_key(text)
    if len(query.replace(" ", "")) < _FUZZY_MIN_LETTERS:
        return ZoneMatch(None)
    choices = _choices()
    found = _extract(query, choices)
    alternates = _extract(query, _alternate_choices())
    if alternates and max(hit[1] for hit in alternates) > max((h[1] for h in found), default=0):
        choices = {**choices, **_alternate_choices()}
        found += alternates
    if not found:
        return ZoneMatch(None)
    best = max(score for _name, score, _index in found)
    found = [hit for hit in found if hit[1] >= best - _TYPO_MARGIN]
    found.sort(key=lambda hit: (-round(hit[1]), -choices[hit[0]], hit[0]))
    leader = choices[found[0][0]]
    zones: list[str] = []
    for name, _score, _index in found:
        if choices[name] * _FUZZY_SPREAD < leader:
            continue
        zones.extend(reading.zone for reading in ranked(_readings(name)))
        if len(set(zones)) >= MAX_SUGGESTIONS:
            break
    return ZoneMatch(None, clean(zones))


def _extract(query: str, choices: dict[str, int]) -> list[tuple[str, float, int]]:
    short = len(query.replace(" ", "")) <= _SHORT
    cutoff = _SHORT_TYPO_CUTOFF if short else _TYPO_CUTOFF
    return process.extract(
        query, list(choices), scorer=fuzz.QRatio, score_cutoff=cutoff, limit=None
    )


def fuzzy_words(text: str) -> ZoneMatch:
    """A typo inside longer text ("I live near Grenobel"): the longest word of five letters
    or more that is close to a place."""
    for word in sorted(set(place_key(text).split()), key=lambda word: (-len(word), word)):
        if len(word) < 5:
            break
        match = fuzzy(word)
        if match.suggestions:
            return match
    return ZoneMatch(None)


def with_near_spellings(name: str, readings: list[Reading]) -> ZoneMatch:
    """Decide between towns called ``name``, offering first any town DOMINANCE times bigger
    whose name is a letter or so away: the runner more likely slipped than lives there."""
    match = decide(readings)
    heaviest = max((found.weight for found in readings), default=0)
    floor = max(DOMINANCE * heaviest, _NEAR_FLOOR)
    big = _names_at_least(floor)
    near = [
        found
        for other, _score, _index in process.extract(
            name, big, scorer=fuzz.QRatio, score_cutoff=_NEAR_CUTOFF, limit=None
        )
        if other != name
        for found in towns(other)
        if found.weight >= floor
    ]
    if not near:
        return match
    near.sort(key=lambda found: -found.weight)
    return ZoneMatch(None, clean([found.zone for found in near] + list(match.offered)))


def _known(phrase: str) -> list[Reading]:
    """Readings of a phrase inside longer text, if it names a country, a state, a CLDR city
    or a town of FUZZY_MIN_POPULATION: "time" is a Norwegian village, not an answer."""
    found = regions(phrase)
    big = [r for r in towns(phrase) if r.weight >= FUZZY_MIN_POPULATION]
    return found + big if found or big else []


def from_phrases(text: str) -> ZoneMatch | None:
    """Places named inside longer text: "I live in Grenoble", "Berlin Germany".

    The longest phrase of up to four words that names a place leads (the first one, on a
    tie); other named places narrow it as in "Berlin, Germany". When every word named a
    place the answer may be one zone; with other words around, only suggestions.
    """
    tokens = place_key(text).split()
    if len(tokens) < 2:
        return None
    # Codes name a place only in capitals ("LA", "NYC"), never "in", "me" or "the".
    capitals = {word.lower() for word in re.findall(r"[A-Za-z]+", text) if word.isupper()}
    used = [False] * len(tokens)
    found: list[tuple[str, list[Reading]]] = []
    for size in range(min(4, len(tokens)), 0, -1):
        for start in range(len(tokens) - size + 1):
            if any(used[start : start + size]):
                continue
            phrase = " ".join(tokens[start : start + size])
            readings = _known(phrase) if len(phrase) >= 3 else []
            if not readings and phrase in capitals:
                readings = codes(phrase)
            if readings:
                found.append((phrase, readings))
                used[start : start + size] = [True] * size
    if not found:
        return None
    match = decide(narrowed(found[0][1], (phrase for phrase, _ in found[1:])))
    return match if all(used) else ZoneMatch(None, match.offered)
