"""Sending a photo or a document the forgiving way, like ``bot.messages.try_send``.

A chart or an export that Telegram did not take is logged and the update goes on: nothing
was stored on its account, and the runner can simply ask again.
"""

from __future__ import annotations

import logging
from typing import IO

from telegram import Chat, Message
from telegram.constants import ChatAction, ParseMode
from telegram.error import TelegramError

log = logging.getLogger(__name__)


async def try_action(chat: Chat, action: ChatAction) -> None:
    """Show "sending a photo..." while something slow is made; a failure costs nothing."""
    try:
        await chat.send_action(action)
    except TelegramError as exc:
        log.info("could not show a chat action in %s: %s", chat.id, type(exc).__name__)


async def try_send_photo(chat: Chat, photo: bytes, caption: str) -> Message | None:
    """Upload a photo with an HTML caption; None (logged) when Telegram did not confirm it."""
    try:
        return await chat.send_photo(photo, caption=caption, parse_mode=ParseMode.HTML)
    except TelegramError as exc:
        log.info("could not send a photo to chat %s: %s", chat.id, type(exc).__name__)
        return None


async def try_send_document(
    chat: Chat, document: IO[bytes], filename: str, caption: str | None = None
) -> Message | None:
    """Upload a file as a document; None (logged) when Telegram did not confirm it."""
    try:
        return await chat.send_document(
            document, filename=filename, caption=caption, parse_mode=ParseMode.HTML
        )
    except TelegramError as exc:
        log.info("could not send a document to chat %s: %s", chat.id, type(exc).__name__)
        return None
