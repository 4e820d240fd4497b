"""Ask the coach how to do an exercise: /how, /exercises, the buttons and plain questions.

Each answers with the exercise's picture and a short caption (``bot.screens.howto``); the
picture's More and Animation buttons are answered here too. Questions are read, and exercises
named, in the runner's language and English (``context.library``).

Matching what the runner typed is pure (``content.howto`` through ``bot.flows.howto``). Free
text comes here through the responders in ``bot.routing``: safety and answers to a pending
question are asked first, and text that is not about an exercise falls through. A how-to is
an aside: a pending question is pointed back to after it.
"""

from __future__ import annotations

from typing import Any

from telegram import Message, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import unpack
from bot.context import LegContext
from bot.flows import howto as flow
from bot.keyboards import howto as keyboards
from bot.messages import answer, try_reply
from bot.routing import add_responder, point_back
from bot.screens.howto import send_animation, send_howto, send_more
from bot.texts import howto as texts
from content.howto import normalise


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """/how, /exercises, the exercise buttons, and plain questions about an exercise."""
    application.add_handler(CommandHandler("how", how_command))
    application.add_handler(CommandHandler("exercises", exercises_command))
    application.add_handler(CallbackQueryHandler(howto_button, pattern=rf"^{keyboards.TOPIC}:"))
    application.add_handler(
        CallbackQueryHandler(picture_button, pattern=rf"^{keyboards.PICTURE_TOPIC}:")
    )
    add_responder(application, answer_question, aside=True)


async def how_command(update: Update, context: LegContext) -> None:
    """/how <exercise>: the how-to; /how alone: a button per exercise."""
    message = update.effective_message
    assert message is not None
    asked = " ".join(context.args or ())
    if not normalise(asked):
        await try_reply(message, texts.pick_exercise(), keyboards.all_exercises(context.library))
    else:
        await _answer(message, context, asked, explicit=True)
    await point_back(update, context)


async def exercises_command(update: Update, context: LegContext) -> None:
    """/exercises: every exercise as a button."""
    message = update.effective_message
    assert message is not None
    await try_reply(message, texts.exercise_list(), keyboards.all_exercises(context.library))
    await point_back(update, context)


async def howto_button(update: Update, context: LegContext) -> None:
    """A press on an exercise button: the how-to, or a polite no for an old or forged one."""
    query = update.callback_query
    assert query is not None
    fields = unpack(query.data, keyboards.TOPIC, 1)
    chat = update.effective_chat
    if fields is None or fields[0] not in context.library.ids or chat is None:
        await answer(query, texts.stale_button())
        return
    await answer(query)
    await send_howto(chat, context, fields[0])
    await point_back(update, context)


async def picture_button(update: Update, context: LegContext) -> None:
    """More or Animation under a picture; a polite no for an old or forged press."""
    query = update.callback_query
    assert query is not None
    fields = unpack(query.data, keyboards.PICTURE_TOPIC, 2, most=3)
    chat = update.effective_chat
    library = context.library
    if fields is None or fields[1] not in library.ids or chat is None:
        await answer(query, texts.stale_button())
        return
    action, exercise_id, *rest = fields
    if action == keyboards.MORE and not rest:
        await answer(query)
        await send_more(chat, context, exercise_id)
    elif action == keyboards.ANIMATION and rest and library.get(exercise_id).rung(rest[0]):
        await answer(query)
        await send_animation(chat, context, exercise_id, rest[0])
    else:
        await answer(query, texts.stale_button())
        return
    await point_back(update, context)


async def answer_question(update: Update, context: LegContext) -> bool:
    """Free text naming an exercise, or asking how to do one; False leaves it to the help."""
    message = update.effective_message
    if message is None or not message.text:
        return False
    return await _answer(message, context, message.text, explicit=False)


async def _answer(message: Message, context: LegContext, asked: str, *, explicit: bool) -> bool:
    library = context.library
    match = flow.understand(library, asked, explicit=explicit)
    if match is None:
        return False
    if match.exercise_id is not None:
        await send_howto(message.chat, context, match.exercise_id)
    elif match.kind == "ambiguous":
        await try_reply(
            message, texts.did_you_mean(asked), keyboards.candidates(library, match.candidates)
        )
    else:
        await try_reply(message, texts.unknown_exercise(asked), keyboards.all_exercises(library))
    return True
