"""The languages the bot speaks, and how a Telegram language code maps onto one.

Typed answers are read in English always plus the runner's language, so every parser takes
a language code and asks here which vocabularies apply. Telegram sends codes such as
"de", "de-AT" or "pt-BR"; the region never changes which words we understand, and a language
we do not speak yet falls back to English.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from babel import Locale

from content.folding import fold


class Language(StrEnum):
    """A language the bot understands; the value is the CLDR/Babel locale code."""

    EN = "en"
    DE = "de"
    ES = "es"
    FR = "fr"


SUPPORTED: tuple[Language, ...] = tuple(Language)


def base_language(code: str | None) -> Language:
    """The supported language behind a Telegram or CLDR code: "de-AT" and "de_CH" are
    German, "pt-BR" (not spoken yet) and None are English."""
    if not code:
        return Language.EN
    prefix = code.replace("_", "-").split("-", 1)[0].strip().lower()
    try:
        return Language(prefix)
    except ValueError:
        return Language.EN


def reading_languages(code: str | None) -> tuple[Language, ...]:
    """The languages whose words we accept from this runner: theirs, then English."""
    own = base_language(code)
    return (own,) if own is Language.EN else (own, Language.EN)


def with_language(code: str | None, language: Language) -> str:
    """The stored code after a runner picks ``language`` (``/language``): the region Telegram
    gave is kept, so formats and the weight unit of "en-US" stay American in German
    ("de-US"); a code without a region becomes the language's own ("de")."""
    parts = (code or "").replace("_", "-").split("-")
    region = parts[1].upper() if len(parts) > 1 and parts[1].isalpha() else ""
    return f"{language.value}-{region}" if len(region) == 2 else language.value


def language_named(text: str) -> Language | None:
    """The language a runner names in any of the four languages or by its code ("Deutsch",
    "german", "alemán", "allemand", "de"), after ``/language``; None for anything else."""
    return _language_names().get(fold(text).strip(" .!"))


@cache
def _language_names() -> dict[str, Language]:
    """Each language's CLDR names in every language we speak, folded, plus its code."""
    names: dict[str, Language] = {}
    for language in SUPPORTED:
        names[language.value] = language
        for speaker in SUPPORTED:
            name = Locale.parse(speaker.value).languages.get(language.value)
            if name:
                names[fold(name)] = language
    return names


def endonym(language: Language) -> str:
    """A language's name in itself, capitalised as on a button: "English", "Deutsch",
    "Español", "Français" (CLDR)."""
    name = str(Locale.parse(language.value).display_name)
    return name[:1].upper() + name[1:]
