"""The button under pain advice: a gentle session that spares the sore area."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import pack


def gentle_session(area: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton("Gentle session", callback_data=pack("go", "gentle", area))]]
    )
