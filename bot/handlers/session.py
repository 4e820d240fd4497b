"""Leg sessions: /workout, /stop, the start buttons, the card's buttons, words typed on a
card, and the rest timer.

Thin: parse the update, call the session flows (``bot.flows.session``, ``bot.flows.press``),
show the result (``bot.screens.session``). Presses try the fast path first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import to_int, unpack
from bot.context import LegContext
from bot.flows import press as presses
from bot.flows import resolve, session_words
from bot.flows import session as flow
from bot.flows.press import Action, PressOutcome, PressResult
from bot.i18n import current_language, speaking, use_language
from bot.keyboards import session as keyboards
from bot.keyboards.session import TOPIC
from bot.keyboards.starts import CONFIRM
from bot.messages import answer, pressed_message, try_edit, try_reply
from bot.routing import add_light_callback, add_responder, ensure_runner
from bot.screens.howto import send_howto
from bot.screens.session import show_begin, show_press, show_summary
from bot.screens.setup import require_setup
from bot.texts import session as texts
from content.model import Area

_ACTIONS = {action.value: action for action in Action}
_AREAS = {area.value: area for area in Area}
REST_JOB = "legcoach.rest"


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("workout", workout))
    application.add_handler(CommandHandler("stop", stop))
    application.add_handler(CallbackQueryHandler(start_button, pattern=r"^go:"))
    application.add_handler(CallbackQueryHandler(exercise_button, pattern=rf"^{TOPIC}:"))
    # Every card button but How? checks ownership in its own statement: the runner is loaded
    # only when a press needs the full view.
    light = "".join(action.value for action in Action if action is not Action.HOW)
    add_light_callback(application, rf"^{TOPIC}:\d+:[{light}]:")
    add_responder(application, answer_typed)


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
    """Start a session now (plan card), a gentle one (after a pain report, in place of the
    session it ended), the light one (race taper, recovery), or one the spacing rule held
    because the runner insists (``go:<kind>:ok``)."""
    query = update.callback_query
    assert query is not None
    message = await pressed_message(query)
    if message is None:
        return
    await answer(query)
    if not await require_setup(message, context):
        return
    options = start_options(query.data)
    begin = await flow.begin(
        context.db,
        context.services.library,
        context.runner,
        context.services.clock.now(),
        **options,
    )
    await show_begin(message.chat, context, begin)


def start_options(data: str | None) -> dict[str, Any]:
    """``go:now``, ``go:now:ok``, ``go:light``, ``go:light:ok``, ``go:gentle``,
    ``go:gentle:<session id>`` and, from older messages, ``go:gentle:<area>``; anything
    else is a plain start (the gate judges it against what is stored)."""
    fields = unpack(data, "go", 1, 2) or ("now",)
    kind, extra = fields[0], fields[1] if len(fields) > 1 else None
    if kind == "light":
        return {"light": True, "confirmed": extra == CONFIRM}
    if kind == "gentle":
        session_id = to_int(extra) if extra is not None else None
        if session_id is not None:
            return {"replaces": session_id}
        if extra in _AREAS:
            return {"gentle": True, "also_spare": frozenset({_AREAS[extra]})}
        return {"gentle": True}
    return {"confirmed": kind == "now" and extra == CONFIRM}


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
    user_id = update.effective_user.id
    result = await presses.press_fast(
        services.fast, services.library, user_id, item_id, action, token, now
    )
    if result is None:
        await ensure_runner(update, context)
        result = await resolve.press(
            context.db,
            services.library,
            context.runner,
            item_id,
            action,
            token,
            message.message_id,
            now,
        )
    await _show(context, update, result, message.message_id, action)


async def answer_typed(update: Update, context: LegContext) -> bool:
    """Words typed while an exercise is current: "done", "skip", "harder", a weight..."""
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None or not message.text:
        return False
    services = context.services
    typed = await session_words.typed(
        services.fast, services.library, user.id, message.text, services.clock.now()
    )
    if typed is None:
        return False
    result = typed.result
    if typed.full is not None:
        item_id, action, token = typed.full
        await ensure_runner(update, context)
        result = await resolve.press(
            context.db,
            services.library,
            context.runner,
            item_id,
            action,
            token,
            typed.message_id or 0,
            services.clock.now(),
        )
    if result is None:
        return False
    if result.language is not None:
        use_language(result.language)  # the fast path read the runner's stored language
    if result.outcome is PressOutcome.UNSURE:
        await try_reply(message, texts.which_button(typed.unsure), html=False)
        return True
    await _show(context, update, result, typed.message_id, result.action)
    return True


async def _show(
    context: LegContext,
    update: Update,
    result: PressResult,
    message_id: int | None,
    action: Action | None,
) -> None:
    chat = update.effective_chat
    assert chat is not None
    if result.action is None and action is not None:
        result = replace(result, action=action)
    if result.language is not None:
        use_language(result.language)  # the fast path read the runner's stored language
    await show_press(update.callback_query, chat, message_id, context, result)
    if result.outcome is PressOutcome.HOW and result.exercise_id is not None:
        await ensure_runner(update, context)
        await send_howto(chat, context, result.exercise_id)
    if result.rest and result.card is not None and message_id is not None:
        _time_rest(context, chat.id, update, result, message_id)


@dataclass(slots=True)
class RestTimer:
    """What the rest timer checks when it fires: the set that is next, on which card; and
    whether it fired already (one edit per rest, however often it is run)."""

    chat_id: int
    telegram_user_id: int
    item_id: int
    sets_done: int
    message_id: int
    fired: bool = False
    # the language of the update that started the rest: the job runs outside any update
    language: str = "en"


def _time_rest(
    context: LegContext, chat_id: int, update: Update, result: PressResult, message_id: int
) -> None:
    """Edit the card once when the rest is over (JobQueue; nothing stored: after a restart
    the card simply keeps saying how long to rest)."""
    queue = context.job_queue
    user = update.effective_user
    if queue is None or user is None or result.card is None:
        return
    name = f"{REST_JOB}:{chat_id}"
    for old in queue.get_jobs_by_name(name):
        old.schedule_removal()
    item = result.card.item
    timer = RestTimer(
        chat_id,
        user.id,
        item.id,
        item.sets_done,
        message_id,
        language=current_language().value,
    )
    queue.run_once(rest_over, when=result.rest, data=timer, name=name, chat_id=chat_id)  # type: ignore[arg-type]


async def rest_over(context: LegContext) -> None:
    """The rest is over: the card says "Go", unless anything happened meanwhile."""
    job = context.job
    timer = job.data if job is not None else None
    if not isinstance(timer, RestTimer) or timer.fired:
        return
    timer.fired = True
    services = context.services
    card = await presses.rest_over(
        services.fast,
        services.library,
        timer.telegram_user_id,
        timer.item_id,
        timer.sets_done,
        timer.message_id,
    )
    if card is None:
        return
    with speaking(timer.language):
        text, markup = texts.exercise_card(card), keyboards.exercise(card)
    await try_edit(context.bot, timer.chat_id, timer.message_id, text, markup)


async def stop(update: Update, context: LegContext) -> None:
    """/stop: end the current session early, keeping what was logged."""
    message = update.effective_message
    assert message is not None
    summary = await flow.stop(
        context.db, context.services.library, context.runner, context.services.clock.now()
    )
    if summary is None:
        await try_reply(message, texts.no_session())
        return
    await show_summary(message.chat, context, summary)
