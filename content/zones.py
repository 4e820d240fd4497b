"""Turn what a runner types into an IANA time zone.

Reminders are stored as local wall-clock time plus an IANA zone (STYLE.md), so the zone must
be a real one with the runner's summer-time rules, not a fixed offset they typed in winter.
Runners type cities ("Munich", "NYC"), countries ("Kenya"), IANA names in any case
("america/new york"), offsets ("UTC+2") and typos ("Berlim"). Only an exact match after
normalising is trusted as ``zone``; anything fuzzy or ambiguous comes back as
``suggestions`` for the runner to tap, because guessing a zone wrongly means every reminder
arrives at the wrong hour.
"""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from rapidfuzz import fuzz, process

MAX_SUGGESTIONS = 5
# Scores (0-100) a fuzzy match needs before it is worth suggesting: a one-letter slip in a
# six-letter name scores about 83 on the whole-string ratio.
_TYPO_CUTOFF = 78.0
_PARTIAL_CUTOFF = 85.0

# Not zones a person lives in: never offered.
_NOT_PLACES = frozenset({"Factory", "localtime", "posixrules", "posix", "right"})

# Old IANA link names and renamed cities, mapped to the canonical zone so the bot always
# stores and shows the current name (Europe/Kiev became Europe/Kyiv, US/Eastern is a link).
_CANONICAL: dict[str, str] = {
    "US/Eastern": "America/New_York",
    "US/Central": "America/Chicago",
    "US/Mountain": "America/Denver",
    "US/Pacific": "America/Los_Angeles",
    "US/Alaska": "America/Anchorage",
    "US/Hawaii": "Pacific/Honolulu",
    "US/Arizona": "America/Phoenix",
    "US/East-Indiana": "America/Indiana/Indianapolis",
    "US/Michigan": "America/Detroit",
    "US/Aleutian": "America/Adak",
    "US/Samoa": "Pacific/Pago_Pago",
    "Canada/Eastern": "America/Toronto",
    "Canada/Central": "America/Winnipeg",
    "Canada/Mountain": "America/Edmonton",
    "Canada/Pacific": "America/Vancouver",
    "Canada/Atlantic": "America/Halifax",
    "Canada/Newfoundland": "America/St_Johns",
    "Canada/Saskatchewan": "America/Regina",
    "Canada/Yukon": "America/Whitehorse",
    "Brazil/East": "America/Sao_Paulo",
    "Brazil/West": "America/Manaus",
    "Brazil/Acre": "America/Rio_Branco",
    "Brazil/DeNoronha": "America/Noronha",
    "Chile/Continental": "America/Santiago",
    "Chile/EasterIsland": "Pacific/Easter",
    "Mexico/General": "America/Mexico_City",
    "Mexico/BajaNorte": "America/Tijuana",
    "Mexico/BajaSur": "America/Mazatlan",
    "Australia/ACT": "Australia/Sydney",
    "Australia/NSW": "Australia/Sydney",
    "Australia/Canberra": "Australia/Sydney",
    "Australia/North": "Australia/Darwin",
    "Australia/Queensland": "Australia/Brisbane",
    "Australia/South": "Australia/Adelaide",
    "Australia/Tasmania": "Australia/Hobart",
    "Australia/Victoria": "Australia/Melbourne",
    "Australia/West": "Australia/Perth",
    "Australia/LHI": "Australia/Lord_Howe",
    "Australia/Yancowinna": "Australia/Broken_Hill",
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "Asia/Dacca": "Asia/Dhaka",
    "Asia/Thimbu": "Asia/Thimphu",
    "Asia/Macao": "Asia/Macau",
    "Asia/Chongqing": "Asia/Shanghai",
    "Asia/Chungking": "Asia/Shanghai",
    "Asia/Harbin": "Asia/Shanghai",
    "Asia/Kashgar": "Asia/Urumqi",
    "Asia/Ujung_Pandang": "Asia/Makassar",
    "Asia/Ashkhabad": "Asia/Ashgabat",
    "Asia/Ulan_Bator": "Asia/Ulaanbaatar",
    "Asia/Tel_Aviv": "Asia/Jerusalem",
    "Asia/Istanbul": "Europe/Istanbul",
    "Europe/Nicosia": "Asia/Nicosia",
    "Europe/Kiev": "Europe/Kyiv",
    "Europe/Uzhgorod": "Europe/Kyiv",
    "Europe/Zaporozhye": "Europe/Kyiv",
    "Europe/Belfast": "Europe/London",
    "Europe/Tiraspol": "Europe/Chisinau",
    "Atlantic/Faeroe": "Atlantic/Faroe",
    "America/Godthab": "America/Nuuk",
    "America/Montreal": "America/Toronto",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "America/Catamarca": "America/Argentina/Catamarca",
    "America/Cordoba": "America/Argentina/Cordoba",
    "America/Jujuy": "America/Argentina/Jujuy",
    "America/Mendoza": "America/Argentina/Mendoza",
    "America/Indianapolis": "America/Indiana/Indianapolis",
    "America/Louisville": "America/Kentucky/Louisville",
    "Pacific/Samoa": "Pacific/Pago_Pago",
    "EST5EDT": "America/New_York",
    "CST6CDT": "America/Chicago",
    "MST7MDT": "America/Denver",
    "PST8PDT": "America/Los_Angeles",
    "Cuba": "America/Havana",
    "Egypt": "Africa/Cairo",
    "Eire": "Europe/Dublin",
    "GB": "Europe/London",
    "GB-Eire": "Europe/London",
    "Hongkong": "Asia/Hong_Kong",
    "Iceland": "Atlantic/Reykjavik",
    "Iran": "Asia/Tehran",
    "Israel": "Asia/Jerusalem",
    "Jamaica": "America/Jamaica",
    "Japan": "Asia/Tokyo",
    "Kwajalein": "Pacific/Kwajalein",
    "Libya": "Africa/Tripoli",
    "Navajo": "America/Denver",
    "NZ": "Pacific/Auckland",
    "NZ-CHAT": "Pacific/Chatham",
    "Poland": "Europe/Warsaw",
    "Portugal": "Europe/Lisbon",
    "PRC": "Asia/Shanghai",
    "ROC": "Asia/Taipei",
    "ROK": "Asia/Seoul",
    "Singapore": "Asia/Singapore",
    "Turkey": "Europe/Istanbul",
    "W-SU": "Europe/Moscow",
    "Etc/UTC": "UTC",
    "Etc/UCT": "UTC",
    "Etc/Universal": "UTC",
    "Etc/Zulu": "UTC",
    "Etc/GMT": "UTC",
    "Etc/GMT0": "UTC",
    "Etc/GMT+0": "UTC",
    "Etc/GMT-0": "UTC",
    "Etc/Greenwich": "UTC",
    "UCT": "UTC",
    "Universal": "UTC",
    "Zulu": "UTC",
    "Greenwich": "UTC",
    "GMT+0": "UTC",
    "GMT-0": "UTC",
    "GMT0": "UTC",
}

