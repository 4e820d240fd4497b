"""Ask the coach how to do an exercise: /how, /exercises, the buttons and plain questions.

Matching what the runner typed is pure (``content.howto``); this module only looks up where
the runner stands on the exercise's ladder and sends the answer. Free text comes here through
the responders in ``bot.handlers.common``: onboarding and safety are asked first (onboarding
claims answers to its questions; from a set-up runner only real answers), and text that is not
about an exercise falls through to the short help.
"""

from __future__ import annotations

from typing import Any

from telegram import Chat, Message, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import unpack
from bot.context import LegContext
from bot.handlers.common import add_responder
from bot.keyboards import howto as keyboards
from bot.texts import howto as texts
from content.howto import looks_like_exercise_question, match_exercise, normalise
from content.ladder import harder_hint, starting_rung, step_up, usable_rung
from content.model import Equipment, Exercise, Level, Rung
from storage import progressions

# Longer messages are not questions about an exercise (and are not worth matching).
MAX_QUESTION_LENGTH = 200


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """/how, /exercises, the exercise buttons, and plain questions about an exercise."""
    application.add_handler(CommandHandler("how", how_command))
    application.add_handler(CommandHandler("exercises", exercises_command))
    application.add_handler(CallbackQueryHandler(howto_button, pattern=r"^how:"))
    add_responder(application, answer_question)


async def how_command(update: Update, context: LegContext) -> None:
    """/how <exercise>: the how-to; /how alone: a button per exercise."""
    message = update.effective_message
    assert message is not None
    asked = " ".join(context.args or ())
    if not normalise(asked):
        await message.reply_text(
            texts.pick_exercise(),
            parse_mode=ParseMode.HTML,
            reply_markup=keyboards.all_exercises(context.services.library),
        )
        return
    await _answer(message, context, asked, explicit=True)


async def exercises_command(update: Update, context: LegContext) -> None:
    """/exercises: every exercise as a button."""
    message = update.effective_message
    assert message is not None
    await message.reply_text(
        texts.exercise_list(),
        parse_mode=ParseMode.HTML,
        reply_markup=keyboards.all_exercises(context.services.library),
    )


async def howto_button(update: Update, context: LegContext) -> None:
    """A press on an exercise button: the how-to, or a polite no for an old or forged one."""
    query = update.callback_query
    assert query is not None
    fields = unpack(query.data, keyboards.TOPIC, 1)
    chat = update.effective_chat
    if fields is None or fields[0] not in context.services.library.ids or chat is None:
        await query.answer(texts.stale_button())
        return
    await query.answer()
    await send_howto(chat, context, fields[0])


async def answer_question(update: Update, context: LegContext) -> bool:
    """Free text naming an exercise, or asking how to do one; False leaves it to the help."""
    message = update.effective_message
    if message is None or not message.text or len(message.text) > MAX_QUESTION_LENGTH:
        return False
    return await _answer(message, context, message.text, explicit=False)


async def _answer(message: Message, context: LegContext, asked: str, *, explicit: bool) -> bool:
    """Answer what ``asked`` names. ``explicit`` (/how) always answers, even "unknown"."""
    library = context.services.library
    match = match_exercise(asked, library)
    if match.exercise_id is not None:
        await send_howto(message.chat, context, match.exercise_id)
        return True
    if match.kind == "ambiguous":
        await message.reply_text(
            texts.did_you_mean(asked),
            parse_mode=ParseMode.HTML,
            reply_markup=keyboards.candidates(library, match.candidates),
        )
        return True
    if not explicit and not looks_like_exercise_question(asked):
        return False
    await message.reply_text(
        texts.unknown_exercise(asked),
        parse_mode=ParseMode.HTML,
        reply_markup=keyboards.all_exercises(library),
    )
    return True


async def send_howto(chat: Chat, context: LegContext, exercise_id: str) -> None:
    """The how-to card for one exercise, with the runner's own rung once they are set up.

    Also the answer to the How? button of a session.
    """
    library = context.services.library
    if exercise_id not in library.ids:
        await chat.send_message(
            texts.unknown_exercise(),
            parse_mode=ParseMode.HTML,
            reply_markup=keyboards.all_exercises(library),
        )
        return
    exercise = library.get(exercise_id)
    personal = context.has_runner and context.runner.onboarded
    current = await _current_rung(context, exercise) if personal else None
    equipment: frozenset[Equipment] = frozenset()
    if current is None:
        # not set up yet: show where a beginner with no kit starts
        personal = False
        current = starting_rung(exercise, Level.BEGINNER, equipment)
    else:
        equipment = context.runner.equipment
    following = step_up(exercise, current.id, equipment)
    hint = None if following is not None else harder_hint(exercise, current, equipment)
    await chat.send_message(
        texts.howto_text(exercise, current, following, hint, personal=personal),
        parse_mode=ParseMode.HTML,
    )


async def _current_rung(context: LegContext, exercise: Exercise) -> Rung | None:
    """Where the runner stands: their stored progression, else where they would start."""
    runner = context.runner
    if runner.level is None:
        return None
    state = await progressions.get_state(context.db, runner.id, exercise.id)
    if state is not None and exercise.rung(state.rung_id) is not None:
        # a rung whose kit the runner gave up is trained one rung lower, so show that one
        return usable_rung(exercise, state.rung_id, runner.equipment)
    return starting_rung(exercise, runner.level, runner.equipment)
