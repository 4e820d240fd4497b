"""A runner mentions pain: safety first, never a diagnosis, and a gentler session offered."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.context import LegContext
from bot.flows import safety as flow
from bot.keyboards import safety as keyboards
from bot.routing import add_responder
from bot.texts import safety as texts


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    add_responder(application, answer_pain, aside=True)


async def answer_pain(update: Update, context: LegContext) -> bool:
    """Free text about pain or injury: stop-and-see-someone advice, and a gentle session."""
    message = update.effective_message
    if message is None or not message.text:
        return False
    heard = flow.hear(context.runner, message.text)
    if heard is None:
        return False
    library = context.services.library
    spared = [library.get(exercise_id).name.lower() for exercise_id in heard.spared]
    markup = keyboards.gentle_session(heard.area) if heard.offer_gentle and heard.area else None
    await message.reply_text(texts.pain_advice(heard.area, spared), reply_markup=markup)
    return True
