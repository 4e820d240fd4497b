"""Dates, times, numbers and units as the current language writes them, through Babel's CLDR
data: "Thu 26 Nov, 07:30", "Do., 26. Nov., 07:30", "jue, 26 nov, 7:30", "jeu. 26 nov.,
07:30"; "12.5 kg" and "12,5 kg"; "Mon, Wed and Fri" and "Mo, Mi und Fr".

Each helper reads the locale of the current speech (``bot.i18n.current``), so a text calls
``day(value)`` and gets the runner's format without being told whose it is. Nothing here is
hand-written: the patterns, names and separators are CLDR's.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, tzinfo
from functools import lru_cache
from typing import Literal

from babel import Locale, dates, lists, numbers, units

from bot.i18n.current import current_locale
from content.model import WeightUnit

Width = Literal["abbreviated", "wide", "narrow"]
Context = Literal["format", "stand-alone"]
ListStyle = Literal["standard", "or", "unit", "unit-short", "unit-narrow"]
UnitLength = Literal["short", "long", "narrow"]

_WEIGHT_UNITS = {WeightUnit.KG: "mass-kilogram", WeightUnit.LB: "mass-pound"}


def weekday(index: int, width: Width = "abbreviated", *, standalone: bool = True) -> str:
    """A weekday's name, Monday = 0: "Mon", "Mo", "lun", "lun." (``standalone`` for a label
    or a list; False for the form used inside a date, which differs in some languages)."""
    context: Context = "stand-alone" if standalone else "format"
    return _weekday(current_locale(), index, width, context)


@lru_cache(maxsize=1024)
def _weekday(locale: Locale, index: int, width: Width, context: Context) -> str:
    return dates.get_day_names(width, context=context, locale=locale)[index]


def month(number: int, width: Width = "abbreviated", *, standalone: bool = True) -> str:
    """A month's name, January = 1."""
    context: Context = "stand-alone" if standalone else "format"
    return _month(current_locale(), number, width, context)


@lru_cache(maxsize=1024)
def _month(locale: Locale, number: int, width: Width, context: Context) -> str:
    return dates.get_month_names(width, context=context, locale=locale)[number]


def day(value: date) -> str:
    """A day without its year: "Thu 26 Nov", "Do., 26. Nov.", "jue, 26 nov", "jeu. 26 nov."."""
    if type(value) is date:  # a plain date: the same words every time (a datetime: below)
        return _day(current_locale(), value)
    return dates.format_skeleton("MMMEd", value, locale=current_locale())


@lru_cache(maxsize=4096)
def _day(locale: Locale, value: date) -> str:
    return dates.format_skeleton("MMMEd", value, locale=locale)


def day_with_year(value: date) -> str:
    """A day with its year: "Thu, 26 Nov 2026", "Do., 26. Nov. 2026"."""
    return dates.format_skeleton("yMMMEd", value, locale=current_locale())


def long_date(value: date) -> str:
    """A date written out: "26 November 2026", "26. November 2026", "26 de noviembre de
    2026", "26 novembre 2026"."""
    return dates.format_date(value, "long", locale=current_locale())


def time_of_day(value: time | datetime) -> str:
    """A clock time, 24 or 12 hours as the locale writes it: "07:30", "7:30 AM", "7:30"."""
    return dates.format_time(value, "short", locale=current_locale())


def when(instant: datetime) -> str:
    """A local instant: its day and its time, joined as the locale joins them
    ("Thu 26 Nov, 07:30")."""
    # the words depend on the wall time, its zone and which of a repeated hour it is (an
    # aware datetime's equality compares instants, so it is not the key itself)
    return _when(current_locale(), instant.replace(tzinfo=None), instant.tzinfo, instant.fold)


@lru_cache(maxsize=4096)
def _when(locale: Locale, wall: datetime, zone: tzinfo | None, fold: int) -> str:
    instant = wall.replace(tzinfo=zone, fold=fold)
    pattern = str(locale.datetime_formats["medium"]).replace("'", "")
    return pattern.format(
        dates.format_time(instant, "short", locale=locale),
        dates.format_skeleton("MMMEd", instant, locale=locale),
    )


def number(value: float, *, decimals: int = 2) -> str:
    """A number with the locale's separators, at most ``decimals`` places, no trailing
    zeros: "1,234.5", "1.234,5", "1 234,5"."""
    return _number(current_locale(), value, decimals)


@lru_cache(maxsize=4096)
def _number(locale: Locale, value: float, decimals: int) -> str:
    pattern = "#,##0" + ("." + "#" * decimals if decimals > 0 else "")
    return numbers.format_decimal(value, format=pattern, locale=locale)


def percent(value: float) -> str:
    """A share (0.25) as a percentage: "25%", "25 %"."""
    return numbers.format_percent(value, locale=current_locale())


def measure(value: float, measurement: str, length: UnitLength = "short") -> str:
    """A value with a CLDR unit ("duration-second", "length-kilometer", "mass-kilogram"...):
    "30 sec", "30 Sek.", "10 km"."""
    return _measure(current_locale(), value, measurement, length)


@lru_cache(maxsize=4096)
def _measure(locale: Locale, value: float, measurement: str, length: UnitLength) -> str:
    return units.format_unit(value, measurement, length=length, locale=locale)


def weight(value: float, unit: WeightUnit) -> str:
    """A dumbbell weight: "12.5 kg", "12,5 kg", "25 lb"."""
    return measure(value, _WEIGHT_UNITS[unit])


def seconds(value: int) -> str:
    """A hold or a rest in seconds: "30 sec", "30 Sek.", "30 s"."""
    return measure(value, "duration-second")


def join(items: Iterable[str], style: ListStyle = "standard") -> str:
    """Items as a list in a sentence: "Mon, Wed and Fri", "Mo, Mi und Fr", "lun, mié y vie";
    ``style="or"`` for alternatives."""
    return _join(current_locale(), tuple(items), style)


@lru_cache(maxsize=4096)
def _join(locale: Locale, items: tuple[str, ...], style: ListStyle) -> str:
    return lists.format_list(list(items), style=style, locale=locale)
