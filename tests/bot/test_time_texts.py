"""The English sentences for a refused time: the same words the bot has always sent."""

from __future__ import annotations

import pytest

from bot.texts.onboarding import bad_time
from content.timeparse import explain_bad_time

BAD: list[tuple[str, str]] = [
    ("25:99", "hours go 0-23 and minutes 0-59"),
    ("24:00", "00:00"),
    ("13pm", "13:00"),
    ("0am", "1-12"),
    ("", "time of day"),
    ("   ", "time of day"),
    ("abc", "couldn't read"),
    ("7:60", "minutes 0-59"),
    ("-7", "couldn't read"),
    ("-07:30", "couldn't read"),
    ("7:5", "couldn't read"),
    ("123:45", "couldn't read"),
    ("2400", "00:00"),
    ("99", "hours go 0-23"),
    ("7:30:00", "couldn't read"),
    ("seven", "couldn't read"),
]


@pytest.mark.parametrize(("text", "reason"), BAD)
def test_refusal_says_why(text: str, reason: str) -> None:
    sentence = bad_time(explain_bad_time(text))
    assert reason in sentence
    assert sentence.endswith(".")


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        ("25:99", "25:99 isn't a time of day: hours go 0-23 and minutes 0-59. Try 07:30 or 7pm."),
        ("19:15pm", "19:15pm mixes two clocks: say 19:15 or drop the pm."),
        ("0am", "0am mixes two clocks: with am the hours go 1-12. Try 12am."),
        ("24:00", "24:00 is midnight at the end of the day: say 00:00 (or 12am) instead."),
        ("", "Send me a time of day. Try 07:30 or 7pm."),
        ("abc", "I couldn't read “abc” as a time of day. Try 07:30 or 7pm."),
        ("7am", "7am reads as 07:00, which is fine."),
    ],
)
def test_sentences_are_unchanged(text: str, sentence: str) -> None:
    assert bad_time(explain_bad_time(text)) == sentence