# Cities and countries people type that are not (or not only) an IANA city name. Keys are
# normalised (see ``_key``). IANA city names such as "Helsinki" are found without a row here.
_PLACES: dict[str, str] = {
    # Germany and central Europe
    "berlin": "Europe/Berlin",
    "munich": "Europe/Berlin",
    "munchen": "Europe/Berlin",
    "hamburg": "Europe/Berlin",
    "frankfurt": "Europe/Berlin",
    "cologne": "Europe/Berlin",
    "koln": "Europe/Berlin",
    "stuttgart": "Europe/Berlin",
    "dusseldorf": "Europe/Berlin",
    "leipzig": "Europe/Berlin",
    "dresden": "Europe/Berlin",
    "germany": "Europe/Berlin",
    "deutschland": "Europe/Berlin",
    "geneva": "Europe/Zurich",
    "basel": "Europe/Zurich",
    "bern": "Europe/Zurich",
    "switzerland": "Europe/Zurich",
    "austria": "Europe/Vienna",
    "salzburg": "Europe/Vienna",
    "czechia": "Europe/Prague",
    "czech republic": "Europe/Prague",
    "poland": "Europe/Warsaw",
    "krakow": "Europe/Warsaw",
    "slovakia": "Europe/Bratislava",
    "hungary": "Europe/Budapest",
    "slovenia": "Europe/Ljubljana",
    "croatia": "Europe/Zagreb",
    "serbia": "Europe/Belgrade",
    "romania": "Europe/Bucharest",
    "bulgaria": "Europe/Sofia",
    # Western Europe
    "uk": "Europe/London",
    "united kingdom": "Europe/London",
    "great britain": "Europe/London",
    "britain": "Europe/London",
    "england": "Europe/London",
    "scotland": "Europe/London",
    "wales": "Europe/London",
    "northern ireland": "Europe/London",
    "edinburgh": "Europe/London",
    "manchester": "Europe/London",
    "glasgow": "Europe/London",
    "birmingham": "Europe/London",
    "cardiff": "Europe/London",
    "bristol": "Europe/London",
    "leeds": "Europe/London",
    "ireland": "Europe/Dublin",
    "cork": "Europe/Dublin",
    "france": "Europe/Paris",
    "lyon": "Europe/Paris",
    "marseille": "Europe/Paris",
    "nice": "Europe/Paris",
    "toulouse": "Europe/Paris",
    "spain": "Europe/Madrid",
    "barcelona": "Europe/Madrid",
    "valencia": "Europe/Madrid",
    "seville": "Europe/Madrid",
    "portugal": "Europe/Lisbon",
    "porto": "Europe/Lisbon",
    "italy": "Europe/Rome",
    "milan": "Europe/Rome",
    "milano": "Europe/Rome",
    "florence": "Europe/Rome",
    "naples": "Europe/Rome",
    "turin": "Europe/Rome",
    "venice": "Europe/Rome",
    "netherlands": "Europe/Amsterdam",
    "holland": "Europe/Amsterdam",
    "rotterdam": "Europe/Amsterdam",
    "utrecht": "Europe/Amsterdam",
    "the hague": "Europe/Amsterdam",
    "eindhoven": "Europe/Amsterdam",
    "belgium": "Europe/Brussels",
    "antwerp": "Europe/Brussels",
    "ghent": "Europe/Brussels",
    "luxembourg": "Europe/Luxembourg",
    # Nordics and Baltics
    "denmark": "Europe/Copenhagen",
    "aarhus": "Europe/Copenhagen",
    "norway": "Europe/Oslo",
    "bergen": "Europe/Oslo",
    "sweden": "Europe/Stockholm",
    "gothenburg": "Europe/Stockholm",
    "malmo": "Europe/Stockholm",
    "finland": "Europe/Helsinki",
    "tampere": "Europe/Helsinki",
    "iceland": "Atlantic/Reykjavik",
    "estonia": "Europe/Tallinn",
    "latvia": "Europe/Riga",
    "lithuania": "Europe/Vilnius",
    # Eastern Europe and the Middle East
    "greece": "Europe/Athens",
    "turkey": "Europe/Istanbul",
    "turkiye": "Europe/Istanbul",
    "ankara": "Europe/Istanbul",
    "ukraine": "Europe/Kyiv",
    "kiev": "Europe/Kyiv",
    "belarus": "Europe/Minsk",
    "st petersburg": "Europe/Moscow",
    "saint petersburg": "Europe/Moscow",
    "israel": "Asia/Jerusalem",
    "tel aviv": "Asia/Jerusalem",
    "haifa": "Asia/Jerusalem",
    "uae": "Asia/Dubai",
    "united arab emirates": "Asia/Dubai",
    "abu dhabi": "Asia/Dubai",
    "qatar": "Asia/Qatar",
    "doha": "Asia/Qatar",
    "saudi arabia": "Asia/Riyadh",
    "jeddah": "Asia/Riyadh",
    "iran": "Asia/Tehran",
    # Africa
    "egypt": "Africa/Cairo",
    "kenya": "Africa/Nairobi",
    "eldoret": "Africa/Nairobi",
    "iten": "Africa/Nairobi",
    "ethiopia": "Africa/Addis_Ababa",
    "uganda": "Africa/Kampala",
    "tanzania": "Africa/Dar_es_Salaam",
    "nigeria": "Africa/Lagos",
    "abuja": "Africa/Lagos",
    "ghana": "Africa/Accra",
    "morocco": "Africa/Casablanca",
    "rabat": "Africa/Casablanca",
    "marrakech": "Africa/Casablanca",
    "south africa": "Africa/Johannesburg",
    "cape town": "Africa/Johannesburg",
    "durban": "Africa/Johannesburg",
    "pretoria": "Africa/Johannesburg",
    # South and East Asia
    "india": "Asia/Kolkata",
    "mumbai": "Asia/Kolkata",
    "bombay": "Asia/Kolkata",
    "delhi": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "bangalore": "Asia/Kolkata",
    "bengaluru": "Asia/Kolkata",
    "chennai": "Asia/Kolkata",
    "hyderabad": "Asia/Kolkata",
    "pune": "Asia/Kolkata",
    "calcutta": "Asia/Kolkata",
    "pakistan": "Asia/Karachi",
    "lahore": "Asia/Karachi",
    "islamabad": "Asia/Karachi",
    "bangladesh": "Asia/Dhaka",
    "sri lanka": "Asia/Colombo",
    "nepal": "Asia/Kathmandu",
    "thailand": "Asia/Bangkok",
    "vietnam": "Asia/Ho_Chi_Minh",
    "hanoi": "Asia/Ho_Chi_Minh",
    "saigon": "Asia/Ho_Chi_Minh",
    "ho chi minh city": "Asia/Ho_Chi_Minh",
    "malaysia": "Asia/Kuala_Lumpur",
    "philippines": "Asia/Manila",
    "china": "Asia/Shanghai",
    "beijing": "Asia/Shanghai",
    "shenzhen": "Asia/Shanghai",
    "guangzhou": "Asia/Shanghai",
    "taiwan": "Asia/Taipei",
    "japan": "Asia/Tokyo",
    "osaka": "Asia/Tokyo",
    "kyoto": "Asia/Tokyo",
    "south korea": "Asia/Seoul",
    "korea": "Asia/Seoul",
    "busan": "Asia/Seoul",
    # Oceania
    "canberra": "Australia/Sydney",
    "gold coast": "Australia/Brisbane",
    "new zealand": "Pacific/Auckland",
    "nz": "Pacific/Auckland",
    "wellington": "Pacific/Auckland",
    "christchurch": "Pacific/Auckland",
    "queenstown": "Pacific/Auckland",
    "hawaii": "Pacific/Honolulu",
    # North America
    "nyc": "America/New_York",
    "new york city": "America/New_York",
    "manhattan": "America/New_York",
    "brooklyn": "America/New_York",
    "boston": "America/New_York",
    "washington": "America/New_York",
    "washington dc": "America/New_York",
    "dc": "America/New_York",
    "philadelphia": "America/New_York",
    "miami": "America/New_York",
    "atlanta": "America/New_York",
    "orlando": "America/New_York",
    "houston": "America/Chicago",
    "dallas": "America/Chicago",
    "austin": "America/Chicago",
    "minneapolis": "America/Chicago",
    "salt lake city": "America/Denver",
    "boulder": "America/Denver",
    "flagstaff": "America/Phoenix",
    "la": "America/Los_Angeles",
    "san francisco": "America/Los_Angeles",
    "sf": "America/Los_Angeles",
    "san diego": "America/Los_Angeles",
    "san jose": "America/Los_Angeles",
    "seattle": "America/Los_Angeles",
    "las vegas": "America/Los_Angeles",
    "montreal": "America/Toronto",
    "ottawa": "America/Toronto",
    "quebec": "America/Toronto",
    "calgary": "America/Edmonton",
    "alaska": "America/Anchorage",
    "mexico city": "America/Mexico_City",
    "guadalajara": "America/Mexico_City",
    "cuba": "America/Havana",
    "jamaica": "America/Jamaica",
    "puerto rico": "America/Puerto_Rico",
    "costa rica": "America/Costa_Rica",
    # South America
    "rio": "America/Sao_Paulo",
    "rio de janeiro": "America/Sao_Paulo",
    "argentina": "America/Argentina/Buenos_Aires",
    "colombia": "America/Bogota",
    "medellin": "America/Bogota",
    "peru": "America/Lima",
    "venezuela": "America/Caracas",
    "uruguay": "America/Montevideo",
    "ecuador": "America/Guayaquil",
    "quito": "America/Guayaquil",
}

