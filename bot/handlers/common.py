"""Per-update plumbing (load the runner, turn group chats away) and the fallbacks.

Topic modules that want free text (or stickers, photos) register a *responder* in
``bot.routing``; the one text handler here asks each responder in registration order and
falls back to a short help.
"""

from __future__ import annotations

import html
import logging
import re
from typing import Any

from telegram import ChatMemberUpdated, Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.context import LegContext, update_failed
from bot.flows import runner as runner_flow
from bot.messages import answer, try_reply
from bot.routing import ensure_runner, fallbacks, is_light, point_back, responders
from bot.texts import common as texts
from bot.texts.limits import ANSWER_LIMIT, shorten
from content.answers import closest

log = logging.getLogger(__name__)

MAX_COMMAND = 64  # longer is no typo of a command: not worth comparing


def register_early(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(TypeHandler(Update, load_runner), group=-1)
    application.add_error_handler(on_error)


def register_late(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("help", show_help))
    application.add_handler(MessageHandler(filters.COMMAND, unknown_command))
    application.add_handler(MessageHandler(filters.ALL, route_message))
    application.add_handler(CallbackQueryHandler(stale_callback))


async def load_runner(update: Update, context: LegContext) -> None:
    """Load (or create) the runner behind this update; keep group chats and bots out."""
    if update.my_chat_member is not None:
        await _track_block(update.my_chat_member, context)
        raise ApplicationHandlerStop
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or user.is_bot:
        raise ApplicationHandlerStop
    if update.edited_message is not None:
        raise ApplicationHandlerStop  # edits of old messages are not new answers
    if chat.type != ChatType.PRIVATE:
        await _answer_group(update, context)
        raise ApplicationHandlerStop
    query = update.callback_query
    if query is not None and query.data and is_light(context.application, query.data):
        return
    await ensure_runner(update, context)


async def _track_block(change: ChatMemberUpdated, context: LegContext) -> None:
    if change.chat.type != ChatType.PRIVATE:
        return
    status = change.new_chat_member.status
    if status in ("kicked", "left"):
        await runner_flow.blocked(context.db, change.chat.id, True)


async def _answer_group(update: Update, context: LegContext) -> None:
    username = context.bot.username
    link = f"https://t.me/{username}?start=group"
    if update.callback_query is not None:
        await answer(update.callback_query, texts.private_chats_only())
        return
    message = update.effective_message
    # Only answer what was addressed to this bot, so a group is not spammed.
    if message is not None and _addressed_to_us(message, username):
        await try_reply(message, texts.group_chat(link))


def _addressed_to_us(message: Message, username: str) -> bool:
    """A command with no @suffix or ours (not /x@OtherBot), or an @mention of this bot."""
    ours = f"@{username}".lower()
    command = _command(message)
    if command is not None:
        _name, at, bot = command.partition("@")
        return not at or f"@{bot}".lower() == ours
    mention = re.compile(rf"(?<![\w@]){re.escape(ours)}(?!\w)", re.IGNORECASE)
    return mention.search(message.text or "") is not None


def _command(message: Message) -> str | None:
    """The /command a message starts with, as Telegram marked it (with any @suffix)."""
    for entity, text in message.parse_entities([MessageEntity.BOT_COMMAND]).items():
        if entity.offset == 0:
            return text
    return None


async def show_help(update: Update, context: LegContext) -> None:
    """/help: every command, one line each (then back to a pending question)."""
    assert update.effective_message is not None
    await try_reply(update.effective_message, texts.help_text())
    await point_back(update, context)


async def unknown_command(update: Update, context: LegContext) -> None:
    """An unknown /command: the closest known one ("Did you mean /next?"), else the list."""
    message = update.effective_message
    assert message is not None
    command = (_command(message) or texts.some_command()).partition("@")[0]
    suggestions = closest(command.removeprefix("/")[:MAX_COMMAND], texts.COMMAND_NAMES)
    await try_reply(message, texts.unknown_command(command, suggestions))
    await point_back(update, context)


async def route_message(update: Update, context: LegContext) -> None:
    """Free text, stickers, photos...: the first topic that wants it answers (an aside then
    points back to a pending question), else a fallback, else the short help."""
    for registered in responders(context.application):
        if await registered.respond(update, context):
            if registered.aside:
                await point_back(update, context)
            return
    for fallback in fallbacks(context.application):
        if await fallback(update, context):
            return
    message = update.effective_message
    if message is None:
        return
    await try_reply(message, texts.short_help() if message.text else texts.non_text_message())


async def stale_callback(update: Update, context: LegContext) -> None:
    """A button no topic recognised (old or forged): stop the spinner and say so."""
    query = update.callback_query
    assert query is not None
    await answer(query, texts.stale_button())


async def on_error(update: object, context: LegContext) -> None:
    """Log the failure (never the token), roll the update back and tell the runner, once.

    Then stop the update: PTB would otherwise go on to the next handler group, so a failed
    runner load (group -1) would run the topic handler without a runner and apologise twice.
    """
    update_failed.set(True)
    await _report_failure(update, context)
    raise ApplicationHandlerStop


async def _report_failure(update: object, context: LegContext) -> None:
    error = context.error
    log.error(
        "handler failed for update %s: %s",
        getattr(update, "update_id", "?"),
        html.escape(type(error).__name__),
        exc_info=error,
    )
    if not isinstance(update, Update) or (isinstance(error, TelegramError) and _is_gone(error)):
        return
    if update.callback_query is not None:
        await answer(
            update.callback_query, shorten(texts.something_broke(), ANSWER_LIMIT), alert=True
        )
    elif update.effective_message is not None:
        await try_reply(update.effective_message, texts.something_broke(), html=False)


def _is_gone(error: TelegramError) -> bool:
    return "blocked" in str(error).lower() or "deactivated" in str(error).lower()
