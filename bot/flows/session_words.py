"""Words typed during a session, read as the buttons on screen (``content.answers``).

The live card's buttons and the open question how the last exercise felt are the options:
"done", "skip", "harder" press the card's, "hard" answers the question (not Harder), a
typed weight is noted on a loaded card, and a bare number asks whether it was the weight or
the reps. When the words could mean two buttons the bot asks instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from bot.flows.cards import Mode
from bot.flows.press import (
    Action,
    PressOutcome,
    PressResult,
    card_view,
    log_set,
    press_fast,
    rung_token,
    store_load,
)
from content import ladder
from content.answers import Fit, Option, Reading, read_answer
from content.answerwords import Meaning
from content.library import Library
from content.load import WeightReading, read_weight
from storage import presses
from storage.fast import FastPath
from storage.presses import PressView
from storage.sessions import ItemView

# The buttons on screen during a session, as typed words can name them (content.answers):
# the live card's, and the effort question of the exercise just finished.
_CARD_OPTIONS = (
    Option(Action.DONE, "Done", (Meaning.DONE,)),
    Option(Action.FEWER, "Fewer", (Meaning.FEWER,)),
    Option(Action.HARDER, "Harder", (Meaning.HARDER,)),
    Option(Action.EASIER, "Easier", (Meaning.EASIER,)),
    Option(Action.SKIP, "Skip", (Meaning.SKIP,)),
    Option(Action.HOW, "How?", (Meaning.HOW,)),
)
_EFFORT_OPTIONS = (
    Option("y:e", "Easy", (Meaning.FELT_EASY,)),
    Option("y:r", "Just right", (Meaning.FELT_RIGHT,)),
    Option("y:h", "Hard", (Meaning.FELT_HARD,)),
)


@dataclass(frozen=True, slots=True)
class Typed:
    """Text typed during a session, and the live card it acted on."""

    result: PressResult | None
    message_id: int | None
    unsure: tuple[str, ...] = ()  # the buttons it could mean, when it was not clear
    # a press the full view must resolve (the last exercise's effort ends the session)
    full: tuple[int, Action, str] | None = None


async def typed(
    fast: FastPath, library: Library, telegram_user_id: int, text: str, now: datetime
) -> Typed | None:
    """Text typed while a session is going: a button's words count as pressing it (the
    live card's, or the open question how the last exercise felt: "hard" is that answer,
    not Harder), a weight with its unit ("12.5 kg") is noted on a loaded card, and a bare
    number asks whether it was the weight or the reps (or logs the reps where nothing is
    lifted). None when the text is not about the session."""
    words = " ".join(text.split())
    if not words or len(words) > 40:
        return None
    view = await presses.current(fast, telegram_user_id)
    open_question = await presses.unrated(fast, telegram_user_id)
    if view is None and open_question is None:
        return None
    shown = view or open_question
    language = shown.language if shown is not None else "en"
    options: tuple[Option, ...] = ()
    if view is not None and view.item.sets_done < view.item.sets:
        options += _CARD_OPTIONS
    if open_question is not None:
        options += _EFFORT_OPTIONS
    reading = read_answer(words, options, language) if options else None
    if reading is not None:
        return await _typed_button(
            fast, library, telegram_user_id, view, open_question, reading, now
        )
    if view is None or view.item.sets_done >= view.item.sets:
        return None
    return await _typed_number(fast, library, telegram_user_id, view, words, now)


async def _typed_button(
    fast: FastPath,
    library: Library,
    telegram_user_id: int,
    view: PressView | None,
    open_question: PressView | None,
    reading: Reading,
    now: datetime,
) -> Typed | None:
    live = view.item.message_id if view is not None else None
    if reading.fit is Fit.UNSURE:
        labels = tuple(
            option.label
            for option in (*_CARD_OPTIONS, *_EFFORT_OPTIONS)
            if option.value in reading.candidates
        )
        shown = view or open_question
        language = shown.language if shown is not None else None
        return Typed(PressResult(PressOutcome.UNSURE, language=language), live, labels)
    value = reading.value or ""
    if value.startswith("y:") and open_question is not None:
        item = open_question.item
        result = await press_fast(
            fast, library, telegram_user_id, item.id, Action.EFFORT, value[2:], now
        )
        if result is None:  # the last exercise: its answer ends the session (full view)
            return Typed(None, item.message_id, full=(item.id, Action.EFFORT, value[2:]))
        return Typed(replace(result, action=Action.EFFORT), item.message_id)
    if view is None:
        return None
    action = Action(value)
    item = view.item
    token = _token_for(library, item, action)
    result = await press_fast(fast, library, telegram_user_id, item.id, action, token, now)
    if result is None and action is Action.HOW:
        result = PressResult(
            PressOutcome.HOW, exercise_id=item.exercise_id, language=view.language
        )
    if result is None:
        return None
    return Typed(replace(result, action=action), live)


async def _typed_number(
    fast: FastPath,
    library: Library,
    telegram_user_id: int,
    view: PressView,
    words: str,
    now: datetime,
) -> Typed | None:
    item = view.item
    reading = read_weight(words.lower())
    rung = library.get(item.exercise_id).rung(item.rung_id)
    loaded = rung is not None and rung.loaded
    if reading.reading is WeightReading.WEIGHT and loaded:
        result = await store_load(fast, library, view, reading.value, reading.unit)
        return Typed(result, item.message_id) if result is not None else None
    if reading.reading is WeightReading.BARE and reading.value == int(reading.value):
        count = int(reading.value)
        if loaded:
            card = card_view(library, view, mode=Mode.WHICH, typed=reading.value)
            result = PressResult(PressOutcome.WHICH, card=card, language=view.language)
            return Typed(result, item.message_id)
        if count <= item.reps * 3:
            result = await log_set(
                fast, library, telegram_user_id, item.id, item.sets_done, now, reps=count
            )
            return Typed(result, item.message_id) if result is not None else None
    return None


def _token_for(library: Library, item: ItemView, action: Action) -> str:
    if action in (Action.HARDER, Action.EASIER):
        return rung_token(ladder.rung_index(library.get(item.exercise_id), item.rung_id))
    if action in (Action.DONE, Action.FEWER):
        return str(item.sets_done)
    return "-"
