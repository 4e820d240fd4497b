"""Talking to Telegram the forgiving way: cosmetic calls that may fail without harm.

A card redraw or a button removal that fails (a timeout, a 5xx, a 429, a message Telegram no
longer shows) is not worth failing the runner's update for: everything is stored, and the
next press on any card brings the runner back to the stored state. Sends that carry the next
thing to press are not cosmetic: their failures propagate and the update is rolled back.
"""

from __future__ import annotations

import logging

from telegram import Bot, CallbackQuery, InlineKeyboardMarkup, Message
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


async def answer(query: CallbackQuery, text: str | None = None, *, alert: bool = False) -> None:
    """Stop the spinner (and show a toast); a failure only costs the toast."""
    try:
        await query.answer(text[:200] if text else None, show_alert=alert)
    except TelegramError as exc:
        log.info("could not answer a button press: %s", type(exc).__name__)


async def edit(message: Message, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit text and buttons; "message is not modified" (a double tap) is not an error."""
    try:
        await message.edit_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as exc:
        if not is_unchanged(exc):
            raise


async def edit_markup(message: Message, markup: InlineKeyboardMarkup | None) -> None:
    try:
        await message.edit_reply_markup(reply_markup=markup)
    except BadRequest as exc:
        if not is_unchanged(exc):
            raise


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


async def pressed_message(query: CallbackQuery) -> Message | None:
    """The message a button was pressed on, or None (answered) if Telegram no longer shows it.

    Telegram stops including messages older than 48 hours in button presses.
    """
    message = query.message
    if isinstance(message, Message) and message.is_accessible:
        return message
    await answer(query, texts.button_too_old(), alert=True)
    return None
