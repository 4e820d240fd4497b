"""The how-to on screen: from /how, a question, an exercise button or a session's How?.

The answer is the exercise's picture for the runner's rung with a short caption (three cues)
and two buttons: **More** for the full how-to text, **Animation** for the movement looping. On
a phone the picture says more than 30 lines and takes less room. While a session is going,
every how-to answer (the picture, the full text, the animation) is followed by the current
exercise card sent again, its older copy losing its buttons, so Done is always the last
thing on screen. The exercise's words are in the runner's language (``context.library``).
"""

from __future__ import annotations

from telegram import Chat

from bot.context import LegContext
from bot.flows import howto as flow
from bot.flows import session as session_flow
from bot.flows.cards import Card
from bot.keyboards import howto as keyboards
from bot.messages import try_send
from bot.pictures import MediaKind
from bot.screens.pictures import try_send_picture
from bot.screens.session import send_card
from bot.texts import howto as texts


async def send_howto(chat: Chat, context: LegContext, exercise_id: str) -> None:
    """The picture answer for one exercise (the rung of the session's card when it is that
    exercise, else where the runner stands), then the live card again mid-session."""
    library = context.library
    if exercise_id not in library.ids:
        await try_send(chat, texts.unknown_exercise(), keyboards.all_exercises(library))
        return
    live = await _live_card(context)
    shown = live.rung.id if live is not None and live.exercise.id == exercise_id else None
    runner = context.runner if context.has_runner else None
    card = await flow.card(context.db, library, runner, exercise_id, rung_id=shown)
    caption = texts.picture_caption(card.exercise, card.current, personal=card.personal)
    markup = keyboards.picture(exercise_id, card.current.id)
    sent = await try_send_picture(
        chat, context, exercise_id, card.current.id, caption=caption, markup=markup
    )
    if sent is None:  # the words still answer the question; the picture is a button away
        await try_send(chat, caption, markup)
    await _keep_card_last(chat, context, live)


async def send_more(chat: Chat, context: LegContext, exercise_id: str) -> None:
    """More: the full how-to text for where the runner stands now."""
    library = context.library
    runner = context.runner if context.has_runner else None
    live = await _live_card(context)
    shown = live.rung.id if live is not None and live.exercise.id == exercise_id else None
    card = await flow.card(context.db, library, runner, exercise_id, rung_id=shown)
    await try_send(chat, texts.howto_card(card))
    await _keep_card_last(chat, context, live)


async def send_animation(chat: Chat, context: LegContext, exercise_id: str, rung_id: str) -> None:
    """Animation: the rung's movement as a looping animation (sendAnimation)."""
    exercise = context.library.get(exercise_id)
    rung = exercise.rung(rung_id)
    assert rung is not None, "the handler checks the rung"
    live = await _live_card(context)
    caption = texts.animation_caption(exercise, rung)
    await try_send_picture(
        chat, context, exercise_id, rung_id, kind=MediaKind.ANIMATION, caption=caption
    )
    await _keep_card_last(chat, context, live)


async def _live_card(context: LegContext) -> Card | None:
    if not context.has_runner:
        return None
    return await session_flow.live_card(
        context.db, context.library, context.runner.id, context.services.clock.now()
    )


async def _keep_card_last(chat: Chat, context: LegContext, live: Card | None) -> None:
    if live is not None:
        await send_card(chat, context, live)