# Places spanning several zones: the runner picks. Main zones first, at most five.
_SEVERAL: dict[str, tuple[str, ...]] = {
    "usa": (
        "America/New_York",
        "America/Chicago",
        "America/Denver",
        "America/Los_Angeles",
        "America/Anchorage",
    ),
    "canada": (
        "America/Toronto",
        "America/Vancouver",
        "America/Winnipeg",
        "America/Edmonton",
        "America/Halifax",
    ),
    "australia": (
        "Australia/Sydney",
        "Australia/Brisbane",
        "Australia/Adelaide",
        "Australia/Darwin",
        "Australia/Perth",
    ),
    "brazil": ("America/Sao_Paulo", "America/Manaus", "America/Rio_Branco", "America/Noronha"),
    "russia": (
        "Europe/Moscow",
        "Asia/Yekaterinburg",
        "Asia/Novosibirsk",
        "Asia/Vladivostok",
        "Europe/Kaliningrad",
    ),
    "mexico": ("America/Mexico_City", "America/Cancun", "America/Tijuana", "America/Hermosillo"),
    "indonesia": ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"),
    "chile": ("America/Santiago", "America/Punta_Arenas", "Pacific/Easter"),
    "portland": ("America/Los_Angeles", "America/New_York"),
}
for _alias in ("us", "united states", "united states of america", "america", "states"):
    _SEVERAL[_alias] = _SEVERAL["usa"]

