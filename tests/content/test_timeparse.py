"""Reading reminder times the way runners type them, in four languages."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.timeparse import (
    BadTime,
    Meridiem,
    TimeProblem,
    explain_bad_time,
    format_time,
    parse_time,
)


@pytest.fixture(scope="module", autouse=True)
def _vocabulary_loaded() -> None:
    """Load CLDR's day periods once, so property examples time the parsing only."""
    parse_time("7 de la tarde")


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

# German, Spanish and French shapes (all understood whatever the runner's language).
GERMAN: list[tuple[str, time]] = [
    ("7 Uhr", time(7, 0)),
    ("19:30 Uhr", time(19, 30)),
    ("19.30 Uhr", time(19, 30)),
    ("7 Uhr 30", time(7, 30)),
    ("um 7", time(7, 0)),
    ("um 7 Uhr", time(7, 0)),
    ("gegen 18 Uhr", time(18, 0)),
    ("9 Uhr abends", time(21, 0)),
    ("8 Uhr morgens", time(8, 0)),
    ("3 Uhr nachmittags", time(15, 0)),
    ("19 Uhr abends", time(19, 0)),
    ("7,30", time(7, 30)),
    ("Mitternacht", time(0, 0)),
    ("Mittag", time(12, 0)),
]
SPANISH: list[tuple[str, time]] = [
    ("a las 7", time(7, 0)),
    ("a las 7:30", time(7, 30)),
    ("las 19:15", time(19, 15)),
    ("7 de la tarde", time(19, 0)),
    ("a las 7 de la tarde", time(19, 0)),
    ("7 de la mañana", time(7, 0)),
    ("7 de la manana", time(7, 0)),
    ("7 de la noche", time(19, 0)),
    ("11 de la noche", time(23, 0)),
    ("2 de la madrugada", time(2, 0)),
    ("12 del mediodía", time(12, 0)),
    ("1 del mediodía", time(13, 0)),
    ("mediodía", time(12, 0)),
    ("medianoche", time(0, 0)),
    ("7 p. m.", time(19, 0)),
]
FRENCH: list[tuple[str, time]] = [
    ("7h", time(7, 0)),
    ("7 h 30", time(7, 30)),
    ("19h30", time(19, 30)),
    ("19 heures", time(19, 0)),
    ("19 heures 30", time(19, 30)),
    ("à 7h", time(7, 0)),
    ("vers 7h30", time(7, 30)),
    ("7h du matin", time(7, 0)),
    ("7h du soir", time(19, 0)),
    ("3 h de l’après-midi", time(15, 0)),
    ("3 heures de l'apres-midi", time(15, 0)),
    ("midi", time(12, 0)),
    ("minuit", time(0, 0)),
]
ENGLISH_WORDS: list[tuple[str, time]] = [
    ("at 7", time(7, 0)),
    ("at 7pm", time(19, 0)),
    ("7 in the evening", time(19, 0)),
    ("9 at night", time(21, 0)),
    ("7 in the morning", time(7, 0)),
    ("12 midnight", time(0, 0)),
]

# What is wrong, as a code and the numbers read (the English sentences for these live in
# bot/texts and are tested in tests/bot/test_time_texts.py).
BAD: list[tuple[str, TimeProblem]] = [
    ("25:99", TimeProblem.OUT_OF_RANGE),
    ("24:00", TimeProblem.END_OF_DAY),
    ("13pm", TimeProblem.MIXED_CLOCKS),
    ("19:15pm", TimeProblem.MIXED_CLOCKS),
    ("0am", TimeProblem.ZERO_HOUR),
    ("", TimeProblem.EMPTY),
    ("   ", TimeProblem.EMPTY),
    ("abc", TimeProblem.UNREADABLE),
    ("7:60", TimeProblem.OUT_OF_RANGE),
    ("-7", TimeProblem.UNREADABLE),
    ("-07:30", TimeProblem.UNREADABLE),
    ("7:5", TimeProblem.UNREADABLE),
    ("123:45", TimeProblem.UNREADABLE),
    ("2400", TimeProblem.END_OF_DAY),
    ("99", TimeProblem.OUT_OF_RANGE),
    ("7:30:00", TimeProblem.UNREADABLE),
    ("seven", TimeProblem.UNREADABLE),
    ("19 de la mañana", TimeProblem.MIXED_CLOCKS),
    ("0 de la tarde", TimeProblem.ZERO_HOUR),
    ("7pm du soir", TimeProblem.UNREADABLE),
    ("25 Uhr", TimeProblem.OUT_OF_RANGE),
    ("abends", TimeProblem.UNREADABLE),
]


@pytest.mark.parametrize(("text", "expected"), GOOD)
def test_parses(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(("text", "expected"), [*GERMAN, *SPANISH, *FRENCH, *ENGLISH_WORDS])
def test_parses_other_languages_and_words(text: str, expected: time) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(("text", "problem"), BAD)
def test_rejects_with_a_reason(text: str, problem: TimeProblem) -> None:
    assert parse_time(text) is None
    assert explain_bad_time(text).problem is problem


def test_table_is_large_enough() -> None:
    assert len(GOOD) + len(BAD) >= 25
    assert min(len(GERMAN), len(SPANISH), len(FRENCH)) >= 12


def test_mixed_clocks_carries_what_was_read() -> None:
    assert explain_bad_time(" 19:15pm ") == BadTime(
        TimeProblem.MIXED_CLOCKS, "19:15pm", 19, 15, Meridiem.PM, "pm"
    )
    assert explain_bad_time("19 de la mañana").marker == "de la manana"


def test_zero_hour_and_end_of_day_carry_their_numbers() -> None:
    assert explain_bad_time("0am") == BadTime(
        TimeProblem.ZERO_HOUR, "0am", 0, 0, Meridiem.AM, "am"
    )
    assert explain_bad_time("24:00") == BadTime(TimeProblem.END_OF_DAY, "24:00", 24, 0)


def test_a_good_time_reads_fine() -> None:
    assert explain_bad_time("7am") == BadTime(
        TimeProblem.READS_FINE, "7am", 7, 0, value=time(7, 0)
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


@given(st.text(max_size=24))
def test_never_raises(text: str) -> None:
    result = parse_time(text)
    assert result is None or result.second == 0
    explained = explain_bad_time(text)
    assert (explained.problem is TimeProblem.READS_FINE) == (
        result is not None
    ) or not text.strip()


@given(
    st.integers(min_value=0, max_value=23),
    st.integers(min_value=0, max_value=59),
    st.sampled_from(["{h}:{m:02d} Uhr", "{h}h{m:02d}", "a las {h}:{m:02d}", "{h} heures {m:02d}"]),
)
def test_every_language_shape_reads_every_time(hour: int, minute: int, shape: str) -> None:
    assert parse_time(shape.format(h=hour, m=minute)) == time(hour, minute)
