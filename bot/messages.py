"""Talking to Telegram the forgiving way: the database is the truth, messages follow it.

What the runner did is stored and committed whatever Telegram answers. A send, a redraw or a
button removal that fails (a timeout, a 5xx, a 429, a message Telegram no longer shows) is
logged and the update goes on: every press on any card or question is judged against the
stored state and brings the runner back to it (a card that is behind is redrawn, a question
that is not the pending one asks the pending one again), so no button is ever dead. The one
rule for callers: when the send of the next thing to press failed, leave the pressed message
as it is (still pressable) instead of closing it.

Rolling an update back because Telegram failed would be worse: a timeout can come *after*
Telegram delivered the message, and the runner would see a card or summary the database
never recorded.
"""

from __future__ import annotations

import logging

from telegram import Bot, CallbackQuery, Chat, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError

from bot.texts import common as texts

log = logging.getLogger(__name__)


def is_unchanged(error: BadRequest) -> bool:
    return "not modified" in str(error).lower()


def is_gone(error: BadRequest) -> bool:
    """The message cannot be edited any more: deleted, too old, or never existed."""
    text = str(error).lower()
    return any(
        phrase in text
        for phrase in ("message to edit not found", "message can't be edited", "not found")
    )


async def try_send(
    chat: Chat,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    html: bool = True,
) -> Message | None:
    """Send a message; None (logged) when Telegram did not confirm it. A runner who blocked
    the bot is not an error here either: their next /start unblocks them."""
    try:
        return await chat.send_message(
            text, parse_mode=ParseMode.HTML if html else None, reply_markup=markup
        )
    except TelegramError as exc:
        log.info("could not send to chat %s: %s", chat.id, type(exc).__name__)
        return None


async def try_reply(
    message: Message,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    html: bool = True,
) -> Message | None:
    """Reply to a message (quoting it in a group, as Telegram's reply does); None (logged)
    when Telegram did not confirm it. For answers that change nothing (the help, "did you
    mean", a group's pointer to the private chat) this is the whole story: the runner's next
    message works."""
    try:
        return await message.reply_text(
            text, parse_mode=ParseMode.HTML if html else None, reply_markup=markup
        )
    except TelegramError as exc:
        log.info("could not reply in chat %s: %s", message.chat_id, type(exc).__name__)
        return None


async def answer(query: CallbackQuery, text: str | None = None, *, alert: bool = False) -> None:
    """Stop the spinner (and show a toast); a failure only costs the toast."""
    try:
        await query.answer(text[:200] if text else None, show_alert=alert)
    except TelegramError as exc:
        log.info("could not answer a button press: %s", type(exc).__name__)


async def try_edit(
    bot: Bot,
    chat_id: int,
    message_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> bool:
    """A cosmetic edit by message id; False (logged) when Telegram would not do it."""
    try:
        await bot.edit_message_text(
            text,
            chat_id=chat_id,
            message_id=message_id,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
        )
    except BadRequest as exc:
        return is_unchanged(exc)
    except TelegramError as exc:
        log.info("could not edit message %s: %s", message_id, type(exc).__name__)
        return False
    return True


async def try_edit_markup(bot: Bot, message: Message, markup: InlineKeyboardMarkup | None) -> bool:
    """Redraw a message's buttons only (cosmetic); False when Telegram would not."""
    try:
        await bot.edit_message_reply_markup(
            chat_id=message.chat_id, message_id=message.message_id, reply_markup=markup
        )
    except BadRequest as exc:
        return is_unchanged(exc)
    except TelegramError as exc:
        log.info("could not redraw buttons of %s: %s", message.message_id, type(exc).__name__)
        return False
    return True


async def try_retire(bot: Bot, chat_id: int, message_id: int) -> bool:
    """Take the buttons off a message (an old copy of a card or question); False if not."""
    try:
        await bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id)
    except BadRequest as exc:
        return is_unchanged(exc)
    except TelegramError as exc:
        log.info("could not retire message %s: %s", message_id, type(exc).__name__)
        return False
    return True


async def try_markup(
    bot: Bot, chat_id: int, message_id: int, markup: InlineKeyboardMarkup | None
) -> bool:
    """Redraw a message's buttons only (its text stays); False (logged) if not."""
    try:
        await bot.edit_message_reply_markup(
            chat_id=chat_id, message_id=message_id, reply_markup=markup
        )
    except BadRequest as exc:
        return is_unchanged(exc)
    except TelegramError as exc:
        log.info("could not redraw the buttons of message %s: %s", message_id, type(exc).__name__)
        return False
    return True


async def pressed_message(query: CallbackQuery) -> Message | None:
    """The message a button was pressed on, or None (answered) if Telegram no longer shows it.

    Telegram stops including messages older than 48 hours in button presses.
    """
    message = query.message
    if isinstance(message, Message) and message.is_accessible:
        return message
    await answer(query, texts.button_too_old(), alert=True)
    return None