# Time-zone abbreviations. People mean the zone with its summer time ("EST" in July still
# means New York), so these map to real zones, never to the fixed-offset IANA "EST".
_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "est": ("America/New_York",),
    "edt": ("America/New_York",),
    "et": ("America/New_York",),
    "eastern": ("America/New_York",),
    "cst": ("America/Chicago", "Asia/Shanghai"),
    "cdt": ("America/Chicago",),
    "ct": ("America/Chicago",),
    "central": ("America/Chicago",),
    "mst": ("America/Denver", "America/Phoenix"),
    "mdt": ("America/Denver",),
    "mt": ("America/Denver",),
    "mountain": ("America/Denver",),
    "pst": ("America/Los_Angeles",),
    "pdt": ("America/Los_Angeles",),
    "pt": ("America/Los_Angeles",),
    "pacific": ("America/Los_Angeles",),
    "akst": ("America/Anchorage",),
    "akdt": ("America/Anchorage",),
    "hst": ("Pacific/Honolulu",),
    "gmt": ("Europe/London", "UTC"),
    "bst": ("Europe/London",),
    "ist": ("Asia/Kolkata", "Europe/Dublin", "Asia/Jerusalem"),
    "wet": ("Europe/Lisbon",),
    "west": ("Europe/Lisbon",),
    "cet": ("Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam"),
    "cest": ("Europe/Berlin", "Europe/Paris", "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam"),
    "eet": ("Europe/Helsinki", "Europe/Athens", "Europe/Kyiv", "Africa/Cairo"),
    "eest": ("Europe/Helsinki", "Europe/Athens", "Europe/Kyiv"),
    "msk": ("Europe/Moscow",),
    "eat": ("Africa/Nairobi",),
    "cat": ("Africa/Maputo",),
    "sast": ("Africa/Johannesburg",),
    "wat": ("Africa/Lagos",),
    "jst": ("Asia/Tokyo",),
    "kst": ("Asia/Seoul",),
    "sgt": ("Asia/Singapore",),
    "hkt": ("Asia/Hong_Kong",),
    "aest": ("Australia/Sydney", "Australia/Brisbane"),
    "aedt": ("Australia/Sydney",),
    "acst": ("Australia/Adelaide", "Australia/Darwin"),
    "acdt": ("Australia/Adelaide",),
    "awst": ("Australia/Perth",),
    "nzst": ("Pacific/Auckland",),
    "nzdt": ("Pacific/Auckland",),
    "brt": ("America/Sao_Paulo",),
    "art": ("America/Argentina/Buenos_Aires",),
}

