"""A date and a time of day typed together: "demain 7h", "morgen um 7 Uhr", "el próximo
viernes a las 7 de la tarde", "tomorrow at 6:30".

dateparser reads "demain 7h" as seven hours from now; we split the text between words into
a date part and a time part instead, each read by its own parser (``content.dates``,
``content.timeparse``), trying our date grammar on every split before dateparser.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from content.dates import (
    DEFAULT_MAX_DAYS_AHEAD,
    DateParse,
    DateProblem,
    date_reader,
)
from content.languages import Language
from content.timeparse import parse_time


@dataclass(frozen=True, slots=True)
class DateTimeParse:
    """A date and a time of day typed together ("demain 7h", "morgen um 7 Uhr").

    ``day`` is None when only a time was typed; ``at`` is None when no time was.
    """

    day: DateParse | None
    at: time | None


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
    reader = date_reader(today, language, max_days_ahead)
    stripped = text.strip()
    whole = reader.grammar(stripped)
    if whole is not None and whole.problem is not DateProblem.NOT_A_DATE:
        return DateTimeParse(whole, None)
    at = parse_time(stripped)
    if at is not None:
        return DateTimeParse(None, at)
    splits = _splits(stripped)
    for read in (reader.grammar, reader.fallback):
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
