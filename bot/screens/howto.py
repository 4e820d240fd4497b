"""The how-to card on screen: from /how, a question, an exercise button or a session's How?."""

from __future__ import annotations

from telegram import Chat
from telegram.constants import ParseMode

from bot.context import LegContext
from bot.flows import howto as flow
from bot.keyboards import howto as keyboards
from bot.texts import howto as texts


async def send_howto(chat: Chat, context: LegContext, exercise_id: str) -> None:
    """The how-to card for one exercise, with the runner's own rung once they are set up."""
    library = context.services.library
    if exercise_id not in library.ids:
        await chat.send_message(
            texts.unknown_exercise(),
            parse_mode=ParseMode.HTML,
            reply_markup=keyboards.all_exercises(library),
        )
        return
    runner = context.runner if context.has_runner else None
    card = await flow.card(context.db, library, runner, exercise_id)
    await chat.send_message(texts.howto_card(card), parse_mode=ParseMode.HTML)
