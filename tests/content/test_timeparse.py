"""Reading reminder times the way runners type them."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.timeparse import explain_bad_time, format_time, parse_time

GOOD: list[tuple[str, time]] = [
    ("07:30", time(7, 30)),
    ("7:30", time(7, 30)),
    ("7", time(7, 0)),
    ("07", time(7, 0)),
    ("0", time(0, 0)),
    ("7am", time(7, 0)),
    ("7 am", time(7, 0)),
    ("7AM", time(7, 0)),
    ("7 a.m.", time(7, 0)),
    ("7.30 pm", time(19, 30)),
    ("7:30pm", time(19, 30)),
    ("7:30 PM", time(19, 30)),
    ("19:30", time(19, 30)),
    ("1930", time(19, 30)),
    ("730", time(7, 30)),
    ("0545", time(5, 45)),
    ("19.30", time(19, 30)),
    ("12am", time(0, 0)),
    ("12:15am", time(0, 15)),
    ("12pm", time(12, 0)),
    ("12:45 pm", time(12, 45)),
    ("7h", time(7, 0)),
    ("7h30", time(7, 30)),
    ("19 h 30", time(19, 30)),
    ("23:59", time(23, 59)),
    ("00:00", time(0, 0)),
    ("  6:05  ", time(6, 5)),
    ("noon", time(12, 0)),
    ("midnight", time(0, 0)),
]

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


@pytest.mark.parametrize(("text", "expected"), GOOD)
def test_parses(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(("text", "reason"), BAD)
def test_rejects_with_a_reason(text: str, reason: str) -> None:
    assert parse_time(text) is None
    explanation = explain_bad_time(text)
    assert reason in explanation
    assert explanation.endswith(".")


def test_table_is_large_enough() -> None:
    assert len(GOOD) + len(BAD) >= 25


def test_explanation_for_nonsense_offers_examples() -> None:
    assert explain_bad_time("25:99") == (
        "25:99 isn't a time of day: hours go 0-23 and minutes 0-59. Try 07:30 or 7pm."
    )


def test_format_is_zero_padded_24_hour() -> None:
    assert format_time(time(7, 30)) == "07:30"
    assert format_time(time(0, 5)) == "00:05"
    assert format_time(time(19, 0)) == "19:00"


@given(st.integers(min_value=0, max_value=23), st.integers(min_value=0, max_value=59))
def test_format_and_parse_round_trip(hour: int, minute: int) -> None:
    value = time(hour, minute)
    assert parse_time(format_time(value)) == value


@given(st.integers(min_value=1, max_value=12), st.integers(min_value=0, max_value=59))
def test_12_hour_clock_agrees_with_24_hour(hour: int, minute: int) -> None:
    am = parse_time(f"{hour}:{minute:02d}am")
    pm = parse_time(f"{hour}:{minute:02d} pm")
    assert am == time(hour % 12, minute)
    assert pm == time(hour % 12 + 12, minute)


@given(st.text(max_size=12))
def test_never_raises(text: str) -> None:
    result = parse_time(text)
    assert result is None or result.second == 0
    if result is None:
        assert explain_bad_time(text)
