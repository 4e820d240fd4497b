"""The languages the bot speaks, and how a Telegram language code maps onto one.

Typed answers are read in English always plus the runner's language, so every parser takes
a language code and asks here which vocabularies apply. Telegram sends codes such as
"de", "de-AT" or "pt-BR"; the region never changes which words we understand, and a language
we do not speak yet falls back to English.
"""

from __future__ import annotations

from enum import StrEnum


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
