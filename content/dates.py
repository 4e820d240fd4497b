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
it, for ``bot/texts`` to word.
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
    words_key,
)
from content.languages import Language, reading_languages
from content.timeparse import parse_time

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


@dataclass(frozen=True, slots=True)
class DateTimeParse:
    """A date and a time of day typed together ("demain 7h", "morgen um 7 Uhr").

    ``day`` is None when only a time was typed; ``at`` is None when no time was.
    """

    day: DateParse | None
    at: time | None


_NOT_A_DATE = DateParse(problem=DateProblem.NOT_A_DATE)


@dataclass(frozen=True, slots=True)
class _Reader:
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
        readings = sorted(found.value or found.readings[0] for found in both)
        return DateParse(problem=DateProblem.AMBIGUOUS, readings=tuple(readings))

    def weekday(self, day: int, this: bool) -> date:
        """The next ``day`` (0 = Monday) after today; with ``this``, today counts."""
        ahead = (day - self.today.weekday()) % 7
        return self.today + timedelta(days=ahead if this or ahead else 7)

    def words(self, text: str) -> DateParse | None:
        """The grammar over folded words; None when it does not recognise the text."""
        joined = words_key(text)
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
        days, months = weekday_names(self.languages), month_names(self.languages)
        numbers = [t for t in tokens if _DAY.match(t)]
        years = [t for t in tokens if _YEAR.match(t)]
        month_words = [t for t in tokens if t in months and (numbers or t not in days)]
        day_words = [t for t in tokens if t in days and t not in month_words]
        modifier = [t for t in tokens if t in this or t in following]
        if len(numbers) + len(years) + len(month_words) + len(day_words) + len(modifier) != len(
            tokens
        ):
            return None
        if len(day_words) > 1 or len(month_words) > 1 or len(numbers) > 1 or len(years) > 1:
            return None
        weekday = days[day_words[0]] if day_words else None
        if not numbers and not month_words and not years:
            if weekday is None or len(modifier) > 1:
                return None
            return self.checked(self.weekday(weekday, this=bool(set(modifier) & this)))
        if modifier:
            return None
        if not numbers:
            return _NOT_A_DATE  # a month alone ("May") is no day to pause until
        number = int(_DAY.match(numbers[0])[1])  # type: ignore[index]
        year = int(years[0]) if years else None
        if not month_words:
            if years or weekday is not None or not (article or _ORDINAL.match(numbers[0])):
                return None
            found = self._day_of_month(number)
            return (
                self.checked(found, year_typed=False)
                if found
                else DateParse(problem=DateProblem.NO_SUCH_DAY)
            )
        result = self.day_month(number, months[month_words[0]], year)
        if weekday is not None and result.value is not None and result.value.weekday() != weekday:
            return DateParse(
                problem=DateProblem.WEEKDAY_MISMATCH, readings=(result.value,), weekday=weekday
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


def _reader(today: date, language: str | None, max_days_ahead: int) -> _Reader:
    return _Reader(today, reading_languages(language), max_days_ahead)


def _grammar(reader: _Reader, text: str) -> DateParse | None:
    stripped = text.strip()
    if not stripped or len(stripped) > 80:
        return _NOT_A_DATE
    return reader.numeric(stripped) or reader.words(stripped)


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
    reader = _reader(today, language, max_days_ahead)
    found = _grammar(reader, text)
    return found if found is not None else reader.fallback(text.strip())


def parse_date_time(
    text: str,
    today: date,
    language: str | None = Language.EN,
    *,
    max_days_ahead: int = DEFAULT_MAX_DAYS_AHEAD,
) -> DateTimeParse:
    """A date, a time of day, or both, typed together: "demain 7h", "morgen um 7 Uhr",
    "el próximo viernes a las 7 de la tarde", "tomorrow at 6:30", "7h".

    The text is split into a date part and a time part (either order), each read by its
    own parser; our grammar is tried on every split before dateparser is.
    """
    reader = _reader(today, language, max_days_ahead)
    stripped = text.strip()
    whole = _grammar(reader, stripped)
    if whole is not None and whole.problem is not DateProblem.NOT_A_DATE:
        return DateTimeParse(whole, None)
    at = parse_time(stripped)
    if at is not None:
        return DateTimeParse(None, at)
    splits = _splits(stripped)
    for read in (lambda part: _grammar(reader, part), lambda part: reader.fallback(part)):
        for day_text, time_text in splits:
            at = parse_time(time_text)
            day = read(day_text) if at is not None else None
            if day is not None and day.problem is not DateProblem.NOT_A_DATE:
                return DateTimeParse(day, at)
    return DateTimeParse(whole if whole is not None else reader.fallback(stripped), None)


def _splits(text: str) -> list[tuple[str, str]]:
    """(date part, time part) for every cut between words: the time last and shortest
    first ("18 April 7" is 18 April at 7), then the time first ("7pm tomorrow")."""
    tokens = text.split()
    if len(tokens) > 12:
        return []
    cuts = range(len(tokens) - 1, 0, -1)
    after = [(" ".join(tokens[:cut]), " ".join(tokens[cut:])) for cut in cuts]
    before = [(" ".join(tokens[cut:]), " ".join(tokens[:cut])) for cut in reversed(cuts)]
    return after + before
