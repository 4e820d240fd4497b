"""Answers to the set-up questions, each stored as it is given: the presses, and the steps
a typed answer (``bot.flows.typed``) lands on too, so both end the same way.

A press is judged against the stored pending question, never against the message it came
from: a press on any other question's message (an old copy, one Telegram delivered although
the update that sent it was rolled back) changes nothing and the pending question is asked
again, so the runner always has a live question to answer. Ticks are absolute ("tick Mon"),
not toggles, so a press repeated after a failed redraw lands where the runner meant.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.flows.changes import Changes, changes
from bot.flows.setup import (
    ORDER,
    Question,
    QuestionView,
    asked_message,
    pending,
    record_asked,
    view,
)
from content.model import Equipment, Level
from content.timeparse import parse_time
from content.zones import resolve_zone
from storage import runners
from storage.runners import RunnerProfile

# The button steps of callback data, and the question each answers.
STEPS: dict[str, Question] = {
    "level": Question.LEVEL,
    "eq": Question.EQUIPMENT,
    "days": Question.DAYS,
    "hard": Question.HARD,
    "time": Question.TIME,
    "tz": Question.ZONE,
    "tzok": Question.ZONE,
}


class Outcome(StrEnum):
    TICKED = "ticked"  # the question's keyboard shows the new ticks
    NEED_EQUIPMENT = "need_equipment"  # Done with nothing ticked
    NEED_DAYS = "need_days"
    ANSWERED = "answered"  # the question is answered: then the next one, or the plan
    ZONE_OFFERED = "zone_offered"  # "Time zone: X. Correct?"
    ZONE_SUGGESTIONS = "zone_suggestions"
    ZONE_UNKNOWN = "zone_unknown"
    ZONE_RETRY = "zone_retry"  # "No": type the place again
    BAD_TIME = "bad_time"
    WRONG = "wrong"  # text that answers no button of the question: a one-line hint
    UNSURE = "unsure"  # typed words two buttons fit: which one? (``candidates``)
    NOT_RUNNING_DAY = "not_running_day"  # long/hard days typed that are no running days
    NOT_TEXT = "not_text"  # a sticker or photo where an answer is expected
    EARLIER = "earlier"  # a press on another question's message
    IGNORED = "ignored"  # a value no button has (forged): nothing changes


@dataclass(frozen=True, slots=True)
class Answer:
    """What an answer did, for the screen to show.

    ``answered`` is the question just answered (its message shows the answer from now on);
    then either ``ask`` (the next question, or the pending one asked again) or ``plan`` (set-up
    done or a setting saved: the plan card, ``saved`` says "Saved." and ``changes`` what a
    /settings visit changed). ``redraw`` is the question with new ticks, drawn on the pressed
    message or, for a typed answer, on ``live`` (the message asking it). ``about`` is the
    question a hint is about. ``retire`` is a message whose buttons must go; ``closing`` the
    recorded message of the answered question, which shows the answer from now on (when the
    answer was typed rather than pressed there).
    """

    outcome: Outcome
    runner: RunnerProfile
    answered: Question | None = None
    ask: QuestionView | None = None
    redraw: QuestionView | None = None
    live: int | None = None
    about: QuestionView | None = None  # the pending question, for a hint on answering it
    plan: bool = False
    saved: bool = False
    changes: Changes | None = None
    zone: str | None = None
    suggestions: tuple[str, ...] = field(default_factory=tuple)
    candidates: tuple[str, ...] = field(default_factory=tuple)  # labels, when unsure
    days: tuple[int, ...] = field(default_factory=tuple)
    text: str = ""
    retire: int | None = None
    closing: int | None = None  # the message that asked the answered question


# -- presses --------------------------------------------------------------------------------


async def press(
    db: AsyncSession,
    runner: RunnerProfile,
    step: str,
    values: tuple[str, ...],
    message_id: int,
    now: datetime,
) -> Answer:
    """A press on a question button: ``step`` names the question, ``values`` the choice."""
    question = STEPS.get(step)
    current = pending(runner)
    if question is None or current is None or question is not current:
        return _earlier(runner, current, message_id, now)
    value, extra = values[0], values[1:]
    if step == "level":
        return await choose_level(db, runner, value, now)
    if step == "eq":
        return await _equipment(db, runner, value, extra, now)
    if step in ("days", "hard"):
        return await _days(db, runner, question, value, extra, now)
    if step == "time":
        parsed = parse_time(value[:2] + ":" + value[2:]) if len(value) == 4 else None
        if parsed is None:
            return Answer(Outcome.IGNORED, runner)
        return await store_time(db, runner, parsed, now)
    if step == "tz":
        match = resolve_zone(value)
        if match.zone is None:
            return Answer(Outcome.IGNORED, runner)
        return await offer_zone(db, runner, match.zone, message_id, now)
    return await settle_zone(db, runner, confirmed=value == "yes", now=now)


def _earlier(
    runner: RunnerProfile, current: Question | None, message_id: int, now: datetime
) -> Answer:
    """A press on a question that is not the pending one: nothing changes. While setting
    up, the pending question is asked again below, so there is always one to press."""
    if current is None or runner.onboarded:
        return Answer(Outcome.EARLIER, runner, retire=message_id)
    return Answer(Outcome.EARLIER, runner, ask=view(runner, current, now), retire=message_id)


def _ticked(value: str, extra: tuple[str, ...], was_on: bool) -> bool:
    """A tick press says what the button should become ("1" on, "0" off); older buttons
    without it toggle."""
    if extra and extra[0] in ("0", "1"):
        return extra[0] == "1"
    return not was_on


async def _equipment(
    db: AsyncSession,
    runner: RunnerProfile,
    value: str,
    extra: tuple[str, ...],
    now: datetime,
) -> Answer:
    if value == "done":
        return await equipment_done(db, runner, now)
    try:
        item = Equipment(value)
    except ValueError:
        return Answer(Outcome.IGNORED, runner)
    none_ticked = bool(runner.draft.get("none_ticked"))
    equipment = set(runner.equipment)
    if item is Equipment.NONE:
        none_ticked = _ticked(value, extra, none_ticked)
        if none_ticked:
            equipment = set()
    else:
        on = _ticked(value, extra, item in equipment)
        equipment = equipment | {item} if on else equipment - {item}
    runner = await tick_equipment(db, runner, equipment, none_ticked=none_ticked)
    return Answer(Outcome.TICKED, runner, redraw=view(runner, Question.EQUIPMENT, now))


async def tick_equipment(
    db: AsyncSession, runner: RunnerProfile, items: Collection[Equipment], *, none_ticked: bool
) -> RunnerProfile:
    """Store the kit ticked so far. "None" means body weight only: ticking it clears the
    kit, and ticking an item unticks it."""
    none_ticked = none_ticked and not items
    draft = {**runner.draft, "none_ticked": none_ticked, "touched": True}
    return await runners.update_runner(db, runner.id, equipment=set(items), draft=draft)


async def equipment_done(db: AsyncSession, runner: RunnerProfile, now: datetime) -> Answer:
    """Done on the kit question: at least one tick ("None" counts)."""
    if not runner.equipment and not runner.draft.get("none_ticked"):
        return Answer(Outcome.NEED_EQUIPMENT, runner)
    return await finish(db, runner, Question.EQUIPMENT, now)


async def _days(
    db: AsyncSession,
    runner: RunnerProfile,
    question: Question,
    value: str,
    extra: tuple[str, ...],
    now: datetime,
) -> Answer:
    hard = question is Question.HARD
    if value == "none" and hard:
        return await finish(db, runner, question, now, hard_days=[])
    if value in ("done", "none"):
        return await days_done(db, runner, question, now)
    if not value.isdigit() or not 0 <= int(value) <= 6:
        return Answer(Outcome.IGNORED, runner)
    day = int(value)
    if hard and day not in runner.running_days:
        return Answer(Outcome.IGNORED, runner)
    ticked = set(runner.hard_days if hard else runner.running_days)
    on = _ticked(value, extra, day in ticked)
    ticked = ticked | {day} if on else ticked - {day}
    runner = await tick_days(db, runner, question, ticked)
    return Answer(Outcome.TICKED, runner, redraw=view(runner, question, now))


async def tick_days(
    db: AsyncSession, runner: RunnerProfile, question: Question, days: Collection[int]
) -> RunnerProfile:
    """Store the running days (or long/hard days) ticked so far."""
    field_name = "hard_days" if question is Question.HARD else "running_days"
    draft = {**runner.draft, "touched": True}
    return await runners.update_runner(db, runner.id, draft=draft, **{field_name: set(days)})


async def days_done(
    db: AsyncSession, runner: RunnerProfile, question: Question, now: datetime
) -> Answer:
    """Done on the days question (at least one day) or the long/hard days question."""
    if question is Question.HARD:
        return await finish(db, runner, question, now)
    if not runner.running_days:
        return Answer(Outcome.NEED_DAYS, runner)
    # Long/hard days must stay a subset of running days.
    kept = [day for day in runner.hard_days if day in runner.running_days]
    return await finish(db, runner, question, now, hard_days=kept)


async def choose_level(
    db: AsyncSession, runner: RunnerProfile, value: str, now: datetime
) -> Answer:
    if value not in {level.value for level in Level}:
        return Answer(Outcome.IGNORED, runner)
    return await finish(db, runner, Question.LEVEL, now, level=value)


async def store_time(
    db: AsyncSession, runner: RunnerProfile, value: time, now: datetime
) -> Answer:
    return await finish(db, runner, Question.TIME, now, reminder_time=value)


async def offer_zone(
    db: AsyncSession,
    runner: RunnerProfile,
    zone: str,
    message_id: int | None,
    now: datetime,
) -> Answer:
    """Offer "Time zone: X. Correct?"; it replaces any zone offered before.

    ``message_id`` is the message to turn into the offer (a suggestion pressed); typed
    places get the offer as a new message, and an earlier offer loses its buttons so its
    Yes cannot confirm this zone.
    """
    asked = asked_message(runner)
    retire = asked if asked is not None and asked != message_id else None
    draft = {key: val for key, val in runner.draft.items() if key not in ("asked", "short")}
    draft["zone_candidate"] = zone
    if message_id is not None:
        draft["asked"] = message_id
    runner = await runners.update_runner(db, runner.id, draft=draft)
    return Answer(
        Outcome.ZONE_OFFERED,
        runner,
        redraw=view(runner, Question.ZONE, now),
        zone=zone,
        retire=retire,
    )


async def settle_zone(
    db: AsyncSession, runner: RunnerProfile, *, confirmed: bool, now: datetime
) -> Answer:
    """Yes stores the offered zone; No asks for the place again."""
    candidate = runner.draft.get("zone_candidate")
    draft = {
        key: val
        for key, val in runner.draft.items()
        if key not in ("zone_candidate", "asked", "short")
    }
    if confirmed and isinstance(candidate, str):
        # the offer's message is closed with the answer: keep it known until then
        asked = asked_message(runner)
        runner = await runners.update_runner(
            db, runner.id, time_zone=candidate, draft={**draft, "asked": asked}
        )
        return await finish(db, runner, Question.ZONE, now)
    retire = asked_message(runner)
    runner = await runners.update_runner(db, runner.id, draft=draft)
    return Answer(Outcome.ZONE_RETRY, runner, retire=retire)


async def finish(
    db: AsyncSession, runner: RunnerProfile, question: Question, now: datetime, **answer: Any
) -> Answer:
    """The question is answered: the next one, or back to the plan when editing (with what
    the visit changed). ``answer``: profile fields the answer sets, written in the same
    statement as the next question (they must not touch the draft, which is read here)."""
    editing = bool(runner.draft.get("editing"))
    asked = asked_message(runner)
    if editing and question is not Question.DAYS:
        draft_before = runner.draft
        runner = await runners.update_runner(
            db, runner.id, **answer, pending_question=None, draft={}
        )
        changed = changes(draft_before, runner)  # (the settings only, not the draft)
        return Answer(
            Outcome.ANSWERED,
            runner,
            answered=question,
            plan=True,
            saved=True,
            changes=changed,
            closing=asked,
        )
    index = ORDER.index(question)
    if index + 1 < len(ORDER):
        nxt = ORDER[index + 1]
        draft: dict[str, object] = {}
        if editing:  # running days, then the long/hard days among them
            draft = {"editing": True, "before": runner.draft.get("before")}
        runner = await runners.update_runner(
            db, runner.id, **answer, pending_question=nxt, draft=draft
        )
        return Answer(
            Outcome.ANSWERED, runner, answered=question, ask=view(runner, nxt, now), closing=asked
        )
    runner = await runners.update_runner(
        db, runner.id, **answer, pending_question=None, draft={}, onboarded=True
    )
    return Answer(Outcome.ANSWERED, runner, answered=question, plan=True, closing=asked)


async def asked(
    db: AsyncSession, runner: RunnerProfile, message_id: int, *, short: bool = False
) -> RunnerProfile:
    """The question was sent as ``message_id``: its buttons are the live ones."""
    return await record_asked(db, runner, message_id, short=short)