# When several real zones share a non-whole offset, offer the one most runners live in.
_OFFSET_PREFERRED = (
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tehran",
    "Asia/Kabul",
    "Asia/Yangon",
    "Australia/Darwin",
    "Australia/Adelaide",
    "America/St_Johns",
    "Australia/Eucla",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Pacific/Marquesas",
)

# Offsets are compared on these two instants: one in each half of the year, so a zone with
# summer time shows both offsets. A fixed year keeps the answer independent of the clock.
_REFERENCE_INSTANTS = (
    datetime(2025, 1, 15, 12, tzinfo=UTC),
    datetime(2025, 7, 15, 12, tzinfo=UTC),
)

_OFFSET_RE = re.compile(
    r"^(?:(?P<prefix>utc|gmt|z)\s*)?(?P<sign>[+\-−])?\s*(?P<hours>\d{1,2})"
    r"(?:[:.]?(?P<minutes>\d{2}))?$"
)
_UTC_WORDS = frozenset({"utc", "z", "zulu", "utc+0", "utc-0", "gmt+0", "gmt-0", "+0", "-0"})
_LEGACY_AREAS = frozenset({"US", "Canada", "Brazil", "Chile", "Mexico", "Etc"})


@dataclass(frozen=True, slots=True)
class ZoneMatch:
    """The result of reading a zone the runner typed.

    ``zone`` is set only when the text named one zone without doubt; ``suggestions`` (up to
    five, best first) is set otherwise, for the bot to offer as buttons. Both empty means
    nothing came close.
    """

    zone: str | None
    suggestions: tuple[str, ...] = ()


