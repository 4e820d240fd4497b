"""The calendar words runners type, in each language, from CLDR (through Babel).

Weekday and month names in every width ("Freitag", "Fr", "vie.", "sept."), the words for
today, tomorrow and the day after ("morgen", "übermorgen", "pasado mañana", "après-demain"),
"this"/"next" before or after a weekday ("nächsten Freitag", "el próximo viernes", "vendredi
prochain"), "in {0} weeks" ("dans {0} semaines") and the periods of the day with the hours
they cover ("de la tarde" 12-20 h, "du soir" 18-24 h, "abends"). All keys are folded
(``content.folding``): lower case, no accents, apostrophes dropped, hyphens as spaces.

CLDR has no words for groups of days ("weekdays", "jeden Tag") nor the small words around a
date ("on", "am", "el", "le"); those few stay hand-written in ``content.weekdays`` and
``content.dates``, next to the grammar that uses them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import time
from functools import cache
from typing import Any

from babel import Locale
from babel.dates import get_day_names, get_month_names

from content.folding import key
from content.languages import SUPPORTED, Language

_DAY_FIELDS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Forms CLDR's phrases do not spell out: other genders and cases ("nächster", "próxima"),
# synonyms ("kommenden", "que viene"), and English's "day after tomorrow".
_EXTRA_NEXT = {
    Language.EN: ("coming",),
    Language.DE: (
        *("nachster", "nachste", "nachstes", "naechster", "naechste", "naechstes"),
        *("kommenden", "kommender", "kommende"),
    ),
    Language.ES: ("proxima", "viene"),
    Language.FR: ("prochaine",),
}
_EXTRA_THIS = {Language.DE: ("dieser", "diese"), Language.ES: ("esta",), Language.FR: ("cette",)}
_EXTRA_DAYS = {Language.EN: {"day after tomorrow": 2}}
_UNITS = {"day": "day", "week": "week", "month": "month"}


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def spellings(name: str) -> set[str]:
    """The keys a name is typed as: folded, and with German umlauts written out
    ("übermorgen" -> "ubermorgen" and "uebermorgen"), as keyboards without them do."""
    return {key(name), key(name.translate(_UMLAUTS))}


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def _unambiguous(pairs: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Keys that mean one value only ("do" is Sunday in Spanish, Thursday in German: kept
    only where one of the two is read). Single letters are dropped: "M" is Monday, Tuesday
    or Wednesday depending on the language."""
    seen: dict[str, set[int]] = defaultdict(set)
    for name, value in pairs:
        if len(name) > 1:
            seen[name].add(value)
    return {name: values.pop() for name, values in seen.items() if len(values) == 1}


@cache
def weekday_names(languages: tuple[Language, ...]) -> dict[str, int]:
    """Folded weekday name -> 0 (Monday) .. 6, every CLDR width and context of the given
    languages; a name meaning two days across them (narrow "M", es "do" vs de "Do") is
    left out rather than guessed."""
    pairs: list[tuple[str, int]] = []
    for language in languages:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated", "short", "narrow"):
                names = get_day_names(width, context, _locale(language))
                pairs.extend((k, day) for day, name in names.items() for k in spellings(name))
    return _unambiguous(pairs)


@cache
def month_names(languages: tuple[Language, ...]) -> dict[str, int]:
    """Folded month name -> 1..12, wide and abbreviated, of the given languages."""
    pairs: list[tuple[str, int]] = []
    for language in languages:
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                names = get_month_names(width, context, _locale(language))
                pairs.extend((k, month) for month, name in names.items() for k in spellings(name))
    return _unambiguous(pairs)


def _date_fields(language: str) -> Mapping[str, Any]:
    """CLDR's relative date fields; Babel has no public property for them, and reads this
    same table itself when it formats relative times."""
    fields: Mapping[str, Any] = _locale(language)._data["date_fields"]
    return fields


def _relative(language: str, field: str) -> Mapping[int, str]:
    fields = _date_fields(language)
    return fields[field]["relative"] if field in fields else {}


@cache
def relative_days(languages: tuple[Language, ...]) -> dict[str, int]:
    """ "today", "morgen", "pasado manana", "apres demain" -> days from today (0, 1, 2)."""
    pairs = [
        (spelling, offset)
        for language in languages
        for offset, name in _relative(language, "day").items()
        if offset >= 0
        for spelling in spellings(name)
    ]
    for language in languages:
        pairs.extend(_EXTRA_DAYS.get(language, {}).items())
    return _unambiguous(pairs)


