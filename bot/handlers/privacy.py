"""/privacy, and /deletedata with its Delete everything / Cancel buttons."""

from __future__ import annotations

from typing import Any

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.context import LegContext
from bot.flows import erase
from bot.flows.erase import EraseOutcome
from bot.keyboards import privacy as keyboards
from bot.messages import answer, try_edit, try_send
from bot.texts import common as common_texts
from bot.texts import privacy as texts


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("privacy", privacy))
    application.add_handler(CommandHandler("deletedata", delete_data))
    application.add_handler(CallbackQueryHandler(delete_button, pattern=rf"^{keyboards.TOPIC}:"))


async def privacy(update: Update, context: LegContext) -> None:
    """/privacy: what is stored, why, for how long, and how to export or erase it."""
    message = update.effective_message
    assert message is not None
    await try_send(message.chat, texts.privacy())


async def delete_data(update: Update, context: LegContext) -> None:
    """/deletedata: say what would be erased and ask for confirmation."""
    message = update.effective_message
    assert message is not None
    counts, confirmation = await erase.preview(
        context.db, context.runner, context.services.clock.now()
    )
    await try_send(message.chat, texts.ask(counts), keyboards.confirm(confirmation))


async def delete_button(update: Update, context: LegContext) -> None:
    """Delete everything (erase, in one transaction, then say what went) or Cancel."""
    query = update.callback_query
    assert query is not None
    parsed = keyboards.parse(query.data)
    if parsed is None:
        await answer(query, common_texts.stale_button())
        return
    confirmation, yes = parsed
    now = context.services.clock.now()
    refused = erase.judge(confirmation, context.runner, now)
    if refused is EraseOutcome.NOT_YOURS:
        await answer(query, common_texts.not_your_button())
        return
    if not yes:
        await answer(query)
        await _show(update, context, texts.cancelled())
        return
    result = await erase.confirm(context.db, confirmation, context.runner, now)
    if result.outcome is EraseOutcome.ERASED:
        # Say it is gone only once it is: commit before answering.
        await context.db.commit()
        await answer(query)
        await _show(update, context, texts.erased(result.counts))
        return
    refusal = texts.expired() if result.outcome is EraseOutcome.EXPIRED else texts.already_gone()
    await answer(query, refusal, alert=True)
    await _show(update, context, refusal)


async def _show(update: Update, context: LegContext, text: str) -> None:
    """The answer in place of the question (its buttons gone), or anew if it is too old."""
    pressed = update.callback_query.message if update.callback_query else None
    if isinstance(pressed, Message) and pressed.is_accessible:
        await try_edit(context.bot, pressed.chat_id, pressed.message_id, text)
    elif update.effective_chat is not None:
        await try_send(update.effective_chat, text)
