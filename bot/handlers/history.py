"""/history: past sessions five at a time, with Older / Newer editing the same message."""

from __future__ import annotations

from typing import Any

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import to_int, unpack
from bot.context import LegContext
from bot.flows import history
from bot.flows.history import Direction
from bot.keyboards import history as keyboards
from bot.messages import answer, try_edit, try_send
from bot.texts import common as common_texts
from bot.texts import history as texts


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("history", show_history))
    application.add_handler(CallbackQueryHandler(history_button, pattern=rf"^{keyboards.TOPIC}:"))


async def show_history(update: Update, context: LegContext) -> None:
    """/history: the newest five sessions."""
    message = update.effective_message
    assert message is not None
    found = await history.page(context.db, context.library, context.runner)
    markup = keyboards.pager(found, context.runner.telegram_user_id)
    await try_send(message.chat, texts.page_text(found), markup)


async def history_button(update: Update, context: LegContext) -> None:
    """Older / Newer: the next page in the same message; anyone else's press is refused."""
    query = update.callback_query
    assert query is not None
    fields = unpack(query.data, keyboards.TOPIC, 3)
    owner = to_int(fields[0]) if fields else None
    cursor = to_int(fields[2]) if fields else None
    if fields is None or owner is None or cursor is None or fields[1] not in set(Direction):
        await answer(query, common_texts.stale_button())
        return
    if owner != query.from_user.id:
        await answer(query, common_texts.not_your_button())
        return
    await answer(query)
    found = await history.page(
        context.db,
        context.library,
        context.runner,
        direction=Direction(fields[1]),
        cursor=cursor,
    )
    text = texts.page_text(found)
    markup = keyboards.pager(found, context.runner.telegram_user_id)
    pressed = query.message
    if isinstance(pressed, Message) and pressed.is_accessible:
        await try_edit(context.bot, pressed.chat_id, pressed.message_id, text, markup)
    elif update.effective_chat is not None:
        # Telegram no longer shows the pressed message (48 hours on): send the page anew.
        await try_send(update.effective_chat, text, markup)
