"""Read a time of day the way runners type it.

Runners answer "when should I remind you?" with whatever their thumb produces: "7", "7am",
"07:30", "7.30 pm", "19h30", "1930". We accept the common 24-hour and 12-hour shapes and
refuse anything that is not a real wall-clock time, because a silently wrong reminder time
is worse than asking again. ``explain_bad_time`` says what was wrong in one friendly line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

_EXAMPLES = "Try 07:30 or 7pm."

_WORDS = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}

# One shape per alternative; each yields an hour and optional minutes, plus an am/pm marker.
_TIME_RE = re.compile(
    r"""
    ^(?:
        (?P<h1>\d{1,2})(?:[:.](?P<m1>\d{2}))?          # 7, 07, 7:30, 07.30
      | (?P<h2>\d{1,2})\s*h\s*(?P<m2>\d{2})?            # 7h, 7h30, 19 h 30
      | (?P<compact>\d{3,4})                             # 730, 1930
    )
    \s*(?P<ampm>[ap]\.?\s*m\.?)?$                         # am, pm, a.m., p.m.
    """,
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class _Parts:
    """The numbers a string looks like it holds, before range checks."""

    hour: int
    minute: int
    meridiem: str | None  # "a" or "p"


def _split(text: str) -> _Parts | None:
    match = _TIME_RE.match(text.strip().lower())
    if match is None:
        return None
    if match["compact"] is not None:
        hour, minute = int(match["compact"][:-2]), int(match["compact"][-2:])
    else:
        hour = int(match["h1"] if match["h1"] is not None else match["h2"])
        minutes = match["m1"] if match["m1"] is not None else match["m2"]
        minute = int(minutes) if minutes is not None else 0
    meridiem = match["ampm"][0] if match["ampm"] else None
    return _Parts(hour, minute, meridiem)


def parse_time(text: str) -> time | None:
    """The time of day in ``text``, or None when it is not one.

    12-hour times need an hour of 1-12 ("12am" is midnight, "12pm" is noon); 24-hour times
    need 0-23 ("24:00" is refused: the bot means a start time, and 00:00 says it). Minutes
    are always two digits, 00-59.
    """
    cleaned = text.strip().lower()
    if cleaned in _WORDS:
        return _WORDS[cleaned]
    parts = _split(cleaned)
    if parts is None or not 0 <= parts.minute <= 59:
        return None
    if parts.meridiem is None:
        return time(parts.hour, parts.minute) if 0 <= parts.hour <= 23 else None
    if not 1 <= parts.hour <= 12:
        return None
    hour = parts.hour % 12 + (12 if parts.meridiem == "p" else 0)
    return time(hour, parts.minute)


def format_time(value: time) -> str:
    """24-hour "HH:MM", the one form the bot shows back so there is no am/pm doubt."""
    return f"{value.hour:02d}:{value.minute:02d}"


def explain_bad_time(text: str) -> str:
    """One friendly sentence on why ``text`` is not a time of day, with examples to copy."""
    shown = text.strip()
    if not shown:
        return f"Send me a time of day. {_EXAMPLES}"
    parsed = parse_time(shown)
    if parsed is not None:
        return f"{shown} reads as {format_time(parsed)}, which is fine."
    parts = _split(shown)
    if parts is None:
        return f"I couldn't read “{shown}” as a time of day. {_EXAMPLES}"
    if parts.meridiem is not None and parts.minute <= 59:
        suffix = "am" if parts.meridiem == "a" else "pm"
        if parts.hour == 0:
            return f"{shown} mixes two clocks: with {suffix} the hours go 1-12. Try 12{suffix}."
        if parts.hour <= 23:
            return (
                f"{shown} mixes two clocks: say {parts.hour:02d}:{parts.minute:02d} "
                f"or drop the {suffix}."
            )
    if parts.meridiem is None and parts.hour == 24 and parts.minute == 0:
        return f"{shown} is midnight at the end of the day: say 00:00 (or 12am) instead."
    return f"{shown} isn't a time of day: hours go 0-23 and minutes 0-59. {_EXAMPLES}"
