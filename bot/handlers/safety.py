"""A runner mentions pain: safety first, never a diagnosis; what hurts is remembered and
spared, a session it interrupts ends (a gentle one offered in its place), and the leg-day
question's Better / Same / Worse are answered here.

Thin: parse the update, call ``bot.flows.safety``, show the result.
"""

from __future__ import annotations

from typing import Any

from telegram import CallbackQuery, Chat, Message, Update
from telegram.ext import Application, CallbackQueryHandler

from bot.callbacks import to_int, unpack
from bot.context import LegContext
from bot.flows import safety as flow
from bot.flows import schedule as schedule_flow
from bot.flows.safety import PainHeard, PainPress
from bot.keyboards import safety as keyboards
from bot.keyboards import schedule as schedule_keyboards
from bot.messages import answer, pressed_message, try_markup, try_send
from bot.routing import add_responder
from bot.screens.session import show_summary
from bot.texts import common as common_texts
from bot.texts import safety as texts
from content.model import Area
from content.pain import PainAnswer, PainVerdict

_AREAS = {area.value: area for area in Area}
_ANSWERS = {said.value: said for said in PainAnswer}


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    add_responder(application, answer_pain, aside=True)
    add_responder(application, answer_typed, aside=True)
    application.add_handler(CallbackQueryHandler(pain_button, pattern=rf"^{keyboards.TOPIC}:"))


async def answer_pain(update: Update, context: LegContext) -> bool:
    """Free text about pain or injury: stop-and-see-someone advice, what is remembered and
    spared, and a gentle session (in place of the one it interrupted, if any)."""
    message = update.effective_message
    if message is None or not message.text:
        return False
    services = context.services
    heard = await flow.hear(
        context.db, services.library, context.runner, message.text, services.clock.now()
    )
    if heard is None:
        return False
    await _show_heard(message, context, heard)
    return True


async def answer_typed(update: Update, context: LegContext) -> bool:
    """ "Better", "knee: same", "my hip is worse": the pain question answered by typing."""
    message = update.effective_message
    if message is None or not message.text:
        return False
    result = await flow.answer_typed(
        context.db, context.runner, message.text, context.services.clock.now()
    )
    if result is None:
        return False
    if isinstance(result, tuple):
        await try_send(message.chat, texts.which_area(result), html=False)
        return True
    reply = texts.pain_reply(result) or texts.pain_toast(result)
    pause = keyboards.pause() if result.verdict is PainVerdict.STOP_AND_SEE else None
    await try_send(message.chat, reply or "", pause, html=False)
    return True


async def _show_heard(message: Message, context: LegContext, heard: PainHeard) -> None:
    library = context.services.library
    if heard.ask_where:
        markup = keyboards.where()
    elif heard.offer_gentle and heard.stopped is None:
        markup = keyboards.gentle_session()
    else:
        markup = None
    await try_send(message.chat, texts.pain_advice(heard, library), markup, html=False)
    if heard.stopped is not None:
        await show_summary(message.chat, context, heard.stopped)
        if heard.replaces is not None:
            await try_send(
                message.chat,
                texts.gentle_instead(heard, library),
                keyboards.gentle_instead(heard.replaces),
                html=False,
            )


async def pain_button(update: Update, context: LegContext) -> None:
    """Where it hurts; Better / Same / Worse on a leg-day message; Pause after a Worse."""
    query = update.callback_query
    assert query is not None
    message = await pressed_message(query)
    if message is None:
        return
    now = context.services.clock.now()
    if query.data == f"{keyboards.TOPIC}:pause":
        await answer(query)
        result = await schedule_flow.pause(context.db, context.runner, "", now)
        context.runner = result.runner
        await try_send(message.chat, texts.paused_for_pain(), html=False)
        return
    picked = unpack(query.data, keyboards.TOPIC, 2)
    if picked is not None and picked[0] == "at" and picked[1] in _AREAS:
        await answer(query)
        heard = await flow.pick_area(
            context.db, context.services.library, context.runner, _AREAS[picked[1]], now
        )
        markup = keyboards.gentle_session() if heard.offer_gentle else None
        await try_send(
            message.chat, texts.area_picked(heard, context.services.library), markup, html=False
        )
        return
    await _answer_question(query, message.chat, message.message_id, context)


async def _answer_question(
    query: CallbackQuery, chat: Chat, message_id: int, context: LegContext
) -> None:
    fields = unpack(query.data, keyboards.TOPIC, 3)
    reminder_id = to_int(fields[0]) if fields else None
    area = _AREAS.get(fields[1]) if fields else None
    said = _ANSWERS.get(fields[2]) if fields else None
    if reminder_id is None or area is None or said is None:
        await answer(query, texts.pain_toast(flow.PainAnswered(PainPress.STALE, Area.OTHER)))
        return
    result = await flow.answer(
        context.db, context.runner, reminder_id, area, said, context.services.clock.now()
    )
    if result.outcome is PainPress.NOT_YOURS:
        await answer(query, common_texts.not_your_button())
        return
    await answer(query, texts.pain_toast(result))
    if result.outcome is PainPress.STALE:
        return
    # the answered area's row goes; the leg-day buttons stay while they still work
    markup = (
        schedule_keyboards.leg_day(
            reminder_id,
            can_move=result.can_move,
            ask=[item.area for item in result.remaining],
            named=True,  # rows are left only of a message that asked about several
        )
        if result.answerable
        else None
    )
    await try_markup(context.bot, chat.id, message_id, markup)
    reply = texts.pain_reply(result)
    if reply is not None:
        pause = keyboards.pause() if result.verdict is PainVerdict.STOP_AND_SEE else None
        await try_send(chat, reply, pause, html=False)
