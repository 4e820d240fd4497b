"""Set-up questions as a state machine over the stored runner: /start, asking, /settings.

The question being asked is stored on the runner (``pending_question``), each answer is
stored as it is given, and the message that asked is remembered (``draft["asked"]``), so a
restart resumes at the same question and a press on any other question message is
recognised. The answers themselves are in ``bot.flows.answers`` (presses) and
``bot.flows.typed`` (typed answers).

The draft of the pending question holds: ``asked`` (the live message) and ``short`` (it
asks in one line, after an aside); ``editing`` (opened from /settings) and ``before`` (the
settings then, ``bot.flows.changes``); ``touched`` (ticks were pressed, so typed ticks add
to them); ``none_ticked`` and ``zone_candidate`` (the kit's None, the zone on offer).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.flows import changes
from content.model import Equipment
from storage import runners
from storage.runners import RunnerProfile


class Question(StrEnum):
    """The six set-up questions, in the order onboarding asks them."""

    LEVEL = "level"
    EQUIPMENT = "equipment"
    DAYS = "days"
    HARD = "hard"
    TIME = "time"
    ZONE = "zone"

    @property
    def number(self) -> int:
        return ORDER.index(self) + 1


ORDER: tuple[Question, ...] = tuple(Question)


@dataclass(frozen=True, slots=True)
class QuestionView:
    """A question as it should be asked now, with the stored answers ticked."""

    question: Question
    editing: bool
    equipment: frozenset[Equipment]
    none_ticked: bool
    running_days: tuple[int, ...]
    hard_days: tuple[int, ...]
    zone_candidate: str | None = None
    local_now: datetime | None = None  # in the offered zone, to confirm it by the clock
    language: str = "en"  # the runner's, for reading what they type
    short: bool = False  # asked again in one line, after an aside ("Back to question 3")

    @property
    def number(self) -> int:
        return self.question.number


class StartOutcome(StrEnum):
    WELCOME = "welcome"  # first contact: the welcome, then question 1
    RESUME = "resume"  # set-up half done: pick up at the stored question
    PLAN = "plan"  # set up: the plan card


@dataclass(frozen=True, slots=True)
class StartResult:
    outcome: StartOutcome
    runner: RunnerProfile
    question: QuestionView | None = None
    retire: int | None = None  # a question message left open, to lose its buttons


def view(runner: RunnerProfile, question: Question, now: datetime) -> QuestionView:
    """How ``question`` should be asked for this runner right now."""
    candidate = runner.draft.get("zone_candidate")
    zone = candidate if question is Question.ZONE and isinstance(candidate, str) else None
    return QuestionView(
        question=question,
        editing=bool(runner.draft.get("editing")),
        equipment=runner.equipment,
        none_ticked=bool(runner.draft.get("none_ticked")),
        running_days=runner.running_days,
        hard_days=runner.hard_days,
        zone_candidate=zone,
        local_now=now.astimezone(ZoneInfo(zone)) if zone else None,
        language=runner.language,
        short=bool(runner.draft.get("short")),
    )


def asked_message(runner: RunnerProfile) -> int | None:
    """The message id of the question on screen with buttons, if one is recorded."""
    asked = runner.draft.get("asked")
    return asked if isinstance(asked, int) else None


def pending(runner: RunnerProfile) -> Question | None:
    try:
        return Question(runner.pending_question) if runner.pending_question else None
    except ValueError:  # a question name from an older version
        return None


async def start(db: AsyncSession, runner: RunnerProfile, now: datetime) -> StartResult:
    """/start: the plan for a runner set up, the stored question for one half-way, or the
    welcome and the first question. /start after blocking the bot unblocks it."""
    if runner.blocked:
        runner = await runners.update_runner(db, runner.id, blocked=False)
    if runner.onboarded:
        runner, retire = await drop_stale_question(db, runner)
        return StartResult(StartOutcome.PLAN, runner, retire=retire)
    question = pending(runner)
    if question is not None:
        return StartResult(StartOutcome.RESUME, runner, view(runner, question, now))
    runner, retire = await open_question(db, runner, Question.LEVEL, editing=False)
    return StartResult(StartOutcome.WELCOME, runner, view(runner, Question.LEVEL, now), retire)


async def open_question(
    db: AsyncSession, runner: RunnerProfile, question: Question, *, editing: bool
) -> tuple[RunnerProfile, int | None]:
    """Make ``question`` the pending one (``editing``: from /settings); returns the runner
    and the message of a question left open before it, whose buttons must go."""
    retire = asked_message(runner)
    draft: dict[str, Any] = {}
    if editing:
        draft = {"editing": True, "before": changes.to_draft(runner)}
    if question is Question.EQUIPMENT and runner.onboarded:
        # A body-weight runner has no kit stored: show "None" ticked, so Done saves as is.
        draft["none_ticked"] = not runner.equipment
    runner = await runners.update_runner(db, runner.id, pending_question=question, draft=draft)
    return runner, retire


async def record_asked(
    db: AsyncSession, runner: RunnerProfile, message_id: int, *, short: bool = False
) -> RunnerProfile:
    """Remember the message that asks the pending question (its buttons are the live ones);
    ``short``: it asks in one line, and its redraws stay one line."""
    draft = {**runner.draft, "asked": message_id, "short": short}
    return await runners.update_runner(db, runner.id, draft=draft)


def pointer(runner: RunnerProfile, now: datetime) -> tuple[QuestionView, int | None] | None:
    """After an aside (a how-to answer, /help, pain advice): the pending question to point
    back to in one line, and the message that asked it before, whose buttons move to the
    pointer. None when no question is pending."""
    question = pending(runner)
    if question is None:
        return None
    return replace(view(runner, question, now), short=True), asked_message(runner)


async def require_setup(
    db: AsyncSession, runner: RunnerProfile, now: datetime
) -> tuple[RunnerProfile, QuestionView | None, int | None]:
    """For commands that need a profile: (runner, None, retire) when set up; otherwise the
    question to ask (opening the first one if none is pending).

    A set-up runner who sends a command has moved on from any /settings question left
    open, so that question is dropped and its message (``retire``) loses its buttons.
    """
    if runner.onboarded:
        runner, retire = await drop_stale_question(db, runner)
        return runner, None, retire
    question = pending(runner)
    if question is None:
        runner, _retire = await open_question(db, runner, Question.LEVEL, editing=False)
        question = Question.LEVEL
    return runner, view(runner, question, now), None


async def drop_stale_question(
    db: AsyncSession, runner: RunnerProfile
) -> tuple[RunnerProfile, int | None]:
    """Forget a /settings question a set-up runner walked away from; returns the message
    whose buttons must go. Days are stored as they are ticked, so the long/hard days are
    trimmed to the running days here as Done would have done."""
    if not runner.onboarded or runner.pending_question is None:
        return runner, None
    retire = asked_message(runner)
    hard = [day for day in runner.hard_days if day in runner.running_days]
    runner = await runners.update_runner(
        db, runner.id, pending_question=None, draft={}, hard_days=hard
    )
    return runner, retire
