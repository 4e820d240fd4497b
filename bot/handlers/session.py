"""Leg sessions: /workout, /stop, the start buttons and the exercise card's buttons.

Thin: parse the press, call the session flow (``bot.flows.session``), show the result
(``bot.screens.session``). Done presses take the one-statement fast path first.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import to_int, unpack
from bot.context import LegContext
from bot.flows import session as flow
from bot.flows.session import Action, PressOutcome, PressResult
from bot.keyboards.session import TOPIC
from bot.messages import answer, pressed_message
from bot.routing import add_light_callback, ensure_runner
from bot.screens.howto import send_howto
from bot.screens.session import show_begin, show_press, show_summary
from bot.screens.setup import require_setup
from bot.texts import session as texts
from content.safety import AREAS

_ACTIONS = {action.value: action for action in Action}


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("workout", workout))
    application.add_handler(CommandHandler("stop", stop))
    application.add_handler(CallbackQueryHandler(start_button, pattern=r"^go:"))
    application.add_handler(CallbackQueryHandler(exercise_button, pattern=rf"^{TOPIC}:"))
    # Done, Harder, Easier and Skip check ownership in their own statements: the runner is
    # loaded only when a press needs the full view.
    light = "".join((Action.DONE, Action.HARDER, Action.EASIER, Action.SKIP))
    add_light_callback(application, rf"^{TOPIC}:\d+:[{light}]:")


async def workout(update: Update, context: LegContext) -> None:
    """/workout: start a leg session now (or show the one in progress)."""
    message = update.effective_message
    assert message is not None
    if not await require_setup(message, context):
        return
    begin = await flow.begin(
        context.db, context.services.library, context.runner, context.services.clock.now()
    )
    await show_begin(message.chat, context, begin)


async def start_button(update: Update, context: LegContext) -> None:
    """Start a session now (plan card), or a gentle one (after a pain report)."""
    query = update.callback_query
    assert query is not None
    message = await pressed_message(query)
    if message is None:
        return
    await answer(query)
    gentle = unpack(query.data, "go", 2)
    area = gentle[1] if gentle and gentle[0] == "gentle" and gentle[1] in AREAS else None
    if not await require_setup(message, context):
        return
    begin = await flow.begin(
        context.db,
        context.services.library,
        context.runner,
        context.services.clock.now(),
        sore_area=area,
    )
    await show_begin(message.chat, context, begin)


async def exercise_button(update: Update, context: LegContext) -> None:
    """A press on an exercise card, judged against the stored session."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    fields = unpack(query.data, TOPIC, 3)
    item_id = to_int(fields[0]) if fields else None
    action = _ACTIONS.get(fields[1]) if fields else None
    if fields is None or item_id is None or action is None:
        await answer(query, texts.session_over())
        return
    token = fields[2]
    message = await pressed_message(query)
    if message is None:
        return
    services, now = context.services, context.services.clock.now()
    if action is Action.DONE and (expected := to_int(token)) is not None:
        # The hot path: one atomic statement, no runner load (storage.sessions.log_set).
        logged = await flow.log_set_fast(
            services.fast, item_id, update.effective_user.id, expected, now
        )
        if logged is not None:
            item, total = logged
            result = flow.after_logged(services.library, item, total)
            if result is None:  # the last set: close the exercise and move on
                result = await flow.complete_fast(services.fast, services.library, item, total)
            if result is None:  # the session's last exercise: the end needs the full view
                await ensure_runner(update, context)
                result = await flow.complete_logged(
                    context.db, services.library, context.runner, item, message.message_id, now
                )
                result = _with_sets(result, item.sets_done)
            await show_press(query, message, context, result)
            return
    fast = await flow.press_fast(
        services.fast, services.library, update.effective_user.id, item_id, action, token, now
    )
    if fast is not None:
        await show_press(query, message, context, fast)
        return
    await ensure_runner(update, context)
    result = await flow.press(
        context.db,
        services.library,
        context.runner,
        item_id,
        action,
        token,
        message.message_id,
        now,
    )
    await show_press(query, message, context, result)
    if result.outcome is PressOutcome.HOW and result.exercise_id is not None:
        await send_howto(message.chat, context, result.exercise_id)


def _with_sets(result: PressResult, sets_done: int) -> PressResult:
    return replace(result, sets_done=sets_done)


async def stop(update: Update, context: LegContext) -> None:
    """/stop: end the current session early, keeping what was logged."""
    message = update.effective_message
    assert message is not None
    summary = await flow.stop(
        context.db, context.services.library, context.runner, context.services.clock.now()
    )
    if summary is None:
        await message.reply_text(texts.no_session(), parse_mode=ParseMode.HTML)
        return
    await show_summary(message.chat, context, summary)
