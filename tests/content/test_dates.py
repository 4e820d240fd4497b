"""Dates typed for /pause and /race, in English, German, Spanish and French.

Today is Wednesday 18 November 2026 throughout, so every expected date is written out.
"""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content.dates import DEFAULT_MAX_DAYS_AHEAD, DateParse, DateProblem, parse_date
from content.datetimes import DateTimeParse, parse_date_time

TODAY = date(2026, 11, 18)  # a Wednesday
TOMORROW = date(2026, 11, 19)
FRIDAY = date(2026, 11, 20)


@pytest.fixture(scope="module", autouse=True)
def _vocabulary_loaded() -> None:
    """Load CLDR's names and dateparser's data once, so examples time the parsing only."""
    for language in ("en", "de", "es", "fr"):
        parse_date("in two weeks next friday", TODAY, language)
        parse_date_time("demain 7h", TODAY, language)


ENGLISH: list[tuple[str, date]] = [
    ("2027-04-18", date(2027, 4, 18)),
    ("18 April", date(2027, 4, 18)),
    ("April 18", date(2027, 4, 18)),
    ("April 18th", date(2027, 4, 18)),
    ("the 18th of April", date(2027, 4, 18)),
    ("18 apr", date(2027, 4, 18)),
    ("18/4", date(2027, 4, 18)),
    ("4/18", date(2027, 4, 18)),
    ("18.4.", date(2027, 4, 18)),
    ("5/5", date(2027, 5, 5)),
    ("1/1/27", date(2027, 1, 1)),
    ("10 Dec", date(2026, 12, 10)),
    ("Dec 10", date(2026, 12, 10)),
    ("today", TODAY),
    ("tomorrow", TOMORROW),
    ("Tomorrow", TOMORROW),
    ("day after tomorrow", FRIDAY),
    ("in 3 weeks", date(2026, 12, 9)),
    ("in 3 days", date(2026, 11, 21)),
    ("in 2 months", date(2027, 1, 18)),
    ("in two weeks", date(2026, 12, 2)),  # dateparser's long tail
    ("next week", date(2026, 11, 25)),  # dateparser's long tail
    ("next friday", FRIDAY),
    ("friday", FRIDAY),
    ("on Friday", FRIDAY),
    ("fri", FRIDAY),
    ("this wednesday", TODAY),
    ("wednesday", date(2026, 11, 25)),  # a plain weekday is never today
    ("next wednesday", date(2026, 11, 25)),
    ("Fri 20 Nov", FRIDAY),
    ("the 3rd", date(2026, 12, 3)),
    ("18 November", TODAY),
]

GERMAN: list[tuple[str, date]] = [
    ("morgen", TOMORROW),
    ("Morgen", TOMORROW),
    ("übermorgen", FRIDAY),
    ("uebermorgen", FRIDAY),  # dateparser knows the spelling without the umlaut
    ("heute", TODAY),
    ("nächsten Freitag", FRIDAY),
    ("naechsten Freitag", FRIDAY),
    ("nächster Freitag", FRIDAY),
    ("kommenden Freitag", FRIDAY),
    ("am Freitag", FRIDAY),
    ("Freitag", FRIDAY),
    ("Fr", FRIDAY),
    ("diesen Mittwoch", TODAY),
    ("18. April", date(2027, 4, 18)),
    ("am 18. April", date(2027, 4, 18)),
    ("18. April 2027", date(2027, 4, 18)),
    ("18.4.", date(2027, 4, 18)),
    ("18.04.2027", date(2027, 4, 18)),
    ("4/5", date(2027, 5, 4)),  # day first in German
    ("3. Mai", date(2027, 5, 3)),
    ("10. Dez.", date(2026, 12, 10)),
    ("in 3 Wochen", date(2026, 12, 9)),
    ("in 3 Tagen", date(2026, 11, 21)),
    ("in zwei Wochen", date(2026, 12, 2)),
    ("nächste Woche", date(2026, 11, 25)),
    ("2027-04-18", date(2027, 4, 18)),
    ("next friday", FRIDAY),  # English always works too
]

SPANISH: list[tuple[str, date]] = [
    ("mañana", TOMORROW),
    ("manana", TOMORROW),
    ("pasado mañana", FRIDAY),
    ("hoy", TODAY),
    ("el próximo viernes", FRIDAY),
    ("próximo viernes", FRIDAY),
    ("el viernes que viene", FRIDAY),
    ("el viernes", FRIDAY),
    ("viernes", FRIDAY),
    ("vie", FRIDAY),
    ("este miércoles", TODAY),
    ("20 de abril", date(2027, 4, 20)),
    ("el 20 de abril", date(2027, 4, 20)),
    ("20 de abril de 2027", date(2027, 4, 20)),
    ("1 de mayo", date(2027, 5, 1)),
    ("1º de mayo", date(2027, 5, 1)),
    ("18 de mar", date(2027, 3, 18)),
    ("10 dic", date(2026, 12, 10)),
    ("4/5", date(2027, 5, 4)),
    ("20/4/2027", date(2027, 4, 20)),
    ("dentro de 3 semanas", date(2026, 12, 9)),
    ("dentro de 3 días", date(2026, 11, 21)),
    ("la próxima semana", date(2026, 11, 25)),
    ("tomorrow", TOMORROW),
]

