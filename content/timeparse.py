"""Read a time of day the way runners type it, in English, German, Spanish or French.

Runners answer "when should I remind you?" with whatever their thumb produces: "7", "7am",
"07:30", "7.30 pm", "19h30", "1930", "7 Uhr", "19:30 Uhr", "19 heures", "a las 7",
"7 de la tarde", "7h du soir". We accept the common 24-hour and 12-hour shapes in every
supported language at once (none of their words collide), and refuse anything that is not a
real wall-clock time, because a silently wrong reminder time is worse than asking again.

The periods of the day ("de la tarde", "du soir", "abends", "in the evening") and their
hours come from CLDR (``content.calendarwords``): an hour of 1-12 is read as the one of its
two readings (7 or 19) that falls in the period, or lies nearest to it ("7 de la noche" is
19:00). The small words around a time ("at", "um", "a las", "à", "Uhr", "heures") are a
hand-written list here: CLDR has them only inside date patterns.

``explain_bad_time`` says what was wrong as a ``TimeProblem`` code plus the numbers read;
``bot/texts`` turns that into words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from enum import StrEnum

from content.calendarwords import DayPeriod, day_periods
from content.folding import fold

# Names of one instant that CLDR's day periods lack in some of our languages.
_WORDS = {
    "noon": time(12, 0),
    "midday": time(12, 0),
    "midnight": time(0, 0),
    "mittag": time(12, 0),
    "medianoche": time(0, 0),
}
# Words before a time ("at 7", "um 7", "a las 7", "à 7h", "vers 7h"), longest first.
_LEADING = (
    "a las",
    "a la",
    "around",
    "about",
    "gegen",
    "vers",
    "las",
    "at",
    "um",
    "a",
)
# Words for "o'clock" after the hour ("7 Uhr", "19 heures 30", "a las 7 horas").
_HOUR_WORD = re.compile(r"\s*\b(?:uhr|heures?|horas?|hrs?)\b\s*")

# One shape per alternative; each yields an hour and optional minutes, plus an am/pm marker.
_TIME_RE = re.compile(
    r"""
    ^(?:
        (?P<h1>\d{1,2})(?:[:.,](?P<m1>\d{2}))?         # 7, 07, 7:30, 07.30, 7,30
      | (?P<h2>\d{1,2})\s*h\s*(?P<m2>\d{2})?            # 7h, 7h30, 19 h 30
      | (?P<compact>\d{3,4})                             # 730, 1930
    )
    \s*h?\s*(?P<ampm>[ap]\.?\s*m\.?)?$                    # am, pm, a.m., p.m.
    """,
    re.VERBOSE,
)


class Meridiem(StrEnum):
    """The 12-hour clock's half of the day."""

    AM = "am"
    PM = "pm"


class TimeProblem(StrEnum):
    """Why a typed time was not taken (``READS_FINE`` when it was)."""

    READS_FINE = "reads_fine"
    EMPTY = "empty"
    UNREADABLE = "unreadable"
    MIXED_CLOCKS = "mixed_clocks"  # "19:15pm": a 24-hour time with a 12-hour marker
    ZERO_HOUR = "zero_hour"  # "0am": the 12-hour clock has no hour 0
    END_OF_DAY = "end_of_day"  # "24:00": say 00:00
    OUT_OF_RANGE = "out_of_range"  # "25:99"


@dataclass(frozen=True, slots=True)
class BadTime:
    """What ``explain_bad_time`` found: the code, the text as typed (trimmed), and the
    numbers read from it where there were any. ``marker`` is the 12-hour or day-period word
    that clashed, folded ("pm", "de la manana"); ``value`` is set for ``READS_FINE``."""

    problem: TimeProblem
    text: str
    hour: int | None = None
    minute: int | None = None
    meridiem: Meridiem | None = None
    marker: str | None = None
    value: time | None = None


@dataclass(frozen=True, slots=True)
class _Parts:
    """The numbers a string looks like it holds, before range checks."""

    hour: int
    minute: int
    meridiem: Meridiem | None
    period: DayPeriod | None
    marker: str | None


def _normalise(text: str) -> str:
    """Folded, apostrophes dropped, a hyphen between letters as a space ("après-midi" ->
    "apres midi"); a leading minus stays, so "-7" is no time."""
    folded = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", fold(text).replace("'", ""))
    return re.sub(r"\s+", " ", folded).strip()


