"""Read a date the runner types for /pause or /race, in English and in their own language.

"2027-04-18", "18 April", "April 18th", "18/4", "18.4.", "tomorrow", "in 3 weeks", "next
friday", "10 Dec"; "morgen", "übermorgen", "nächsten Freitag", "18. April"; "mañana",
"el próximo viernes", "20 de abril"; "demain", "vendredi prochain", "le 3 mai", "1er mai".

A small grammar of our own reads these first, built on CLDR's names (``content.calendar
words``), because dateparser 1.5 returns nothing for "nächsten Freitag", "el próximo
viernes" and "vendredi prochain", reads "demain 7h" as seven hours from now, and cannot tell
us that "4/5" is ambiguous in English. dateparser then reads the long tail ("in two weeks",
"next month", "a fortnight from now") with its languages restricted to the runner's and
English, future dates preferred and today as the base; a reading that lands in the past
without a year typed, or carries a time of day, is dateparser guessing and is refused.

A plain weekday ("friday") and "next friday" both mean the first one after today; "this
friday" may be today. A date without a year is its next occurrence, today included.

The answer is a ``DateParse``: the date, or a ``DateProblem`` code and the readings behind
it, for ``bot/texts`` to word. A date and a time typed together ("demain 7h") are read by
``content.datetimes``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

import dateparser

from content.calendarwords import (
    future_patterns,
    month_names,
    relative_days,
    weekday_modifiers,
    weekday_names,
)
from content.folding import key
from content.languages import Language, reading_languages

DEFAULT_MAX_DAYS_AHEAD = 366

# Small words around a date in our languages ("on", "the", "of", "am", "el", "de", "le").
_FILLERS = frozenset(
    {"on", "the", "of", "am", "den", "der", "dem", "im", "el", "la", "los", "de", "del"}
    | {"le", "les", "du", "que", "for", "bis", "until", "till", "jusquau", "hasta", "al"}
)
_ISO = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})([./-])(\d{1,2})(?:\2(\d{4}|\d{2}))?\.?$")
_DAY = re.compile(r"^(\d{1,2})(st|nd|rd|th|er|re|e|eme|o|a)?$")
_ORDINAL = re.compile(r"^\d{1,2}(st|nd|rd|th|er|re|eme|o|a)$")
_YEAR = re.compile(r"^(19|20|21)\d{2}$")


class DateProblem(StrEnum):
    """Why a typed date was not taken."""

    NOT_A_DATE = "not_a_date"
    NO_SUCH_DAY = "no_such_day"  # "31 April", "30.2."
    PAST = "past"  # "2020-01-01": ``readings`` holds it
    TOO_FAR = "too_far"  # past ``max_days_ahead``: ``readings`` holds it
    AMBIGUOUS = "ambiguous"  # "4/5" in English: ``readings`` holds both dates
    WEEKDAY_MISMATCH = "weekday_mismatch"  # "Friday 18 April 2027" (a Sunday)


@dataclass(frozen=True, slots=True)
class DateParse:
    """A date read from the runner's text, or why not.

    ``value`` is set when the text named one acceptable date. Otherwise ``problem`` says why;
    ``readings`` holds the date(s) behind the problem (both readings of "4/5", the past or
    far date read) and ``weekday`` the weekday typed when it does not match.
    """

    value: date | None = None
    problem: DateProblem | None = None
    readings: tuple[date, ...] = ()
    weekday: int | None = None


_NOT_A_DATE = DateParse(problem=DateProblem.NOT_A_DATE)


@dataclass(frozen=True, slots=True)
class DateReader:
    """Reads dates for one runner on one day: ``grammar`` is ours, ``fallback`` dateparser.
    ``parse_date`` and ``content.datetimes`` are the ways in."""

    today: date
    languages: tuple[Language, ...]
    max_days_ahead: int

    def checked(self, day: date, *, year_typed: bool = True) -> DateParse:
        """``day`` if it is today or later and within reach, else the problem."""
        if day < self.today:
            problem = DateProblem.PAST if year_typed else DateProblem.NOT_A_DATE
            return DateParse(problem=problem, readings=(day,))
        if (day - self.today).days > self.max_days_ahead:
            return DateParse(problem=DateProblem.TOO_FAR, readings=(day,))
        return DateParse(value=day)

    def next_occurrence(self, month: int, day: int) -> date | None:
        """The first ``day``.``month`` from today on (29 February may be years away)."""
        for year in range(self.today.year, self.today.year + 9):
            try:
                found = date(year, month, day)
            except ValueError:
                continue
            if found >= self.today:
                return found
        return None

    def day_month(self, day: int, month: int, year: int | None) -> DateParse:
        if year is not None:
            try:
                return self.checked(date(year, month, day))
            except ValueError:
                return DateParse(problem=DateProblem.NO_SUCH_DAY)
        found = self.next_occurrence(month, day) if 1 <= month <= 12 else None
        if found is None:
            return DateParse(problem=DateProblem.NO_SUCH_DAY)
        return self.checked(found, year_typed=False)

    def numeric(self, text: str) -> DateParse | None:
        """ISO dates, and day/month with an optional year: "18/4", "18.4.", "4/18/2027"."""
        iso = _ISO.match(text)
        if iso is not None:
            return self.day_month(int(iso[3]), int(iso[2]), int(iso[1]))
        match = _NUMERIC.match(text)
        if match is None:
            return None
        first, second, sep = int(match[1]), int(match[3]), match[2]
        year = None if match[4] is None else int(match[4]) + (2000 if len(match[4]) == 2 else 0)
        if second > 12 >= first and sep != ".":
            return self.day_month(second, first, year)  # "4/18": only month-first works
        if sep == "." or first > 12 or first == second or self.languages[0] is not Language.EN:
            return self.day_month(first, second, year)  # day first, as everywhere but the US
        # English and both numbers could be the month: "4/5" is 4 May or April 5.
        both = (self.day_month(first, second, year), self.day_month(second, first, year))
        dates = [
            found.value or found.readings[0] for found in both if found.value or found.readings
        ]
        if len(dates) < 2:  # one reading is no day at all ("0/1"): the other decides
            valid = [found for found in both if found.value is not None]
            return valid[0] if valid else both[0]
        return DateParse(problem=DateProblem.AMBIGUOUS, readings=tuple(sorted(dates)))

    def weekday(self, day: int, this: bool) -> date:
        """The next ``day`` (0 = Monday) after today; with ``this``, today counts."""
        ahead = (day - self.today.weekday()) % 7
        return self.today + timedelta(days=ahead if this or ahead else 7)

    def words(self, text: str) -> DateParse | None:
        """The grammar over folded words; None when it does not recognise the text."""
        joined = key(text)
        tokens = joined.split()
        if not tokens:
            return None
        for pattern, unit in future_patterns(self.languages):
            found = pattern.match(joined)
            if found is not None:
                return self.checked(_add(self.today, int(found[1]), unit))
        modifiers = weekday_modifiers(self.languages)
        kept = [t for t in tokens if t not in _FILLERS and t not in modifiers.fillers]
        offset = relative_days(self.languages).get(" ".join(kept))
        if offset is not None:
            return self.checked(self.today + timedelta(days=offset))
        return self._named(kept, modifiers.this, modifiers.next, len(kept) < len(tokens))

    def _named(
        self, tokens: list[str], this: frozenset[str], following: frozenset[str], article: bool
    ) -> DateParse | None:
        """Weekdays ("nächsten Freitag") and day-month-year ("18. April 2027", "May 3rd")."""
        words = _classify(tokens, self.languages, this | following)
        if words is None:
            return None
        if words.number is None and words.month is None and words.year is None:
            if words.weekday is None or len(words.modifiers) > 1:
                return None
            is_this = bool(set(words.modifiers) & this)
            return self.checked(self.weekday(words.weekday, this=is_this))
        if words.modifiers:
            return None
        if words.number is None:
            return _NOT_A_DATE  # a month alone ("May") is no day to pause until
        day = int(words.number.rstrip("abcdefghijklmnopqrstuvwxyz"))
        if words.month is None:
            ordinal = article or _ORDINAL.match(words.number)
            if words.year is not None or words.weekday is not None or not ordinal:
                return None
            found = self._day_of_month(day)
            if found is None:
                return DateParse(problem=DateProblem.NO_SUCH_DAY)
            return self.checked(found, year_typed=False)
        result = self.day_month(day, words.month, words.year)
        typed = words.weekday
        if typed is not None and result.value is not None and result.value.weekday() != typed:
            return DateParse(
                problem=DateProblem.WEEKDAY_MISMATCH, readings=(result.value,), weekday=typed
            )
        return result

    def _day_of_month(self, number: int) -> date | None:
        """ "the 3rd", "le 3": the next 3rd of a month, today included."""
        month, year = self.today.month, self.today.year
        for _ in range(13):
            try:
                found = date(year, month, number)
            except ValueError:
                found = None
            if found is not None and found >= self.today:
                return found
            month, year = (1, year + 1) if month == 12 else (month + 1, year)
        return None

    def grammar(self, text: str) -> DateParse | None:
        """Our grammar alone: a reading, or None when it does not recognise the text."""
        stripped = text.strip()
        if not stripped or len(stripped) > 80:
            return _NOT_A_DATE
        return self.numeric(stripped) or self.words(stripped)

    def fallback(self, text: str) -> DateParse:
        """dateparser for the long tail, on text with letters only (numbers are ours)."""
        if not re.search(r"[^\W\d_]", text):
            return _NOT_A_DATE
        base = datetime.combine(self.today, time())
        settings = {
            "PREFER_DATES_FROM": "future",
            "RELATIVE_BASE": base,
            "RETURN_AS_TIMEZONE_AWARE": False,
        }
        try:
            found = dateparser.parse(text, languages=list(self.languages), settings=settings)
        except Exception:  # a third-party parser on arbitrary text: any failure is "no date"
            return _NOT_A_DATE
        if found is None or found.time() != time():
            return _NOT_A_DATE
        return self.checked(found.date(), year_typed=bool(re.search(r"\b\d{4}\b", text)))


@dataclass(frozen=True, slots=True)
class _Words:
    """What each remaining word of a date is: at most one of each, plus modifiers."""

    number: str | None  # "18", "1er", "3rd"
    month: int | None
    year: int | None
    weekday: int | None
    modifiers: tuple[str, ...]  # "next", "nachsten", "prochain"...


def _classify(
    tokens: list[str], languages: tuple[Language, ...], modifiers: frozenset[str]
) -> _Words | None:
    """Sort the words into day number, month, year, weekday and modifiers; None if a word
    is none of these or one kind comes twice. A word that is both a month and a weekday
    (Spanish "mar") is the month next to a number, else the weekday."""
    days, months = weekday_names(languages), month_names(languages)
    numbers = [t for t in tokens if _DAY.match(t)]
    years = [t for t in tokens if _YEAR.match(t)]
    month_words = [t for t in tokens if t in months and (numbers or t not in days)]
    day_words = [t for t in tokens if t in days and t not in month_words]
    found = [t for t in tokens if t in modifiers]
    kinds = (numbers, years, month_words, day_words)
    if sum(map(len, kinds)) + len(found) != len(tokens) or any(len(k) > 1 for k in kinds):
        return None
    return _Words(
        number=numbers[0] if numbers else None,
        month=months[month_words[0]] if month_words else None,
        year=int(years[0]) if years else None,
        weekday=days[day_words[0]] if day_words else None,
        modifiers=tuple(found),
    )


def _add(today: date, count: int, unit: str) -> date:
    if unit == "day":
        return today + timedelta(days=count)
    if unit == "week":
        return today + timedelta(weeks=count)
    month = today.month - 1 + count
    year, month = today.year + month // 12, month % 12 + 1
    for day in range(today.day, 0, -1):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("every month has a first day")  # pragma: no cover


def date_reader(
    today: date, language: str | None, max_days_ahead: int = DEFAULT_MAX_DAYS_AHEAD
) -> DateReader:
    """A reader for the runner's language (and English) on ``today``."""
    return DateReader(today, reading_languages(language), max_days_ahead)


def parse_date(
    text: str,
    today: date,
    language: str | None = Language.EN,
    *,
    max_days_ahead: int = DEFAULT_MAX_DAYS_AHEAD,
) -> DateParse:
    """The date in ``text`` as the runner means it, or the problem with it.

    ``language`` is the runner's (a Telegram or CLDR code); English is always understood
    too. ``today`` is the runner's local date. Dates before today are ``PAST``, dates more
    than ``max_days_ahead`` days ahead ``TOO_FAR``.
    """
    reader = date_reader(today, language, max_days_ahead)
    found = reader.grammar(text)
    return found if found is not None else reader.fallback(text.strip())