FRENCH: list[tuple[str, date]] = [
    ("demain", TOMORROW),
    ("après-demain", FRIDAY),
    ("apres demain", FRIDAY),
    ("aujourd'hui", TODAY),
    ("aujourd’hui", TODAY),
    ("vendredi prochain", FRIDAY),
    ("le vendredi prochain", FRIDAY),
    ("vendredi", FRIDAY),
    ("ven.", FRIDAY),
    ("ce mercredi", TODAY),
    ("18 avril", date(2027, 4, 18)),
    ("le 18 avril", date(2027, 4, 18)),
    ("18 avr.", date(2027, 4, 18)),
    ("le 3 mai", date(2027, 5, 3)),
    ("1er mai", date(2027, 5, 1)),
    ("le 1er mai 2027", date(2027, 5, 1)),
    ("10 déc.", date(2026, 12, 10)),
    ("4/5", date(2027, 5, 4)),
    ("18/04/2027", date(2027, 4, 18)),
    ("dans 3 semaines", date(2026, 12, 9)),
    ("dans 3 jours", date(2026, 11, 21)),
    ("dans deux semaines", date(2026, 12, 2)),
    ("la semaine prochaine", date(2026, 11, 25)),
    ("le 3", date(2026, 12, 3)),
    ("next friday", FRIDAY),
]

PROBLEMS: list[tuple[str, str, DateProblem, tuple[date, ...]]] = [
    ("en", "4/5", DateProblem.AMBIGUOUS, (date(2027, 4, 5), date(2027, 5, 4))),
    ("en", "3/11/2027", DateProblem.AMBIGUOUS, (date(2027, 3, 11), date(2027, 11, 3))),
    ("en", "2020-01-01", DateProblem.PAST, (date(2020, 1, 1),)),
    ("de", "1. Mai 2026", DateProblem.PAST, (date(2026, 5, 1),)),
    ("en", "2030-01-01", DateProblem.TOO_FAR, (date(2030, 1, 1),)),
    ("fr", "le 3 mai 2029", DateProblem.TOO_FAR, (date(2029, 5, 3),)),
    ("en", "29 Feb", DateProblem.TOO_FAR, (date(2028, 2, 29),)),
    ("en", "31 April", DateProblem.NO_SUCH_DAY, ()),
    ("de", "30.2.", DateProblem.NO_SUCH_DAY, ()),
    ("en", "13/13", DateProblem.NO_SUCH_DAY, ()),
    ("es", "31 de junio", DateProblem.NO_SUCH_DAY, ()),
    ("en", "Friday 18 April 2027", DateProblem.WEEKDAY_MISMATCH, (date(2027, 4, 18),)),
    ("en", "", DateProblem.NOT_A_DATE, ()),
    ("en", "qwerty", DateProblem.NOT_A_DATE, ()),
    ("en", "7", DateProblem.NOT_A_DATE, ()),
    ("en", "12345", DateProblem.NOT_A_DATE, ()),
    ("en", "May", DateProblem.NOT_A_DATE, ()),
    ("en", "in 3 hours", DateProblem.NOT_A_DATE, ()),
    ("fr", "demain 7h", DateProblem.NOT_A_DATE, ()),  # a date and a time: parse_date_time
    ("de", "el próximo viernes", DateProblem.NOT_A_DATE, ()),  # Spanish is not read for de
]


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english(text: str, expected: date) -> None:
    assert parse_date(text, TODAY, "en") == DateParse(expected)


@pytest.mark.parametrize(("text", "expected"), GERMAN)
def test_german(text: str, expected: date) -> None:
    assert parse_date(text, TODAY, "de") == DateParse(expected)


@pytest.mark.parametrize(("text", "expected"), SPANISH)
def test_spanish(text: str, expected: date) -> None:
    assert parse_date(text, TODAY, "es") == DateParse(expected)


@pytest.mark.parametrize(("text", "expected"), FRENCH)
def test_french(text: str, expected: date) -> None:
    assert parse_date(text, TODAY, "fr") == DateParse(expected)


@pytest.mark.parametrize(("language", "text", "problem", "readings"), PROBLEMS)
def test_problems_come_with_a_code_and_the_dates_read(
    language: str, text: str, problem: DateProblem, readings: tuple[date, ...]
) -> None:
    found = parse_date(text, TODAY, language)
    assert found.value is None
    assert found.problem is problem
    assert found.readings == readings


def test_each_language_table_has_twenty_rows() -> None:
    for table in (ENGLISH, GERMAN, SPANISH, FRENCH):
        assert len(table) >= 20


def test_weekday_mismatch_names_the_weekday_typed() -> None:
    assert parse_date("vendredi 18 avril 2027", TODAY, "fr").weekday == 4
    assert parse_date("dimanche 18 avril 2027", TODAY, "fr") == DateParse(date(2027, 4, 18))


