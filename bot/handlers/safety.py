"""A runner mentions pain: safety first, never a diagnosis, and a gentler session offered."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application

from bot.callbacks import pack
from bot.context import LegContext
from bot.handlers.common import add_responder
from bot.texts import safety as texts
from content.safety import mentions_pain


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    add_responder(application, answer_pain)


async def answer_pain(update: Update, context: LegContext) -> bool:
    """Free text about pain or injury: stop-and-see-someone advice, and a gentle session."""
    message = update.effective_message
    if message is None or not message.text:
        return False
    report = mentions_pain(message.text)
    if report is None:
        return False
    library = context.services.library
    spared = [library.get(exercise_id).name.lower() for exercise_id in sorted(report.avoid)]
    markup = None
    if report.area is not None and context.runner.onboarded:
        markup = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        "Gentle session", callback_data=pack("go", "gentle", report.area)
                    )
                ]
            ]
        )
    await message.reply_text(texts.pain_advice(report.area, spared), reply_markup=markup)
    return True
