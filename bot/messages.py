"""Small helpers for editing messages the way Telegram wants."""

from __future__ import annotations

from telegram import CallbackQuery, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest


def _unchanged(error: BadRequest) -> bool:
    return "not modified" in str(error).lower()


async def edit(message: Message, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Edit text and buttons; "message is not modified" (a double tap) is not an error."""
    try:
        await message.edit_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    except BadRequest as exc:
        if not _unchanged(exc):
            raise


async def edit_markup(message: Message, markup: InlineKeyboardMarkup | None) -> None:
    try:
        await message.edit_reply_markup(reply_markup=markup)
    except BadRequest as exc:
        if not _unchanged(exc):
            raise


async def pressed_message(query: CallbackQuery) -> Message | None:
    """The message a button was pressed on, or None (answered) if Telegram no longer shows it.

    Telegram stops including messages older than 48 hours in button presses.
    """
    message = query.message
    if isinstance(message, Message) and message.is_accessible:
        return message
    await query.answer("That button is too old. Send /start to carry on.", show_alert=True)
    return None
