"""The session on screen: the intro, the live card, a press's redraw, and the summary.

What the runner must press next (the next card, an effort question) is sent first; only when
it went out does the pressed card close, so a failed send leaves a pressable card, and a
press there brings the runner to the stored state (bot/messages.py).
"""

from __future__ import annotations

from dataclasses import replace

from telegram import CallbackQuery, Chat

from bot.context import LegContext
from bot.flows import session as flow
from bot.flows.cards import Card, Closed
from bot.flows.press import Action, PressOutcome, PressResult
from bot.flows.session import Begin, BeginOutcome, Summary
from bot.keyboards import session as keyboards
from bot.keyboards.starts import hold_buttons
from bot.messages import answer, try_edit, try_retire, try_send
from bot.screens.pictures import introduce
from bot.texts import common as common_texts
from bot.texts import session as texts
from bot.texts import starts as start_texts
from bot.texts.limits import split_message
from content.ladder import ChangeKind


async def show_begin(chat: Chat, context: LegContext, begin: Begin) -> None:
    """A new session's intro and first card, or where the session in progress stands, or
    why none starts now (with what the rules still offer). A session a Gentle press ended
    shows its summary first."""
    if begin.ended is not None:
        await show_summary(chat, context, begin.ended)
    if begin.outcome is BeginOutcome.HELD and begin.hold is not None:
        await try_send(
            chat, start_texts.hold_text(begin.hold), hold_buttons(begin.hold), html=False
        )
        return
    if begin.outcome is BeginOutcome.RESUMED:
        await try_send(chat, texts.in_progress(), html=False)
    elif begin.intro is not None:
        await try_send(chat, texts.session_intro(begin.intro))
    if begin.card is not None:
        await send_card(chat, context, begin.card)
    if begin.ask is not None:
        await send_question(chat, context, begin.ask)


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


async def send_question(chat: Chat, context: LegContext, closed: Closed) -> bool:
    """The question how an exercise felt, as a new message (its card is gone or old)."""
    sent = await try_send(chat, texts.closed_card(closed), keyboards.effort(closed))
    if sent is not None and closed.message_id is not None and closed.message_id != sent.message_id:
        await try_edit(
            context.bot, chat.id, closed.message_id, texts.closed_card(_answered(closed))
        )
    return sent is not None


def _answered(closed: Closed) -> Closed:
    return replace(closed, ask_effort=False)


async def close_card(context: LegContext, chat_id: int, closed: Closed) -> None:
    """A card that takes no more sets shows how it ended, or asks how it felt (cosmetic)."""
    if closed.message_id is None:
        return
    markup = keyboards.effort(closed) if closed.ask_effort else None
    await try_edit(context.bot, chat_id, closed.message_id, texts.closed_card(closed), markup)


async def show_summary(chat: Chat, context: LegContext, summary: Summary) -> bool:
    """The summary (in parts if it is long); False when a part did not go out."""
    text = texts.summary(summary, context.library)
    for part in split_message(text):
        if await try_send(chat, part) is None:
            return False
    for closed in summary.unfinished:
        await close_card(context, chat.id, closed)
    return True


def _toast(result: PressResult) -> str | None:
    outcome = result.outcome
    if outcome is PressOutcome.NOT_YOURS:
        return common_texts.not_your_button()
    if outcome in (PressOutcome.MOVED, PressOutcome.REFUSED):
        change = result.change
        up = change is not None and change.kind in (ChangeKind.UP, ChangeKind.AT_TOP)
        return texts.moved_answer(up, outcome is PressOutcome.REFUSED)
    if outcome is PressOutcome.EFFORT:
        return texts.effort_answer(result.effort)
    done = result.action in (Action.DONE, Action.COUNT)
    return texts.press_answer(outcome, result.sets_done, done, result.closed is not None)


async def show_press(
    query: CallbackQuery | None,
    chat: Chat,
    message_id: int | None,
    context: LegContext,
    result: PressResult,
) -> None:
    """Answer a press (or typed input) and bring the chat to the stored state.

    ``message_id`` is the card the press came from, or for typed input the exercise's live
    card: that is the message redrawn.
    """
    if query is not None:
        await answer(query, _toast(result))
    if result.outcome is PressOutcome.NOT_YOURS:
        return
    if result.card is not None and message_id is not None:
        await try_edit(
            context.bot,
            chat.id,
            message_id,
            texts.exercise_card(result.card),
            keyboards.exercise(result.card),
        )
    went_out = True
    if result.next_card is not None:
        went_out = await send_card(chat, context, result.next_card)
    if result.ask is not None:
        went_out = await send_question(chat, context, result.ask)
    if result.summary is not None:
        went_out = await show_summary(chat, context, result.summary) and went_out
    if not went_out:
        return  # the pressed card stays pressable; its next press resumes from the store
    if result.closed is not None:
        closed = result.closed
        if message_id is not None and closed.message_id != message_id:
            # the pressed copy ends like the exercise's own card
            await close_card(context, chat.id, _at(closed, message_id))
            if closed.ask_effort:
                return  # one copy asks; the exercise's own card just ends
        await close_card(context, chat.id, closed)
    elif result.card is None and message_id is not None and result.outcome in _RETIRES:
        await try_retire(context.bot, chat.id, message_id)


def _at(closed: Closed, message_id: int) -> Closed:
    return replace(closed, message_id=message_id)


# Outcomes whose pressed message keeps no buttons when nothing else is drawn on it.
_RETIRES = frozenset({PressOutcome.ELSEWHERE, PressOutcome.UNKNOWN, PressOutcome.ENDED})