def _split(text: str) -> _Parts | None:
    """Hour, minute and marker from ``text``, or None when it is no time shape at all."""
    cleaned = _normalise(text)
    for word in _LEADING:
        if cleaned.startswith(word + " "):
            cleaned = cleaned[len(word) + 1 :]
            break
    period, marker = None, None
    for name, span in sorted(day_periods().items(), key=lambda item: -len(item[0])):
        if cleaned.endswith(" " + name):
            # "12 del mediodía", "1 del mediodía": an instant's period is the hour it starts.
            period = span if span.instant is None else DayPeriod(span.start, span.start + 60)
            marker = name
            cleaned = cleaned[: -len(name) - 1]
            break
    cleaned = _HOUR_WORD.sub("h", cleaned).strip()
    match = _TIME_RE.match(cleaned)
    if match is None:
        return None
    if match["compact"] is not None:
        hour, minute = int(match["compact"][:-2]), int(match["compact"][-2:])
    else:
        hour = int(match["h1"] if match["h1"] is not None else match["h2"])
        minutes = match["m1"] if match["m1"] is not None else match["m2"]
        minute = int(minutes) if minutes is not None else 0
    meridiem = None
    if match["ampm"]:
        meridiem = Meridiem.AM if match["ampm"][0] == "a" else Meridiem.PM
        marker = meridiem.value
    if meridiem is not None and period is not None:
        return None
    return _Parts(hour, minute, meridiem, period, marker)


def _word(text: str) -> time | None:
    """ "noon", "midnight", "Mitternacht", "midi", "medianoche": one instant by name."""
    cleaned = _normalise(text)
    if cleaned in _WORDS:
        return _WORDS[cleaned]
    span = day_periods().get(cleaned)
    return span.instant if span is not None else None


def _in_period(parts: _Parts, period: DayPeriod) -> int | None:
    """The hour (0-23) ``parts`` means within ``period``: a 24-hour hour only if it falls
    inside; an hour of 1-12 as whichever of its two readings falls inside or lies closest."""
    if parts.hour > 12:
        inside = period.covers(parts.hour * 60 + parts.minute)
        return parts.hour if inside else None
    if parts.hour == 0:
        return None
    readings = (parts.hour % 12, parts.hour % 12 + 12)
    minutes = [hour * 60 + parts.minute for hour in readings]
    for hour, at in zip(readings, minutes, strict=True):
        if period.covers(at):
            return hour
    return min(zip(readings, minutes, strict=True), key=lambda r: period.distance(r[1]))[0]


def parse_time(text: str) -> time | None:
    """The time of day in ``text``, or None when it is not one.

    12-hour times need an hour of 1-12 ("12am" is midnight, "12pm" is noon); 24-hour times
    need 0-23 ("24:00" is refused: the bot means a start time, and 00:00 says it). Minutes
    are always two digits, 00-59. A day period picks the half of the day ("7 du soir").
    """
    named = _word(text)
    if named is not None:
        return named
    parts = _split(text)
    if parts is None or not 0 <= parts.minute <= 59:
        return None
    if parts.period is not None:
        hour = _in_period(parts, parts.period)
        return time(hour, parts.minute) if hour is not None else None
    if parts.meridiem is None:
        return time(parts.hour, parts.minute) if 0 <= parts.hour <= 23 else None
    if not 1 <= parts.hour <= 12:
        return None
    hour = parts.hour % 12 + (12 if parts.meridiem is Meridiem.PM else 0)
    return time(hour, parts.minute)


def format_time(value: time) -> str:
    """24-hour "HH:MM", the one form the bot shows back so there is no am/pm doubt."""
    return f"{value.hour:02d}:{value.minute:02d}"


def explain_bad_time(text: str) -> BadTime:
    """Why ``text`` is not a time of day, as a code and the numbers read from it."""
    shown = text.strip()
    if not shown:
        return BadTime(TimeProblem.EMPTY, shown)
    parsed = parse_time(shown)
    if parsed is not None:
        return BadTime(TimeProblem.READS_FINE, shown, parsed.hour, parsed.minute, value=parsed)
    parts = _split(shown)
    if parts is None:
        return BadTime(TimeProblem.UNREADABLE, shown)

    def found(problem: TimeProblem) -> BadTime:
        return BadTime(problem, shown, parts.hour, parts.minute, parts.meridiem, parts.marker)

    if parts.marker is not None and parts.minute <= 59:
        if parts.hour == 0:
            return found(TimeProblem.ZERO_HOUR)
        if parts.hour <= 23:
            return found(TimeProblem.MIXED_CLOCKS)
    if parts.marker is None and parts.hour == 24 and parts.minute == 0:
        return found(TimeProblem.END_OF_DAY)
    return found(TimeProblem.OUT_OF_RANGE)
