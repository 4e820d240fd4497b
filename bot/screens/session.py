"""The session on screen: the intro, the live card, a press's redraw, and the summary.

What the runner must press next (the next card) is sent first; only when it went out does
the pressed card close, so a failed send leaves a pressable card, and a press there brings
the runner to the stored state (bot/messages.py).
"""

from __future__ import annotations

from telegram import CallbackQuery, Chat, Message

from bot.context import LegContext
from bot.flows import session as flow
from bot.flows.cards import Card, Closed
from bot.flows.session import Begin, BeginOutcome, PressOutcome, PressResult, Summary
from bot.keyboards import session as keyboards
from bot.messages import answer, try_edit, try_retire, try_send
from bot.screens.pictures import introduce
from bot.texts import common as common_texts
from bot.texts import session as texts
from bot.texts.limits import split_message
from content.ladder import ChangeKind


async def show_begin(chat: Chat, context: LegContext, begin: Begin) -> None:
    """A new session's intro and first card, or the card of the session in progress."""
    if begin.outcome is BeginOutcome.RESUMED:
        await try_send(chat, texts.in_progress(), html=False)
    elif begin.intro is not None:
        await try_send(chat, texts.session_intro(begin.intro))
    if begin.card is not None:
        await send_card(chat, context, begin.card)


async def send_card(chat: Chat, context: LegContext, card: Card) -> bool:
    """Send a card as the exercise's live card; an older copy loses its buttons. False
    when Telegram did not confirm the send. The runner's first card of an exercise ever
    follows that exercise's picture (``bot.screens.pictures.introduce``)."""
    await introduce(chat, context, card)
    sent = await try_send(chat, texts.exercise_card(card), keyboards.exercise(card))
    if sent is None:
        return False
    old = card.item.message_id
    db = context.db if context.db_writing else None
    await flow.card_shown(db, context.services.fast, card.item.id, sent.message_id)
    if old is not None and old != sent.message_id:
        await try_retire(context.bot, chat.id, old)
    return True


async def close_card(context: LegContext, chat_id: int, closed: Closed) -> None:
    """A card that takes no more presses shows how it ended (cosmetic)."""
    if closed.message_id is not None:
        await try_edit(context.bot, chat_id, closed.message_id, texts.closed_card(closed))


async def show_summary(chat: Chat, context: LegContext, summary: Summary) -> bool:
    """The summary (in parts if it is long); False when a part did not go out."""
    text = texts.summary(summary, context.services.library)
    for part in split_message(text):
        if await try_send(chat, part) is None:
            return False
    for closed in summary.unfinished:
        await close_card(context, chat.id, closed)
    return True


async def show_press(
    query: CallbackQuery, message: Message, context: LegContext, result: PressResult
) -> None:
    """Answer a press and bring the chat to the stored state."""
    outcome, chat = result.outcome, message.chat
    if outcome is PressOutcome.NOT_YOURS:
        await answer(query, common_texts.not_your_button())
        return
    if outcome in (PressOutcome.MOVED, PressOutcome.REFUSED):
        up = result.change is not None and result.change.kind in (ChangeKind.UP, ChangeKind.AT_TOP)
        await answer(query, texts.moved_answer(up, outcome is PressOutcome.REFUSED))
    else:
        done = result.action is flow.Action.DONE
        toast = texts.press_answer(outcome, result.sets_done, done, result.closed is not None)
        await answer(query, toast)
    if result.card is not None:
        await try_edit(
            context.bot,
            chat.id,
            message.message_id,
            texts.exercise_card(result.card),
            keyboards.exercise(result.card),
        )
    went_out = True
    if result.next_card is not None:
        went_out = await send_card(chat, context, result.next_card)
    if result.summary is not None:
        went_out = await show_summary(chat, context, result.summary)
    if not went_out:
        return  # the pressed card stays pressable; its next press resumes from the store
    if result.closed is not None:
        if result.closed.message_id != message.message_id:
            # the pressed copy ends like the exercise's own card
            last_words = texts.closed_card(result.closed)
            await try_edit(context.bot, chat.id, message.message_id, last_words)
        await close_card(context, chat.id, result.closed)
    elif result.card is None and outcome in _RETIRES_PRESSED:
        await try_retire(context.bot, chat.id, message.message_id)


# Outcomes whose pressed message keeps no buttons when nothing else is drawn on it.
_RETIRES_PRESSED = frozenset({PressOutcome.ELSEWHERE, PressOutcome.UNKNOWN, PressOutcome.ENDED})
