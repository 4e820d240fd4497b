"""The command menu (setMyCommands), one per language the bot speaks.

Telegram keeps a list per language code and shows a user the list of their app's language,
else the default one; the default list is English, the source language.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import BotCommand

from bot.i18n import speaking
from bot.i18n.catalogs import SOURCE_LANGUAGE
from bot.texts import common as texts
from content.languages import SUPPORTED, Language


def telegram_code(language: Language) -> str | None:
    """The ``language_code`` a per-language setting is stored under; None for the default."""
    return None if language is SOURCE_LANGUAGE else language.value


def command_menu(extra: Sequence[tuple[str, str]] = ()) -> list[BotCommand]:
    """The menu in the current language, with ``extra`` commands (an operator's) at the end."""
    return [BotCommand(name, description) for name, description in (*texts.commands(), *extra)]


def menus(extra: Sequence[tuple[str, str]] = ()) -> list[tuple[str | None, list[BotCommand]]]:
    """Every language's menu with the language code to set it under."""
    found = []
    for language in SUPPORTED:
        with speaking(language):
            found.append((telegram_code(language), command_menu(extra)))
    return found
