"""Exercise pictures on screen: the captioned photo, the animation, and the first meeting.

A picture is drawn once (``bot.pictures.PictureCache``, in a worker thread: the event loop
never waits on Pillow) and uploaded once per bot (``send_picture`` keeps the file_id). A
picture is never worth more than what it illustrates: when drawing or sending it fails, the
failure is logged and the caller goes on, so a card after it is still sent (the database is
the truth and the card is what the runner presses; ``bot/messages.py``).
"""

from __future__ import annotations

import logging

from telegram import Chat, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot.context import LegContext
from bot.flows import pictures as flow
from bot.flows.cards import Card
from bot.keyboards import howto as keyboards
from bot.pictures import MediaKind, send_picture
from bot.texts import howto as texts

log = logging.getLogger(__name__)


async def try_send_picture(
    chat: Chat,
    context: LegContext,
    exercise_id: str,
    rung_id: str,
    *,
    kind: MediaKind = MediaKind.PHOTO,
    caption: str,
    markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Send one rung's picture (the two-panel photo, or the looping animation) by its stored
    file_id or as a first upload; None (logged) when it could not be drawn or sent."""
    try:
        rendered = await context.services.pictures.for_rung_async(exercise_id, rung_id)
    except (KeyError, OSError):  # a rung with no picture is a bug the tests catch; a full disk
        log.exception("no picture for %s/%s", exercise_id, rung_id)
        return None
    try:
        return await send_picture(
            context.bot,
            context.db,
            chat.id,
            rendered,
            kind,
            caption=caption,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
        )
    except TelegramError as exc:
        log.info("could not send %s %s to chat %s: %s", kind, rendered.key, chat.id, exc)
        return None


async def introduce(chat: Chat, context: LegContext, card: Card) -> None:
    """Before the runner's first card of an exercise ever, its picture: the card that follows
    stays the last message. Every other card costs nothing here, or one indexed read when it
    has never been sent (``bot.flows.pictures.first_meeting``)."""
    if card.item.message_id is not None:
        return  # a card sent before (a redraw or a copy): never a first meeting
    db = context.db if context.db_writing else None
    if not await flow.first_meeting(db, context.services.fast, card.item):
        return
    exercise, rung = card.exercise, card.rung
    caption = texts.picture_caption(exercise, rung, personal=True, first_time=True)
    markup = keyboards.picture(exercise.id, rung.id)
    await try_send_picture(chat, context, exercise.id, rung.id, caption=caption, markup=markup)
