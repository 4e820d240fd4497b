"""Answers to the set-up questions, pressed or typed, each stored as it is given.

A press is judged against the stored pending question, never against the message it came
from: a press on any other question's message (an old copy, one Telegram delivered although
the update that sent it was rolled back) changes nothing and the pending question is asked
again, so the runner always has a live question to answer. Ticks are absolute ("tick Mon"),
not toggles, so a press repeated after a failed redraw lands where the runner meant.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, time
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

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

# Typed answers to "Time zone: Berlin. Correct?", besides its Yes / No buttons.
_YES = frozenset({"yes", "y", "yep", "yeah", "ok", "okay", "correct", "right", "sure", "👍"})
_NO = frozenset({"no", "n", "nope", "wrong", "👎"})

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
    USE_BUTTONS = "use_buttons"  # text where only buttons answer
    NOT_TEXT = "not_text"  # a sticker or photo where an answer is expected
    EARLIER = "earlier"  # a press on another question's message
    IGNORED = "ignored"  # a value no button has (forged): nothing changes


@dataclass(frozen=True, slots=True)
class Answer:
    """What an answer did, for the screen to show.

    ``answered`` is the question just answered (its message shows the answer from now on);
    then either ``ask`` (the next question, or the pending one asked again) or ``plan`` (set-up
    done or a setting saved: the plan card, ``saved`` says "Saved."). ``retire`` is a message
    whose buttons must go; ``closing`` the recorded message of the answered question, which
    shows the answer from now on (when the answer was typed rather than pressed there).
    """

    outcome: Outcome
    runner: RunnerProfile
    answered: Question | None = None
    ask: QuestionView | None = None
    redraw: QuestionView | None = None
    plan: bool = False
    saved: bool = False
    every_day: bool = False
    zone: str | None = None
    suggestions: tuple[str, ...] = field(default_factory=tuple)
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
        return await _level(db, runner, value, now)
    if step == "eq":
        return await _equipment(db, runner, value, extra, now)
    if step in ("days", "hard"):
        return await _days(db, runner, question, value, extra, now)
    if step == "time":
        parsed = parse_time(value[:2] + ":" + value[2:]) if len(value) == 4 else None
        if parsed is None:
            return Answer(Outcome.IGNORED, runner)
        return await _store_time(db, runner, parsed, now)
    if step == "tz":
        match = resolve_zone(value)
        if match.zone is None:
            return Answer(Outcome.IGNORED, runner)
        return await _offer_zone(db, runner, match.zone, message_id, now)
    return await _settle_zone(db, runner, confirmed=value == "yes", now=now)


def _earlier(
    runner: RunnerProfile, current: Question | None, message_id: int, now: datetime
) -> Answer:
    """A press on a question that is not the pending one: nothing changes. While setting
    up, the pending question is asked again below, so there is always one to press."""
    if current is None or runner.onboarded:
        return Answer(Outcome.EARLIER, runner, retire=message_id)
    return Answer(Outcome.EARLIER, runner, ask=view(runner, current, now), retire=message_id)


async def _level(db: AsyncSession, runner: RunnerProfile, value: str, now: datetime) -> Answer:
    if value not in {level.value for level in Level}:
        return Answer(Outcome.IGNORED, runner)
    runner = await runners.update_runner(db, runner.id, level=value)
    return await _finish(db, runner, Question.LEVEL, now)


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
    none_ticked = bool(runner.draft.get("none_ticked"))
    if value == "done":
        if not runner.equipment and not none_ticked:
            return Answer(Outcome.NEED_EQUIPMENT, runner)
        return await _finish(db, runner, Question.EQUIPMENT, now)
    try:
        item = Equipment(value)
    except ValueError:
        return Answer(Outcome.IGNORED, runner)
    equipment = set(runner.equipment)
    if item is Equipment.NONE:
        # "None" means body weight only: ticking it clears the kit.
        none_ticked = _ticked(value, extra, none_ticked)
        if none_ticked:
            equipment = set()
    else:
        on = _ticked(value, extra, item in equipment)
        equipment = equipment | {item} if on else equipment - {item}
        if on:
            none_ticked = False
    runner = await runners.update_runner(
        db,
        runner.id,
        equipment=equipment,
        draft={**runner.draft, "none_ticked": none_ticked},
    )
    return Answer(Outcome.TICKED, runner, redraw=view(runner, Question.EQUIPMENT, now))


async def _days(
    db: AsyncSession,
    runner: RunnerProfile,
    question: Question,
    value: str,
    extra: tuple[str, ...],
    now: datetime,
) -> Answer:
    hard = question is Question.HARD
    if value in ("done", "none"):
        if hard:
            if value == "none":
                runner = await runners.update_runner(db, runner.id, hard_days=[])
            return await _finish(db, runner, question, now)
        if not runner.running_days:
            return Answer(Outcome.NEED_DAYS, runner)
        # Long/hard days must stay a subset of running days.
        kept = [day for day in runner.hard_days if day in runner.running_days]
        runner = await runners.update_runner(db, runner.id, hard_days=kept)
        answer = await _finish(db, runner, question, now)
        return replace(answer, every_day=len(runner.running_days) == 7)
    if not value.isdigit() or not 0 <= int(value) <= 6:
        return Answer(Outcome.IGNORED, runner)
    day = int(value)
    if hard and day not in runner.running_days:
        return Answer(Outcome.IGNORED, runner)
    ticked = set(runner.hard_days if hard else runner.running_days)
    on = _ticked(value, extra, day in ticked)
    ticked = ticked | {day} if on else ticked - {day}
    changes = {"hard_days": ticked} if hard else {"running_days": ticked}
    runner = await runners.update_runner(db, runner.id, **changes)
    return Answer(Outcome.TICKED, runner, redraw=view(runner, question, now))


async def _store_time(
    db: AsyncSession, runner: RunnerProfile, value: time, now: datetime
) -> Answer:
    runner = await runners.update_runner(db, runner.id, reminder_time=value)
    return await _finish(db, runner, Question.TIME, now)


async def _offer_zone(
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
    draft = {key: val for key, val in runner.draft.items() if key != "asked"}
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


async def _settle_zone(
    db: AsyncSession, runner: RunnerProfile, *, confirmed: bool, now: datetime
) -> Answer:
    """Yes stores the offered zone; No asks for the place again."""
    candidate = runner.draft.get("zone_candidate")
    draft = {
        key: val for key, val in runner.draft.items() if key not in ("zone_candidate", "asked")
    }
    if confirmed and isinstance(candidate, str):
        # the offer's message is closed with the answer: keep it known until then
        asked = asked_message(runner)
        runner = await runners.update_runner(
            db, runner.id, time_zone=candidate, draft={**draft, "asked": asked}
        )
        return await _finish(db, runner, Question.ZONE, now)
    retire = asked_message(runner)
    runner = await runners.update_runner(db, runner.id, draft=draft)
    return Answer(Outcome.ZONE_RETRY, runner, retire=retire)


async def _finish(
    db: AsyncSession, runner: RunnerProfile, question: Question, now: datetime
) -> Answer:
    """The question is answered: the next one, or back to the plan when editing."""
    editing = bool(runner.draft.get("editing"))
    asked = asked_message(runner)
    if editing and question is not Question.DAYS:
        runner = await runners.update_runner(db, runner.id, pending_question=None, draft={})
        return Answer(
            Outcome.ANSWERED, runner, answered=question, plan=True, saved=True, closing=asked
        )
    index = ORDER.index(question)
    if index + 1 < len(ORDER):
        nxt = ORDER[index + 1]
        draft: dict[str, object] = {"editing": True} if editing else {}
        runner = await runners.update_runner(db, runner.id, pending_question=nxt, draft=draft)
        return Answer(
            Outcome.ANSWERED, runner, answered=question, ask=view(runner, nxt, now), closing=asked
        )
    runner = await runners.update_runner(
        db, runner.id, pending_question=None, draft={}, onboarded=True
    )
    return Answer(Outcome.ANSWERED, runner, answered=question, plan=True, closing=asked)


# -- typed answers --------------------------------------------------------------------------


async def typed(
    db: AsyncSession, runner: RunnerProfile, text: str | None, now: datetime
) -> Answer | None:
    """A message while a question is pending; None when it is not an answer to claim.

    While setting up, anything that is not an answer asks again. A set-up runner may have
    walked away from a /settings question, so only a real answer is claimed then, and
    everything else goes on to the other topics (pain, how-to, help).
    """
    question = pending(runner)
    if question is None:
        return None
    words = (text or "").strip()
    if runner.onboarded:
        if question is Question.TIME and (parsed := parse_time(words)) is not None:
            return await _store_time(db, runner, parsed, now)
        if question is Question.ZONE and words:
            return await _typed_zone(db, runner, words, now, claim_unknown=False)
        return None
    again = view(runner, question, now)
    if not words:
        return Answer(Outcome.NOT_TEXT, runner, ask=again)
    if question is Question.TIME:
        parsed = parse_time(words)
        if parsed is None:
            return Answer(Outcome.BAD_TIME, runner, ask=again, text=words)
        return await _store_time(db, runner, parsed, now)
    if question is Question.ZONE:
        return await _typed_zone(db, runner, words, now, claim_unknown=True)
    return Answer(Outcome.USE_BUTTONS, runner, ask=again)


async def _typed_zone(
    db: AsyncSession, runner: RunnerProfile, text: str, now: datetime, *, claim_unknown: bool
) -> Answer | None:
    """A typed place: offer its zone or suggest some; a typed yes or no answers the zone
    on offer. With ``claim_unknown`` False (an open /settings question), text naming no
    place is left to the other topics."""
    lowered = text.lower()
    if "zone_candidate" in runner.draft and lowered in _YES | _NO:
        return await _settle_zone(db, runner, confirmed=lowered in _YES, now=now)
    match = resolve_zone(text)
    if match.zone is not None:
        return await _offer_zone(db, runner, match.zone, None, now)
    if match.suggestions:
        return Answer(
            Outcome.ZONE_SUGGESTIONS, runner, suggestions=tuple(match.suggestions), text=text
        )
    if not claim_unknown:
        return None
    return Answer(Outcome.ZONE_UNKNOWN, runner, text=text)


async def asked(db: AsyncSession, runner: RunnerProfile, message_id: int) -> RunnerProfile:
    """The question was sent as ``message_id``: its buttons are the live ones."""
    return await record_asked(db, runner, message_id)
