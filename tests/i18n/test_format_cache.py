"""The cached formats (``bot.i18n.formats``: ``when``, ``day``, numbers, units and lists)
write exactly what Babel writes for the same value and locale, across languages, regions,
zones and DST (the repeated autumn hour too, where two instants share one wall time)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from babel import dates, lists, numbers, units

from bot.i18n import current_locale, day, join, month, number, speaking, weekday, when
from bot.i18n.formats import Context, Width, measure

CODES = ("en", "en-US", "de", "de-AT", "es", "fr", "pt-BR", None)
ZONES = ("Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC")


def _babel_when(instant: datetime) -> str:
    locale = current_locale()
    pattern = str(locale.datetime_formats["medium"]).replace("'", "")
    return pattern.format(
        dates.format_time(instant, "short", locale=locale),
        dates.format_skeleton("MMMEd", instant, locale=locale),
    )


def _instants() -> list[datetime]:
    start = datetime(2026, 10, 24, 22, 0, tzinfo=UTC)  # Berlin's autumn change is on the 25th
    steps = [start + timedelta(minutes=37 * step) for step in range(120)]
    spring = datetime(2027, 3, 13, 22, 0, tzinfo=UTC)
    steps += [spring + timedelta(minutes=41 * step) for step in range(120)]
    return [instant.astimezone(ZoneInfo(zone)) for instant in steps for zone in ZONES]


@pytest.mark.parametrize("code", CODES)
def test_when_writes_what_babel_writes(code: str | None) -> None:
    with speaking(code):
        for instant in _instants():
            assert when(instant) == _babel_when(instant)
            assert when(instant) == _babel_when(instant)  # the cached answer too


def test_the_repeated_hour_keeps_its_two_instants_apart() -> None:
    zone = ZoneInfo("America/New_York")
    first = datetime(2026, 11, 1, 1, 30, tzinfo=zone)
    second = first.replace(fold=1)
    with speaking("en-US"):
        assert when(first) == _babel_when(first)
        assert when(second) == _babel_when(second)
        # one wall time, two instants: each written from its own value, in its own zone
        assert when(second.astimezone(UTC)) == _babel_when(second.astimezone(UTC))
        assert when(first.astimezone(UTC)) == _babel_when(first.astimezone(UTC))


@pytest.mark.parametrize("code", CODES)
def test_day_writes_what_babel_writes(code: str | None) -> None:
    with speaking(code):
        locale = current_locale()
        for offset in range(400):
            value = date(2026, 1, 1) + timedelta(days=offset)
            expected = dates.format_skeleton("MMMEd", value, locale=locale)
            assert day(value) == expected
            assert day(value) == expected
        for instant in _instants()[:50]:
            assert day(instant) == dates.format_skeleton("MMMEd", instant, locale=locale)


@pytest.mark.parametrize("code", CODES)
def test_weekday_and_month_names_are_babels(code: str | None) -> None:
    with speaking(code):
        locale = current_locale()
        widths: tuple[Width, ...] = ("abbreviated", "wide", "narrow")
        contexts: tuple[tuple[bool, Context], ...] = ((True, "stand-alone"), (False, "format"))
        for width in widths:
            for standalone, context in contexts:
                for index in range(7):
                    expected = dates.get_day_names(width, context=context, locale=locale)[index]
                    assert weekday(index, width, standalone=standalone) == expected
                for number in range(1, 13):
                    expected = dates.get_month_names(width, context=context, locale=locale)[number]
                    assert month(number, width, standalone=standalone) == expected


@pytest.mark.parametrize("code", CODES)
def test_numbers_units_and_lists_write_what_babel_writes(code: str | None) -> None:
    with speaking(code):
        locale = current_locale()
        for _ in range(2):  # the first answer, then the cached one
            for value in (0, 1, 7, 12.5, 1234.5, 1234.567, 1_000_000):
                assert number(value) == numbers.format_decimal(
                    value, format="#,##0.##", locale=locale
                )
                assert number(value, decimals=0) == numbers.format_decimal(
                    value, format="#,##0", locale=locale
                )
                assert measure(value, "mass-kilogram") == units.format_unit(
                    value, "mass-kilogram", length="short", locale=locale
                )
            for items in (["a"], ["a", "b"], ["Mon", "Wed", "Fri"]):
                assert join(items) == lists.format_list(items, locale=locale)
                assert join(iter(items), "or") == lists.format_list(
                    items, style="or", locale=locale
                )
    with speaking("de"):  # one value, two languages: never the other's answer
        german = number(1234.5)
    with speaking("en"):
        assert number(1234.5) == "1,234.5" != german
