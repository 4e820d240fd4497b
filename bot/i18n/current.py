"""The language of what is being said now, and gettext in it.

One ``ContextVar`` holds the current :class:`Speech`: the language whose catalog ``_()``
reads, and the Babel locale dates, times and numbers are formatted in. asyncio gives every
task its own copy of the context, so two updates (or two reminders sent concurrently) never
see each other's language, and nothing has to pass a language through every text function.

Who sets it:

* ``LegcoachApplication.process_update``: the Telegram user's ``language_code`` at the start
  of every update, reset when the update is done;
* ``bot.routing.ensure_runner``: the runner's stored language once the runner is loaded (it
  wins from then on, whatever Telegram says);
* ``/language``: the new one right after it is stored, so the confirmation is already in it;
* ``bot.dispatch.message.reminder_message``: each runner's language around composing their
  reminder (``speaking``).

A runner's stored code keeps Telegram's region ("de-AT", "en-US"): the region picks the
locale's formats (an American runner gets 12-hour times) but never the catalog. English
without a region is formatted as British English (day before month, 24 hours), which is
how the bot wrote dates and times before it spoke other languages.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError

from bot.i18n.catalogs import translations
from content.languages import Language, base_language

# The formats of a language when Telegram sent no region (or one CLDR has no locale for).
DEFAULT_LOCALES: dict[Language, str] = {
    Language.EN: "en_GB",
    Language.DE: "de_DE",
    Language.ES: "es_ES",
    Language.FR: "fr_FR",
}


@dataclass(frozen=True, slots=True)
class Speech:
    """What the bot speaks now: the catalog's language and the locale of its formats."""

    language: Language
    locale: Locale


@functools.lru_cache(maxsize=256)
def speech_for(code: str | None) -> Speech:
    """The speech of a Telegram or stored language code: "de-AT" is German with Austrian
    formats, "pt-BR" (not spoken) and None are English with the default English formats."""
    language = base_language(code)
    locale = None
    parts = (code or "").replace("_", "-").split("-")
    if len(parts) > 1 and parts[0].lower() == language.value:
        try:
            locale = Locale.parse(f"{language.value}_{parts[1]}")
        except (UnknownLocaleError, ValueError):
            locale = None  # a region CLDR has no locale for: the language's usual formats
    return Speech(language, locale or Locale.parse(DEFAULT_LOCALES[language]))


ENGLISH = speech_for(Language.EN)
_current: ContextVar[Speech] = ContextVar("legcoach_speech", default=ENGLISH)


def current_speech() -> Speech:
    return _current.get()


def current_language() -> Language:
    """The language texts are written in right now (English outside any update)."""
    return _current.get().language


def current_locale() -> Locale:
    """The Babel locale dates, times, numbers and units are formatted in right now."""
    return _current.get().locale


def use_language(code: str | None) -> Token[Speech]:
    """Speak ``code`` from here to the end of the current context (the update being handled);
    the token resets it."""
    return _current.set(speech_for(code))


def reset_language(token: Token[Speech]) -> None:
    _current.reset(token)


@contextmanager
def speaking(code: str | None) -> Iterator[Speech]:
    """Speak ``code`` inside the block only: a reminder composed for one runner, a command
    menu set for one language, a test."""
    token = _current.set(speech_for(code))
    try:
        yield _current.get()
    finally:
        _current.reset(token)


def gettext(message: str) -> str:
    """``message`` in the current language (itself when the catalog has no translation)."""
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message the current language's plural rule picks for ``n``.

    Pass ``n`` to the placeholders too: ``ngettext("{n} set", "{n} sets", n).format(n=n)``.
    """
    return translations(current_language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, told apart from the same English words used
    elsewhere by ``context`` (a button "Done" and the adjective "done" differ in German)."""
    return translations(current_language()).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return translations(current_language()).npgettext(context, singular, plural, n)


# The conventional name, for ``_("...")`` in texts and for ``pybabel extract``.
_ = gettext
