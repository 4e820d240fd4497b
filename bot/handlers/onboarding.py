"""/start and the answers to the set-up questions (the same questions serve /settings).

Thin: parse the update, call a flow (``bot.flows.setup``, ``bot.flows.answers``,
``bot.flows.typed``), show the result (``bot.screens.setup``). Typed text is offered twice:
as an answer before the how-to topic, and as a wrong answer (with a hint) after every topic
had its turn; after an aside the pending question is pointed back to.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import unpack
from bot.context import LegContext
from bot.flows import answers, setup, typed
from bot.flows.answers import Outcome
from bot.flows.setup import StartOutcome
from bot.keyboards import onboarding as keyboards
from bot.messages import answer, pressed_message, try_retire, try_send
from bot.routing import add_fallback, add_pointer, add_responder
from bot.screens.profile import show_plan
from bot.screens.setup import ask, point_back, show_answer
from bot.texts import onboarding as texts


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CallbackQueryHandler(answer_button, pattern=r"^ob:"))
    add_responder(application, answer_message)
    add_fallback(application, hint_message)
    add_pointer(application, point_to_question)


async def start(update: Update, context: LegContext) -> None:
    """/start: begin onboarding, resume it, or show the plan to a runner already set up."""
    message = update.effective_message
    assert message is not None
    result = await setup.start(context.db, context.runner, context.services.clock.now())
    context.runner = result.runner
    if result.retire is not None:
        await try_retire(context.bot, message.chat_id, result.retire)
    if result.outcome is StartOutcome.PLAN:
        await show_plan(message.chat, context)
        return
    # Forgiving sends: the start is stored whatever Telegram answers (bot/messages.py), and
    # the question after the welcome is what the runner needs to go on.
    if result.outcome is StartOutcome.RESUME:
        await try_send(message.chat, texts.resume(), html=False)
    else:
        await try_send(message.chat, texts.welcome(result.runner.first_name))
    assert result.question is not None
    await ask(message.chat, context, result.question)


async def answer_button(update: Update, context: LegContext) -> None:
    """A press on a set-up question: store the answer, then redraw or move on."""
    query = update.callback_query
    assert query is not None
    message = await pressed_message(query)
    if message is None:
        return
    fields = unpack(query.data, "ob", 2, most=3)
    if fields is None:
        await answer(query, texts.earlier_question())
        return
    result = await answers.press(
        context.db,
        context.runner,
        fields[0],
        fields[1:],
        message.message_id,
        context.services.clock.now(),
    )
    if result.outcome is Outcome.EARLIER:
        onboarded = result.runner.onboarded
        await answer(query, texts.earlier_question(onboarded), alert=onboarded)
    else:
        await answer(query)
    await show_answer(message.chat, context, result, message)


async def answer_message(update: Update, context: LegContext) -> bool:
    """Typed answers to the pending question: a label or usual word for a button, ticks
    as a list, a time, a place, a yes or no."""
    message = update.effective_message
    if message is None or not context.has_runner:
        return False
    result = await typed.understood(
        context.db,
        context.runner,
        message.text,
        context.services.clock.now(),
        keyboards.options,
    )
    if result is None:
        return False
    await show_answer(message.chat, context, result, None)
    return True


async def hint_message(update: Update, context: LegContext) -> bool:
    """Anything else while a question is pending: how to answer it, in one line."""
    message = update.effective_message
    if message is None or not context.has_runner:
        return False
    result = await typed.otherwise(context.runner, message.text, context.services.clock.now())
    if result is None:
        return False
    await show_answer(message.chat, context, result, None)
    return True


async def point_to_question(update: Update, context: LegContext) -> None:
    """After an aside: one line back to the pending question, with its buttons."""
    chat = update.effective_chat
    if chat is not None:
        await point_back(chat, context)
