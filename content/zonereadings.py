"""Readings of a place name, and when one of them is clear enough to be the answer.

A name the runner types can point at several zones: "Portland" at two US towns, "USA" at six
clocks, "GMT" at London, Dublin, Accra and UTC itself. Each reading is a ``Reading``: a zone
and the number of people behind it (the town's population, or the people on that clock in a
country). ``decide`` turns readings into the runner's answer: the one zone when one reading
dominates, else suggestions biggest first.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from content.gazetteer import gazetteer
from content.zonenames import (
    canonical_zone,
    city_zones,
    country_keys,
    localized_city_keys,
    metazone_zones,
    territory_zones,
    zone_territory,
)

MAX_SUGGESTIONS = 5
# A town beats its namesakes when it is this many times bigger: Paris, France (2.1 M) beats
# Paris, Texas, and San Francisco (830 k) the one in the Philippines (80 k); the two
# Portlands (650 k and 67 k) are a question for the runner.
DOMINANCE = 10
# A capital is what a bare name means: it weighs this many times its population, so
# Wellington beats Wellington, Florida, while San José (Costa Rica) and San Jose (California)
# stay a question.
CAPITAL_WEIGHT = 3
# A country or state's main zone wins only when the next one is this much smaller: Portugal
# is Lisbon (the Azores are tiny), but Brazil, Spain (the Canaries) and Texas (El Paso) have
# a second zone with a real population, so the runner picks.
REGION_DOMINANCE = 50

# Offsets are compared on these two instants: one in each half of the year, so a zone with
# summer time shows both offsets. A fixed year keeps the answer independent of the clock.
_REFERENCE_INSTANTS = (
    datetime(2025, 1, 15, 12, tzinfo=UTC),
    datetime(2025, 7, 15, 12, tzinfo=UTC),
)


@dataclass(frozen=True, slots=True)
class ZoneMatch:
    """The result of reading a zone the runner typed.

    ``zone`` is set only when the text named one zone without doubt; ``suggestions`` (up to
    five, best first) is set otherwise, for the bot to offer as buttons. Both empty means
    nothing came close.
    """

    zone: str | None
    suggestions: tuple[str, ...] = ()

    @property
    def offered(self) -> tuple[str, ...]:
        """Every zone this match puts in front of the runner, in order."""
        return (self.zone,) if self.zone is not None else self.suggestions


@dataclass(frozen=True, slots=True)
class Reading:
    """A zone one reading of the text points at, with the people behind that reading;
    ``region`` for a country or state, whose second zone deserves more respect."""

    zone: str
    weight: int
    region: bool = False


@cache
def offsets(zone: str) -> tuple[int, ...]:
    """UTC offsets in minutes on the reference instants (one value when there is no DST)."""
    info = zoneinfo.ZoneInfo(zone)
    found = []
    for instant in _REFERENCE_INSTANTS:
        delta = instant.astimezone(info).utcoffset() or timedelta(0)
        found.append(int(delta.total_seconds()) // 60)
    return tuple(dict.fromkeys(found))


def clean(zones: Iterable[str]) -> tuple[str, ...]:
    """Canonical, loadable, de-duplicated, in order, at most ``MAX_SUGGESTIONS``."""
    result: list[str] = []
    for zone in zones:
        name = canonical_zone(zone)
        if name is not None and name not in result:
            result.append(name)
    return tuple(result[:MAX_SUGGESTIONS])


def ranked(readings: Iterable[Reading]) -> list[Reading]:
    """One reading per zone (its heaviest), heaviest first, ties in the given order."""
    best: dict[str, Reading] = {}
    for reading in readings:
        zone = canonical_zone(reading.zone)
        if zone is None:
            continue
        held = best.get(zone)
        if held is None or reading.weight > held.weight:
            best[zone] = Reading(zone, reading.weight, reading.region)
    order = {zone: index for index, zone in enumerate(best)}
    return sorted(best.values(), key=lambda found: (-found.weight, order[found.zone]))


def decide(readings: Iterable[Reading]) -> ZoneMatch:
    """One zone when one reading clearly dominates, else the readings as suggestions."""
    found = ranked(readings)
    if not found:
        return ZoneMatch(None)
    if len(found) == 1:
        return ZoneMatch(found[0].zone)
    first, second = found[0], found[1]
    ratio = REGION_DOMINANCE if first.region or second.region else DOMINANCE
    if first.weight > 0 and first.weight >= ratio * second.weight:
        return ZoneMatch(first.zone)
    return ZoneMatch(None, clean(reading.zone for reading in found))


def _grouped(weights: Mapping[str, int], region: bool) -> list[Reading]:
    """Zones of one area merged when they keep the same clock all year (New York, Detroit
    and Indianapolis are one choice for "USA"): the biggest stands for the group."""
    groups: dict[tuple[int, ...], list[tuple[str, int]]] = {}
    for zone, weight in weights.items():
        groups.setdefault(offsets(zone), []).append((zone, weight))
    found = []
    for members in groups.values():
        members.sort(key=lambda member: -member[1])
        found.append(Reading(members[0][0], sum(weight for _, weight in members), region))
    return found


def _country(territory: str) -> list[Reading]:
    people = gazetteer().country_zone_population.get(territory, {})
    zones = [*territory_zones(territory), *people]
    weights = {zone: people.get(zone, 0) for zone in zones if zone in city_zones()}
    return _grouped(weights, region=True)


def towns(name: str) -> list[Reading]:
    """Gazetteer towns and CLDR cities called ``name`` (a place key), weighed by size; a
    CLDR city weighs what the biggest town on its zone does.

    A town's own name beats another town's alternate name: GeoNames lists "Zaragoza" among
    Tijuana's names, which must not outshout Zaragoza itself. An alternate counts only where
    no town bears the name, or for a world city DOMINANCE times the size of those that do
    ("Colonia" is Cologne before any small Colonia).
    """
    places = gazetteer()
    named = places.towns.get(name, ())
    own = max((town.population for town in named if town.key == name), default=0)
    found = [
        Reading(town.zone, town.population * (CAPITAL_WEIGHT if town.capital else 1))
        for town in named
        if town.key == name or own == 0 or town.population >= DOMINANCE * own
    ]
    for zone in sorted(localized_city_keys().get(name, ())):
        found.append(Reading(zone, places.largest_town.get(zone, 0)))
    return found


def codes(name: str) -> list[Reading]:
    """Towns abbreviated ``name`` ("nyc", "la", "sf"): only for text typed in capitals."""
    return [Reading(town.zone, town.population) for town in gazetteer().codes.get(name, ())]


def regions(name: str) -> list[Reading]:
    """Countries (named in any of our four languages) and US states called ``name``."""
    found = [c for code in sorted(country_keys().get(name, ())) for c in _country(code)]
    state = gazetteer().us_states.get(name)
    return found + (_grouped(state, region=True) if state else [])


def qualifier(name: str) -> set[str]:
    """Zones a second place in the text allows ("Portland, Oregon", "Paris, FR", ", MO"):
    a country or state when it names one (Oregon, not Oregon, Ohio), else towns."""
    zones = {canonical_zone(found.zone) or found.zone for found in regions(name)}
    if len(name) == 2:
        zones |= set(territory_zones(name.upper()))
        zones |= set(gazetteer().us_state_codes.get(name, {}))
    return zones or {canonical_zone(found.zone) or found.zone for found in towns(name)}


def narrowed(lead: list[Reading], qualifiers: Iterable[str]) -> list[Reading]:
    """The lead readings each qualifier allows; a qualifier that allows none is ignored."""
    for name in qualifiers:
        allowed = qualifier(name)
        lead = [found for found in lead if canonical_zone(found.zone) in allowed] or lead
    return lead


def metazone_match(uses: Iterable[tuple[str, str | None]]) -> ZoneMatch:
    """An abbreviation or metazone name: "EST" (the US one), "CET", "IST" (India, Ireland).

    Each metazone offers the zones of the countries that use the name, or all its zones when
    none does ("CET" in British English); one metazone may yield a single dominant zone, but
    names shared by several metazones always ask, leading with the biggest of each.
    """
    by_metazone: dict[str, set[str]] = {}
    for metazone, territory in uses:
        zones = metazone_zones().get(metazone, ())
        local = [zone for zone in zones if territory and zone_territory(zone) == territory]
        by_metazone.setdefault(metazone, set()).update(local or zones)
    people = gazetteer().zone_population
    per_metazone: list[list[Reading]] = []
    for members in by_metazone.values():
        per_country: dict[str | None, dict[str, int]] = {}
        for zone in sorted(members):
            per_country.setdefault(zone_territory(zone), {})[zone] = people.get(zone, 0)
        groups = [r for weights in per_country.values() for r in _grouped(weights, False)]
        if groups:
            per_metazone.append(ranked(groups))
    if len(per_metazone) == 1:
        return decide(per_metazone[0])
    per_metazone.sort(key=lambda found: -found[0].weight)
    heads = [found[0].zone for found in per_metazone]
    rest = sorted((r for found in per_metazone for r in found[1:]), key=lambda r: -r.weight)
    return ZoneMatch(None, clean([*heads, *(r.zone for r in rest)]))