def test_regional_codes_read_their_language() -> None:
    assert parse_date("nächsten Freitag", TODAY, "de-AT") == DateParse(FRIDAY)
    assert parse_date("el próximo viernes", TODAY, "es_MX") == DateParse(FRIDAY)
    assert parse_date("next friday", TODAY, "pt-BR") == DateParse(FRIDAY)
    assert parse_date("next friday", TODAY, None) == DateParse(FRIDAY)


def test_how_far_ahead_is_the_callers_choice() -> None:
    race = date(2027, 12, 10)
    assert parse_date("10 Dec 2027", TODAY, "en").problem is DateProblem.TOO_FAR
    assert parse_date("10 Dec 2027", TODAY, "en", max_days_ahead=730) == DateParse(race)
    assert parse_date("in 3 weeks", TODAY, "en", max_days_ahead=7).problem is (DateProblem.TOO_FAR)
    assert DEFAULT_MAX_DAYS_AHEAD >= 365


def test_a_year_less_date_is_its_next_occurrence_today_included() -> None:
    assert parse_date("18 Nov", TODAY, "en") == DateParse(TODAY)
    assert parse_date("17 Nov", TODAY, "en") == DateParse(date(2027, 11, 17))
    assert parse_date("17.11.", TODAY, "de") == DateParse(date(2027, 11, 17))


DATE_TIMES: list[tuple[str, str, date | None, time | None]] = [
    ("fr", "demain 7h", TOMORROW, time(7, 0)),
    ("fr", "demain à 7h du soir", TOMORROW, time(19, 0)),
    ("fr", "vendredi prochain à 18h30", FRIDAY, time(18, 30)),
    ("de", "morgen 7 Uhr", TOMORROW, time(7, 0)),
    ("de", "morgen um 7", TOMORROW, time(7, 0)),
    ("de", "nächsten Freitag um 18:30 Uhr", FRIDAY, time(18, 30)),
    ("es", "mañana a las 7", TOMORROW, time(7, 0)),
    ("es", "el próximo viernes a las 7 de la tarde", FRIDAY, time(19, 0)),
    ("en", "tomorrow at 6:30", TOMORROW, time(6, 30)),
    ("en", "friday 18:30", FRIDAY, time(18, 30)),
    ("en", "7pm tomorrow", TOMORROW, time(19, 0)),
    ("en", "18 April 7am", date(2027, 4, 18), time(7, 0)),
    ("en", "18 April 7", date(2027, 4, 18), time(7, 0)),
    ("en", "tomorrow", TOMORROW, None),
    ("en", "7h", None, time(7, 0)),
    ("fr", "19h30", None, time(19, 30)),
]


@pytest.mark.parametrize(("language", "text", "day", "at"), DATE_TIMES)
def test_date_and_time_together(
    language: str, text: str, day: date | None, at: time | None
) -> None:
    found = parse_date_time(text, TODAY, language)
    assert found.at == at
    assert (found.day.value if found.day is not None else None) == day


def test_date_time_without_either_is_not_a_date() -> None:
    assert parse_date_time("hello there", TODAY, "en") == DateTimeParse(
        DateParse(problem=DateProblem.NOT_A_DATE), None
    )


def test_date_time_keeps_a_date_problem() -> None:
    found = parse_date_time("2020-01-01", TODAY, "en")
    assert found.day is not None and found.day.problem is DateProblem.PAST


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=30), st.sampled_from(["en", "de", "es", "fr"]))
def test_never_raises_and_answers_one_way(text: str, language: str) -> None:
    found = parse_date(text, TODAY, language)
    assert (found.value is None) != (found.problem is None)
    if found.value is not None:
        assert found.value >= TODAY
    both = parse_date_time(text, TODAY, language)
    assert both.day is not None or both.at is not None


@given(st.dates(min_value=date(2026, 11, 18), max_value=date(2027, 11, 18)))
def test_every_iso_date_in_reach_reads_back(day: date) -> None:
    assert parse_date(day.isoformat(), TODAY, "en") == DateParse(day)
    assert parse_date(f"{day.day}.{day.month}.{day.year}", TODAY, "de") == DateParse(day)


_DATE_WORDS = [
    *("next", "friday", "nächsten", "Freitag", "el", "próximo", "viernes", "vendredi"),
    *("prochain", "18", "April", "avril", "de", "abril", "2027", "1er", "mai", "in", "3"),
    *("weeks", "Wochen", "dans", "semaines", "tomorrow", "morgen", "demain", "7h", "um"),
    *("7", "Uhr", "a", "las", "18.4.", "4/5", "31", "Feb", "this", "the", "3rd", "mañana"),
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(_DATE_WORDS), max_size=6).map(" ".join),
    st.sampled_from(["en", "de", "es", "fr"]),
)
def test_word_salads_never_raise_and_keep_their_promises(text: str, language: str) -> None:
    found = parse_date(text, TODAY, language)
    assert (found.value is None) != (found.problem is None)
    if found.value is not None:
        assert TODAY <= found.value <= TODAY + timedelta(days=DEFAULT_MAX_DAYS_AHEAD)
    if found.problem is DateProblem.AMBIGUOUS:
        assert len(found.readings) == 2
    parse_date_time(text, TODAY, language)