@dataclass(frozen=True, slots=True)
class WeekdayModifiers:
    """Words that turn a weekday into "this one" or "the next one", from CLDR's "this
    Friday" / "next Friday" phrases with the weekday taken out ("diesen", "nachsten",
    "este", "proximo", "ce", "prochain"); articles they bring ("el") are in ``fillers``."""

    this: frozenset[str]
    next: frozenset[str]
    fillers: frozenset[str]


@cache
def weekday_modifiers(languages: tuple[Language, ...]) -> WeekdayModifiers:
    this: set[str] = set()
    following: set[str] = set()
    fillers: set[str] = set()
    for language in languages:
        wide = get_day_names("wide", "format", _locale(language)).values()
        days = {key for name in wide for key in spellings(name)}
        for field in _DAY_FIELDS:
            for offset, phrase in _relative(language, field).items():
                for spelling in spellings(phrase):
                    rest = [word for word in spelling.split() if word not in days]
                    if offset == 0 and rest:
                        this.add(rest[-1])
                        fillers.update(rest[:-1])
                    elif offset == 1 and rest:
                        following.add(rest[-1])
                        fillers.update(rest[:-1])
        following.update(_EXTRA_NEXT.get(language, ()))
        this.update(_EXTRA_THIS.get(language, ()))
    return WeekdayModifiers(frozenset(this), frozenset(following), frozenset(fillers))


@cache
def future_patterns(languages: tuple[Language, ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    """ "in {0} weeks", "dans {0} semaines", "dentro de {0} dias" as regexes over folded
    words, each with its unit ("day", "week" or "month")."""
    found: dict[str, str] = {}
    for language in languages:
        fields = _date_fields(language)
        for field, unit in _UNITS.items():
            for width in (field, f"{field}-short"):
                if width not in fields:
                    continue
                for pattern in fields[width]["future"].values():
                    words = key(pattern.replace("{0}", " 0 "))
                    regex = r"\b" + re.escape(words).replace("0", r"(\d{1,3})") + r"\b"
                    found.setdefault(regex, unit)
    return tuple((re.compile(f"^{regex}$"), unit) for regex, unit in found.items())


@dataclass(frozen=True, slots=True)
class DayPeriod:
    """A period of the day as CLDR defines it for one language: [start, end) in minutes
    since midnight (end may wrap past midnight), or one instant (noon, midnight)."""

    start: int
    end: int

    @property
    def instant(self) -> time | None:
        """The time itself for periods that are one instant ("midi", "midnight")."""
        if self.start != self.end:
            return None
        return time(self.start // 60 % 24, self.start % 60)

    def covers(self, minutes: int) -> bool:
        if self.start < self.end:
            return self.start <= minutes < self.end
        return minutes >= self.start or minutes < self.end

    def distance(self, minutes: int) -> int:
        """Minutes from ``minutes`` to the middle of the period, around the clock."""
        length = (self.end - self.start) % (24 * 60)
        middle = (self.start + length // 2) % (24 * 60)
        gap = abs(minutes - middle)
        return min(gap, 24 * 60 - gap)


@cache
def day_periods() -> dict[str, DayPeriod]:
    """Folded period name ("de la tarde", "du soir", "abends", "in the evening", "noon",
    "mitternacht") -> its span, for every supported language. AM and PM stay with the
    12-hour clock's own grammar; one- and two-letter narrow forms are left out."""
    found: dict[str, DayPeriod] = {}
    for language in SUPPORTED:
        locale = _locale(language)
        rules = locale.day_period_rules.get(None, {})
        spans: dict[str, DayPeriod] = {}
        for period, ranges in rules.items():
            rule = ranges[0]
            if "at" in rule:
                spans[period] = DayPeriod(rule["at"] // 60, rule["at"] // 60)
            else:
                spans[period] = DayPeriod(rule["from"] // 60, rule["before"] // 60)
        for widths in locale.day_periods.values():
            for names in widths.values():
                for period, name in names.items():
                    name_key = key(name)
                    if period in spans and len(name_key) > 2:
                        found.setdefault(name_key, spans[period])
    return found
