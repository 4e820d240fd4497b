"""The language buttons: each language named in itself, the current one ticked."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import pack
from bot.texts import language as texts
from content.languages import SUPPORTED, Language

TOPIC = "lang"
MENU = "menu"  # the /settings button: show the choice
TICK = " ✅"


def choice(current: Language) -> InlineKeyboardMarkup:
    """English / Deutsch / Español / Français, two a row."""
    buttons = [
        InlineKeyboardButton(
            texts.name(language) + (TICK if language is current else ""),
            callback_data=pack(TOPIC, language.value),
        )
        for language in SUPPORTED
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])


def settings_button() -> InlineKeyboardButton:
    """The row of /settings that opens the choice."""
    return InlineKeyboardButton(texts.settings_button(), callback_data=pack(TOPIC, MENU))