def _fold(text: str) -> str:
    """Lower case without accents, so "São Paulo" and "sao paulo" meet."""
    decomposed = unicodedata.normalize("NFKD", text.strip().lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _key(text: str) -> str:
    """Normalised place key: separators become single spaces ("new_york" == "New-York")."""
    folded = re.sub(r"[_\-.,'’()]+", " ", _fold(text))
    folded = re.sub(r"\s*/\s*", "/", folded)
    return re.sub(r"\s+", " ", folded).strip()


def _iana_key(text: str) -> str:
    """Normalised IANA name: case and spaces-for-underscores ignored, hyphens and signs kept,
    so "etc/gmt-2" and "etc/gmt+2" stay apart."""
    folded = re.sub(r"\s*/\s*", "/", _fold(text))
    return re.sub(r"[\s_]+", "_", folded).strip("_")


@cache
def _valid_zones() -> frozenset[str]:
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


def _canonical(zone: str) -> str | None:
    """The current name for ``zone`` if it can be loaded here, else None."""
    name = _CANONICAL.get(zone, zone)
    return name if name in _valid_zones() else None


def _clean(zones: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Canonical, loadable, de-duplicated, in order, at most ``MAX_SUGGESTIONS``."""
    result: list[str] = []
    for zone in zones:
        name = _canonical(zone)
        if name is not None and name not in result:
            result.append(name)
    return tuple(result[:MAX_SUGGESTIONS])


@cache
def _iana_index() -> dict[str, str]:
    """Normalised full IANA name -> canonical zone."""
    index: dict[str, str] = {}
    for zone in sorted(_valid_zones()):
        name = _canonical(zone)
        if name is not None:
            index[_iana_key(zone)] = name
    return index


def _is_city_zone(zone: str) -> bool:
    """Region/City zones whose last part names a place (not "US/Eastern" or "Etc/GMT-2")."""
    return "/" in zone and zone.split("/")[0] not in _LEGACY_AREAS and zone not in _CANONICAL


@cache
def _place_index() -> dict[str, tuple[str, ...]]:
    """Normalised place name -> zones: IANA city names, then our table on top of them."""
    index: dict[str, tuple[str, ...]] = {}
    for zone in sorted(_valid_zones()):
        if _is_city_zone(zone):
            index.setdefault(_key(zone.rsplit("/", 1)[1]), (zone,))
    for place, zone in _PLACES.items():
        index[place] = (zone,)
    for place, zones in _SEVERAL.items():
        index[place] = zones
    return index


@cache
def _fuzzy_choices() -> dict[str, tuple[str, ...]]:
    """Everything a typo may be close to: place names and full IANA names."""
    choices = dict(_place_index())
    for zone in sorted(_valid_zones()):
        if _is_city_zone(zone):
            choices.setdefault(_key(zone), (zone,))
    return choices


@cache
def _zones_by_offset() -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    """UTC offset in minutes -> (zones always at it, zones at it for part of the year)."""
    fixed: dict[int, list[str]] = {}
    some: dict[int, list[str]] = {}
    for zone in sorted(_valid_zones()):
        if not _is_city_zone(zone):
            continue
        info = zoneinfo.ZoneInfo(zone)
        offsets = set()
        for instant in _REFERENCE_INSTANTS:
            delta = instant.astimezone(info).utcoffset() or timedelta(0)
            offsets.add(int(delta.total_seconds()) // 60)
        for minutes in offsets:
            some.setdefault(minutes, []).append(zone)
        if len(offsets) == 1:
            fixed.setdefault(offsets.pop(), []).append(zone)

    def ranked(zones: list[str]) -> tuple[str, ...]:
        order = {zone: i for i, zone in enumerate(_OFFSET_PREFERRED)}
        return tuple(sorted(zones, key=lambda zone: (order.get(zone, len(order)), zone)))

    return {
        minutes: (ranked(fixed.get(minutes, [])), ranked(some.get(minutes, [])))
        for minutes in some
    }


def _from_offset(text: str) -> ZoneMatch | None:
    """Read "UTC+2", "GMT-5", "+05:30"; None when ``text`` is not an offset at all.

    Whole hours become Etc/GMT zones, whose sign is inverted by POSIX convention: UTC+2 is
    "Etc/GMT-2". Other offsets become a real zone that sits at that offset all year, or
    suggestions of zones that reach it in part of the year.
    """
    compact = re.sub(r"\s+", "", _fold(text))
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
        return ZoneMatch(zone) if zone in _valid_zones() else ZoneMatch(None)
    fixed, some = _zones_by_offset().get(total, ((), ()))
    if fixed:
        return ZoneMatch(fixed[0])
    return ZoneMatch(None, _clean(some))


def _exact(text: str) -> ZoneMatch | None:
    """An exact match on an abbreviation, IANA name or place, after normalising."""
    key = _key(text)
    if not key:
        return None
    if key in _ABBREVIATIONS:
        return _several(_ABBREVIATIONS[key])
    iana = _iana_index().get(_iana_key(text))
    if iana is not None:
        return ZoneMatch(iana)
    zones = _place_index().get(key)
    if zones is not None:
        return _several(zones)
    return None


def _several(zones: tuple[str, ...]) -> ZoneMatch:
    """One zone is an answer; several are a question for the runner."""
    cleaned = _clean(zones)
    if len(cleaned) == 1:
        return ZoneMatch(cleaned[0])
    return ZoneMatch(None, cleaned)


def _fuzzy(text: str) -> ZoneMatch:
    """Suggestions for a typo; never a confident answer.

    A whole-string ratio first, which ranks one-word typos cleanly ("Berlim" -> Berlin).
    Only if that finds nothing, a weighted ratio that also matches a place inside longer
    text ("Frankfurt am Main"); it ignores names under four letters, which it would match
    inside almost anything ("la" in "Atlantis").
    """
    query = _key(text)
    choices = _fuzzy_choices()
    found = process.extract(
        query, list(choices), scorer=fuzz.QRatio, score_cutoff=_TYPO_CUTOFF, limit=None
    )
    if not found:
        longer = [name for name in choices if len(name) >= 4]
        found = process.extract(
            query, longer, scorer=fuzz.WRatio, score_cutoff=_PARTIAL_CUTOFF, limit=None
        )
    # Highest score first, then the shorter (more specific) name, then alphabetical.
    found.sort(key=lambda hit: (-hit[1], len(hit[0]), hit[0]))
    zones: list[str] = []
    for name, _score, _index in found:
        zones.extend(choices[name])
    return ZoneMatch(None, _clean(zones))


def resolve_zone(text: str) -> ZoneMatch:
    """Resolve a runner's answer to "where are you?" to an IANA zone or suggestions.

    Tried in order: UTC offsets, exact names (abbreviation, IANA name in any case, city or
    country), each comma-separated part ("Berlin, Germany"), and finally fuzzy matching for
    typos, which only ever yields suggestions.
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
        for part in text.split(","):
            exact = _exact(part)
            if exact is not None:
                return exact
    return _fuzzy(text)


def zone_label(zone: str) -> str:
    """How the bot names a zone to the runner: "Berlin (Europe/Berlin)", or "UTC+2" for the
    fixed-offset Etc zones whose inverted sign would only confuse."""
    name = _CANONICAL.get(zone, zone)
    if name == "UTC":
        return "UTC"
    etc = re.fullmatch(r"Etc/GMT([+-])(\d{1,2})", name)
    if etc is not None:
        return f"UTC{'-' if etc[1] == '+' else '+'}{etc[2]}"
    if "/" not in name:
        return name
    city = name.rsplit("/", 1)[1].replace("_", " ")
    return f"{city} ({name})"
