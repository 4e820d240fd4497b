"""The mechanism: the current language (per context, per block), gettext and its plural
rules through catalogs compiled in memory, lazy labels, and CLDR formats per locale."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, time

import pytest
from babel.messages.catalog import Catalog

from bot.i18n import (
    N_,
    LazyText,
    _,
    current_language,
    current_locale,
    day,
    day_with_year,
    join,
    number,
    reset_language,
    seconds,
    speaking,
    speech_for,
    time_of_day,
    use_language,
    weekday,
    weight,
    when,
)
from bot.i18n.catalogs import compile_catalog
from content.languages import Language
from content.model import WeightUnit

BUTTON = "That button isn't for you."


@pytest.mark.parametrize(
    ("code", "language", "locale"),
    [
        ("de", Language.DE, "de_DE"),
        ("de-AT", Language.DE, "de_AT"),
        ("de_CH", Language.DE, "de_CH"),
        ("en", Language.EN, "en_GB"),
        ("en-US", Language.EN, "en_US"),
        ("es-419", Language.ES, "es_419"),
        ("fr-CA", Language.FR, "fr_CA"),
        ("de-US", Language.DE, "de_DE"),  # a region CLDR has no German for: German formats
        ("pt-BR", Language.EN, "en_GB"),  # not spoken: English
        ("pt", Language.EN, "en_GB"),
        (None, Language.EN, "en_GB"),
        ("", Language.EN, "en_GB"),
    ],
)
def test_a_code_picks_the_catalog_by_language_and_the_formats_by_region(
    code: str | None, language: Language, locale: str
) -> None:
    speech = speech_for(code)
    assert (speech.language, str(speech.locale)) == (language, locale)


def test_english_is_spoken_outside_any_update() -> None:
    assert current_language() is Language.EN
    assert _(BUTTON) == BUTTON


def test_speaking_sets_the_language_for_the_block_only() -> None:
    with speaking("de-AT"):
        assert current_language() is Language.DE
        assert str(current_locale()) == "de_AT"
        assert _(BUTTON) == "Dieser Button ist nicht für dich."
        with speaking("fr"):
            assert _(BUTTON) == "Ce bouton n’est pas pour toi."
        assert current_language() is Language.DE
    assert current_language() is Language.EN


def test_use_language_lasts_until_its_token_is_reset() -> None:
    token = use_language("es")
    try:
        use_language("fr")  # a later choice in the same update (``/language``)
        assert _(BUTTON) == "Ce bouton n’est pas pour toi."
    finally:
        reset_language(token)
    assert current_language() is Language.EN


async def test_concurrent_tasks_never_see_each_others_language() -> None:
    seen: dict[str, str] = {}
    both_set = asyncio.Event()
    ready = 0

    async def speak(code: str) -> None:
        nonlocal ready
        use_language(code)
        ready += 1
        if ready == 2:
            both_set.set()
        await both_set.wait()
        seen[code] = _(BUTTON)

    await asyncio.gather(speak("de"), speak("es"))
    assert seen == {"de": "Dieser Button ist nicht für dich.", "es": "Ese botón no es para ti."}
    assert current_language() is Language.EN


def test_a_lazy_label_is_translated_where_it_is_used() -> None:
    label = N_(BUTTON)
    assert isinstance(label, LazyText)
    assert str(label) == BUTTON
    with speaking("es"):
        assert str(label) == "Ese botón no es para ti."
        assert f"[{label}]" == "[Ese botón no es para ti.]"
    assert f"{label:>30}" == f"{BUTTON:>30}"


@pytest.mark.parametrize(
    ("locale", "counts"),
    [
        # gettext's plural rule from each catalog's header: French counts 0 as one
        ("de", {0: "0 Sätze", 1: "1 Satz", 2: "2 Sätze"}),
        ("fr", {0: "0 série", 1: "1 série", 2: "2 séries"}),
        ("es", {0: "0 series", 1: "1 serie", 2: "2 series", 1_000_000: "1000000 de series"}),
    ],
)
def test_plurals_follow_each_languages_rule(locale: str, counts: dict[int, str]) -> None:
    forms = {
        "de": ("{n} Satz", "{n} Sätze"),
        "fr": ("{n} série", "{n} séries", "{n} séries"),
        "es": ("{n} serie", "{n} de series", "{n} series"),
    }[locale]
    catalog = Catalog(locale=locale)
    catalog.add(("{n} set", "{n} sets"), forms)
    translated = compile_catalog(catalog)
    for n, expected in counts.items():
        assert translated.ngettext("{n} set", "{n} sets", n).format(n=n) == expected


def test_a_fuzzy_translation_is_not_used() -> None:
    catalog = Catalog(locale="de")
    catalog.add("Skip", "Überspringen")
    catalog.add("Done", "Fertig", flags=("fuzzy",))
    translated = compile_catalog(catalog)
    assert (translated.gettext("Skip"), translated.gettext("Done")) == ("Überspringen", "Done")


THURSDAY = date(2026, 11, 26)
MORNING = datetime(2026, 11, 26, 7, 30)


@pytest.mark.parametrize(
    ("code", "short_day", "long_day", "instant", "evening"),
    [
        ("en", "Thu 26 Nov", "Thu, 26 Nov 2026", "Thu 26 Nov, 07:30", "19:05"),
        ("en-US", "Thu, Nov 26", "Thu, Nov 26, 2026", "Thu, Nov 26, 7:30\u202fAM", "7:05\u202fPM"),
        ("de", "Do., 26. Nov.", "Do., 26. Nov. 2026", "Do., 26. Nov., 07:30", "19:05"),
        ("es", "jue, 26 nov", "jue, 26 nov 2026", "jue, 26 nov, 7:30", "19:05"),
        ("fr", "jeu. 26 nov.", "jeu. 26 nov. 2026", "jeu. 26 nov., 07:30", "19:05"),
    ],
)
def test_dates_and_times_as_each_locale_writes_them(
    code: str, short_day: str, long_day: str, instant: str, evening: str
) -> None:
    with speaking(code):
        assert day(THURSDAY) == short_day
        assert day_with_year(THURSDAY) == long_day
        assert when(MORNING) == instant
        assert time_of_day(time(19, 5)) == evening


@pytest.mark.parametrize(
    ("code", "days", "kilos", "pounds", "big", "hold"),
    [
        ("en", "Mon, Wed and Fri", "12.5 kg", "25 lb", "1,234.5", "30 secs"),
        ("de", "Mo, Mi und Fr", "12,5 kg", "25 lb", "1.234,5", "30 Sek."),
        ("es", "lun, mié y vie", "12,5 kg", "25 lb", "1.234,5", "30 s"),
        ("fr", "lun., mer. et ven.", "12,5 kg", "25 lb", "1\u202f234,5", "30 s"),
    ],
)
def test_numbers_units_and_lists_as_each_locale_writes_them(
    code: str, days: str, kilos: str, pounds: str, big: str, hold: str
) -> None:
    with speaking(code):
        assert join(weekday(index) for index in (0, 2, 4)) == days
        assert _spaced(weight(12.5, WeightUnit.KG)) == kilos
        assert _spaced(weight(25, WeightUnit.LB)) == pounds
        assert number(1234.5) == big
        assert number(12.0) == "12"
        assert _spaced(seconds(30)) == hold


def _spaced(text: str) -> str:
    """CLDR puts (narrow) no-break spaces between a number and its unit."""
    return text.replace("\xa0", " ").replace("\u202f", " ")
