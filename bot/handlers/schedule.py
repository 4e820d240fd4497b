"""Leg days: /next, /pause, /resume, /race, and the leg-day message's buttons.

Thin: parse the update, call the schedule flow (``bot.flows.schedule``), show the result.
The reminders live in the database and go out through the dispatcher (``bot.dispatch``,
built in ``bot.app``).
"""

from __future__ import annotations

from typing import Any

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import to_int, unpack
from bot.context import LegContext
from bot.flows import schedule as flow
from bot.flows.schedule import DateOutcome, DateResult, LegDayAction, LegDayOutcome
from bot.messages import answer, try_retire, try_send
from bot.screens.session import show_begin
from bot.screens.setup import require_setup
from bot.texts import common as common_texts
from bot.texts import schedule as texts

_ACTIONS = {action.value: action for action in LegDayAction}


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("next", show_next))
    application.add_handler(CommandHandler("pause", pause))
    application.add_handler(CommandHandler("resume", resume))
    application.add_handler(CommandHandler("race", race))
    application.add_handler(CallbackQueryHandler(leg_day_button, pattern=r"^ld:"))


def _argument(context: LegContext) -> str:
    return " ".join(context.args or ()).strip()


async def show_next(update: Update, context: LegContext) -> None:
    """/next: the next three leg days in the runner's time, with the rules behind them."""
    message = update.effective_message
    assert message is not None
    if not await require_setup(message, context):
        return
    view = await flow.next_days(context.db, context.runner, context.services.clock.now())
    context.runner = view.runner
    await try_send(message.chat, texts.next_view(view))


async def pause(update: Update, context: LegContext) -> None:
    """/pause [date]: no reminders until /resume, or through the date."""
    message = update.effective_message
    assert message is not None
    if not await require_setup(message, context):
        return
    result = await flow.pause(
        context.db, context.runner, _argument(context), context.services.clock.now()
    )
    await _reply_date(message, context, result, texts.paused_text)


async def resume(update: Update, context: LegContext) -> None:
    """/resume: reminders back on, and when the next leg day is."""
    message = update.effective_message
    assert message is not None
    if not await require_setup(message, context):
        return
    result = await flow.resume(context.db, context.runner, context.services.clock.now())
    context.runner = result.runner
    text = (
        texts.resumed(result.next_day)
        if result.outcome is DateOutcome.SET
        else texts.not_paused(result.next_day)
    )
    await try_send(message.chat, text)


async def race(update: Update, context: LegContext) -> None:
    """/race DATE: a goal race; /race off clears it; /race alone says how."""
    message = update.effective_message
    assert message is not None
    if not await require_setup(message, context):
        return
    result = await flow.race(
        context.db, context.runner, _argument(context), context.services.clock.now()
    )
    await _reply_date(message, context, result, texts.race_text)


async def _reply_date(
    message: Message, context: LegContext, result: DateResult, render: Any
) -> None:
    context.runner = result.runner
    # forgiving: the change is stored whatever Telegram answers (bot/messages.py)
    await try_send(message.chat, render(result))


async def leg_day_button(update: Update, context: LegContext) -> None:
    """A press on a leg-day message: Start, Snooze 1 h, Skip today or Move to tomorrow."""
    query = update.callback_query
    assert query is not None
    fields = unpack(query.data, "ld", 2)
    reminder_id = to_int(fields[0]) if fields else None
    action = _ACTIONS.get(fields[1]) if fields else None
    message = query.message if isinstance(query.message, Message) else None
    if reminder_id is None or action is None or message is None:
        await answer(query, texts.stale())
        return
    now = context.services.clock.now()
    result = await flow.leg_day_press(
        context.db, context.services.library, context.runner, reminder_id, action, now
    )
    outcome = result.outcome
    if outcome is LegDayOutcome.NOT_YOURS:
        await answer(query, common_texts.not_your_button())
        return
    if outcome in (
        LegDayOutcome.MOVE_REFUSED,
        LegDayOutcome.TOO_LATE,
        LegDayOutcome.SNOOZE_TOO_LATE,
    ):
        refusal = texts.refusal(result)
        await answer(query, refusal, alert=True)
        return
    if outcome is LegDayOutcome.STALE:
        await answer(query, texts.stale())
        return
    if outcome is LegDayOutcome.HELD and result.begin is not None:
        await answer(query)  # the leg-day message keeps its buttons: Start works again
        await show_begin(message.chat, context, result.begin)
        return
    await answer(query, texts.leg_day_answer(result))
    await try_retire(context.bot, message.chat_id, message.message_id)
    if outcome is LegDayOutcome.STARTED and result.begin is not None:
        await show_begin(message.chat, context, result.begin)
        return
    follow_up = texts.leg_day_follow_up(result)
    if follow_up:
        await try_send(message.chat, follow_up)
