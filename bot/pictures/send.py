"""Send a rendered picture, uploading its bytes only the first time this bot sends it.

The first send of a picture uploads the file and stores the file_id Telegram returns
(``storage.media``); every later send, to any runner, passes that file_id instead, so a
picture costs one upload per bot. A file_id Telegram refuses (a bot token changed, a file
expired) is forgotten and the picture uploaded again, once.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot, InlineKeyboardMarkup, InputFile, Message
from telegram.error import BadRequest

from bot.pictures.cache import RenderedPicture
from bot.pictures.paint import ANIMATION_SIZE
from storage import media
from storage.media import MediaKind

log = logging.getLogger(__name__)


async def send_picture(
    bot: Bot,
    db: AsyncSession,
    chat_id: int,
    picture: RenderedPicture,
    kind: MediaKind = MediaKind.PHOTO,
    *,
    caption: str | None = None,
    parse_mode: str | None = None,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> Message:
    """Send ``picture`` as a photo (start | end) or an animation; store a first upload's id.

    The caller commits ``db``, as with every repository call; a rolled-back update only
    means the next send uploads again.
    """
    known = await media.get_file_id(db, picture.key, kind)
    if known is not None:
        try:
            return await _send(bot, chat_id, kind, known, caption, parse_mode, reply_markup)
        except BadRequest as exc:
            if "file" not in exc.message.lower():
                raise
            log.warning("Telegram refused the stored %s of %s: %s", kind, picture.key, exc)
            await media.forget_file_id(db, picture.key, kind, known)
    path = picture.photo if kind is MediaKind.PHOTO else picture.animation
    data = await asyncio.to_thread(path.read_bytes)
    upload = InputFile(data, filename=path.name)
    message = await _send(bot, chat_id, kind, upload, caption, parse_mode, reply_markup)
    file_id = _file_id(message, kind)
    if file_id is not None:
        await media.save_file_id(db, picture.key, kind, file_id)
    return message


async def _send(
    bot: Bot,
    chat_id: int,
    kind: MediaKind,
    file: str | InputFile,
    caption: str | None,
    parse_mode: str | None,
    reply_markup: InlineKeyboardMarkup | None,
) -> Message:
    if kind is MediaKind.PHOTO:
        return await bot.send_photo(
            chat_id, file, caption=caption, parse_mode=parse_mode, reply_markup=reply_markup
        )
    width, height = ANIMATION_SIZE
    return await bot.send_animation(
        chat_id,
        file,
        width=width,
        height=height,
        caption=caption,
        parse_mode=parse_mode,
        reply_markup=reply_markup,
    )


def _file_id(message: Message, kind: MediaKind) -> str | None:
    """The id to send this file again by: the largest photo size, or the animation."""
    if kind is MediaKind.PHOTO:
        return message.photo[-1].file_id if message.photo else None
    return message.animation.file_id if message.animation else None
