"""/language and its buttons: the runner picks the language the bot speaks with them.

``/language`` alone (or the /settings button) shows the four languages as buttons;
``/language deutsch`` (any of the four languages' names for it, or its code) switches at
once. The answer to a choice is already in the new language, and a pending question is
pointed back to after it, since a choice of language is an aside.
"""

from __future__ import annotations

from typing import Any

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import unpack
from bot.context import LegContext
from bot.flows import language as flow
from bot.i18n import use_language
from bot.keyboards import language as keyboards
from bot.messages import answer, pressed_message, try_edit, try_reply, try_send
from bot.routing import point_back
from bot.texts import common as common_texts
from bot.texts import language as texts
from content.languages import Language


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("language", language_command))
    application.add_handler(CallbackQueryHandler(language_button, pattern=rf"^{keyboards.TOPIC}:"))


async def language_command(update: Update, context: LegContext) -> None:
    """/language: the choice as buttons; /language <name>: switch to it."""
    message = update.effective_message
    assert message is not None
    asked = " ".join(context.args or ())
    if not asked.strip():
        await _offer(message, context, texts.choose())
    elif (language := flow.understand(asked)) is None:
        await _offer(message, context, texts.unknown(asked))
    else:
        # forgiving: the choice is stored whatever Telegram answers (bot/messages.py)
        await try_send(message.chat, await _choose(context, language))
    await point_back(update, context)


async def language_button(update: Update, context: LegContext) -> None:
    """A language button (switch and say so in place), or /settings' Language (the choice)."""
    query = update.callback_query
    assert query is not None
    message = await pressed_message(query)
    if message is None:
        return
    fields = unpack(query.data, keyboards.TOPIC, 1)
    choice = fields[0] if fields else None
    if choice == keyboards.MENU:
        await answer(query)
        await try_send(message.chat, texts.choose(), keyboards.choice(flow.spoken(context.runner)))
        return
    try:
        language = Language(choice or "")
    except ValueError:
        await answer(query, common_texts.stale_button())
        return
    confirmation = await _choose(context, language)
    await answer(query)
    await try_edit(context.bot, message.chat_id, message.message_id, confirmation)
    await point_back(update, context)


async def _offer(message: Message, context: LegContext, text: str) -> None:
    await try_reply(message, text, keyboards.choice(flow.spoken(context.runner)))


async def _choose(context: LegContext, language: Language) -> str:
    """Store the choice, speak it from here on, and word the confirmation in it."""
    chosen = await flow.choose(context.db, context.runner, language)
    context.runner = chosen.runner
    use_language(chosen.runner.language)
    return texts.switched() if chosen.changed else texts.unchanged()
