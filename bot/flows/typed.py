"""Typed answers to the pending set-up question, read the same way in onboarding and /settings.

Whatever the question, typing counts as pressing: a button's label or a usual word for it
("beginner", "nothing", "done"; ``content.answers``), a list of ticks ("dumbbells and a long
band", "Mon Wed Fri", "weekdays"), a time ("7.30 pm"), a place ("Grenoble"). Each kind of
answer has one reader (``content.answers``, ``content.weekdays``, ``content.timeparse``,
``content.zones``), so the same words get the same answer wherever the question is asked.

The same text may be an answer or a question for another topic, so there are two turns.
``understood`` is asked before the how-to topic and claims only what answers the question;
``otherwise`` is asked after every other topic and claims the rest while a question is
pending, with a one-line hint on how to answer it (the question itself stays where it is).
A how-to question or a pain report in between is answered by its own topic, which then points
back to the pending question.

A typed list of ticks is the whole answer: on a question not touched yet it replaces what
was stored ("Mon Wed Fri" in /settings are the new running days), after some ticks it adds
to them; then the question is answered, as Done would.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.flows.answers import (
    Answer,
    Outcome,
    choose_level,
    days_done,
    equipment_done,
    finish,
    offer_zone,
    settle_zone,
    store_time,
    tick_days,
    tick_equipment,
)
from bot.flows.setup import Question, QuestionView, asked_message, pending, view
from content.answers import Option, Reading, read_answer, read_answers
from content.model import Equipment
from content.timeparse import parse_time
from content.weekdays import parse_weekdays
from content.zones import resolve_zone
from storage import runners
from storage.runners import RunnerProfile

# The buttons a question shows, as the keyboards draw them (``bot.keyboards.onboarding``).
OptionsOf = Callable[[QuestionView], Sequence[Option]]

_KIT = {item.value: item for item in Equipment if item is not Equipment.NONE}


async def understood(
    db: AsyncSession,
    runner: RunnerProfile,
    text: str | None,
    now: datetime,
    options_of: OptionsOf,
) -> Answer | None:
    """The pending question answered by ``text``; None when it is no answer (yet)."""
    question = pending(runner)
    words = (text or "").strip()
    if question is None or not words:
        return None
    asking = view(runner, question, now)
    options = options_of(asking)
    if question is Question.LEVEL:
        reading = read_answer(words, options, runner.language)
        if reading is None or reading.value is None:
            return _unsure(runner, asking, reading, options)
        return await choose_level(db, runner, reading.value, now)
    if question is Question.EQUIPMENT:
        return await _equipment(db, runner, asking, words, options, now)
    if question in (Question.DAYS, Question.HARD):
        return await _days(db, runner, asking, words, options, now)
    if question is Question.TIME:
        parsed = parse_time(words)
        return None if parsed is None else await store_time(db, runner, parsed, now)
    if asking.zone_candidate is not None:
        reading = read_answer(words, options, runner.language)
        if reading is not None and reading.value is not None:
            return await settle_zone(db, runner, confirmed=reading.value == "yes", now=now)
    match = resolve_zone(words)
    if match.zone is None:
        return None
    return await offer_zone(db, runner, match.zone, None, now)


async def otherwise(runner: RunnerProfile, text: str | None, now: datetime) -> Answer | None:
    """Anything else while a question is pending, once no other topic wanted it: how to
    answer, in one line. None when no question is pending."""
    question = pending(runner)
    if question is None:
        return None
    about = view(runner, question, now)
    words = (text or "").strip()
    if not words:
        return Answer(Outcome.NOT_TEXT, runner, about=about)
    if question is Question.TIME:
        return Answer(Outcome.BAD_TIME, runner, about=about, text=words)
    if question is Question.ZONE:
        match = resolve_zone(words)
        if match.suggestions:
            return Answer(
                Outcome.ZONE_SUGGESTIONS,
                runner,
                about=about,
                suggestions=tuple(match.suggestions),
                text=words,
            )
        if about.zone_candidate is None:
            return Answer(Outcome.ZONE_UNKNOWN, runner, about=about, text=words)
    return Answer(Outcome.WRONG, runner, about=about, text=words)


def _unsure(
    runner: RunnerProfile,
    about: QuestionView,
    reading: Reading | None,
    options: Sequence[Option],
    redraw: QuestionView | None = None,
) -> Answer | None:
    """Two buttons fit what was typed: ask which, naming them as their buttons do."""
    if reading is None:
        return None
    labels = {option.value: option.label for option in options}
    return Answer(
        Outcome.UNSURE,
        runner,
        about=about,
        candidates=tuple(labels[value] for value in reading.candidates),
        text=reading.text,
        redraw=redraw,
        live=asked_message(runner) if redraw is not None else None,
    )


async def _equipment(
    db: AsyncSession,
    runner: RunnerProfile,
    asking: QuestionView,
    words: str,
    options: Sequence[Option],
    now: datetime,
) -> Answer | None:
    reading = read_answers(words, options, runner.language)
    if reading is None:
        return None
    items = {_KIT[value] for value in reading.values if value in _KIT}
    if items:
        kept = runner.equipment if runner.draft.get("touched") else frozenset()
        runner = await tick_equipment(db, runner, kept | items, none_ticked=False)
    elif Equipment.NONE.value in reading.values and not reading.unsure:
        runner = await tick_equipment(db, runner, (), none_ticked=True)
    if reading.unsure:
        redraw = view(runner, Question.EQUIPMENT, now) if items else None
        return _unsure(runner, asking, reading.unsure[0], options, redraw)
    return await equipment_done(db, runner, now)


async def _days(
    db: AsyncSession,
    runner: RunnerProfile,
    asking: QuestionView,
    words: str,
    options: Sequence[Option],
    now: datetime,
) -> Answer | None:
    question = asking.question
    days = parse_weekdays(words, runner.language)
    if days is None:
        reading = read_answer(words, options, runner.language)
        if reading is None or reading.value is None:
            return _unsure(runner, asking, reading, options)
        if reading.value == "none" and question is Question.HARD:
            runner = await runners.update_runner(db, runner.id, hard_days=[])
            return await finish(db, runner, question, now)
        if not reading.value.isdigit():  # Done
            return await days_done(db, runner, question, now)
        days = {int(reading.value)}
    if question is Question.HARD and not days <= set(runner.running_days):
        outside = tuple(sorted(days - set(runner.running_days)))
        return Answer(Outcome.NOT_RUNNING_DAY, runner, about=asking, days=outside)
    stored = runner.hard_days if question is Question.HARD else runner.running_days
    kept = set(stored) if runner.draft.get("touched") else set()
    runner = await tick_days(db, runner, question, kept | days)
    return await days_done(db, runner, question, now)
