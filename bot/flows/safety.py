"""A runner mentions pain: remember where, end a session it interrupts, and answer the
Better / Same / Worse question of a leg-day message.

What the rules mean is ``content.pain`` (what a sore area spares, what an answer means) and
``content.safety`` (where a message says it hurts); the rows are ``storage.pain``. Nothing
here diagnoses: a flow returns codes and the texts say to stop and see a professional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.flows import session as session_flow
from bot.flows.session import STALE_AFTER, Summary
from content.calendar import local_today, why_not_move
from content.library import Library
from content.model import Area
from content.pain import (
    PainAnswer,
    PainVerdict,
    SoreArea,
    read_answer,
    spared_exercises,
    still_to_ask,
)
from content.pain import verdict as verdict_of
from content.reminders import ANSWERABLE
from content.safety import mentions_pain
from storage import pain, reminders, sessions
from storage.runners import RunnerProfile


@dataclass(frozen=True, slots=True)
class PainHeard:
    """What the coach heard and did: the areas named (now remembered), every area sessions
    spare and the exercises they leave out; whether to ask where (none named) and to offer
    a gentle session. A report mid-session ended that session (``stopped``, its summary):
    the gentle one offered replaces it (``replaces``) without the exercise it ended on."""

    areas: tuple[Area, ...]
    sore: tuple[Area, ...]
    spared: tuple[str, ...]
    offer_gentle: bool
    ask_where: bool
    stopped: Summary | None = None
    replaces: int | None = None
    hurt: str | None = None


async def hear(
    db: AsyncSession, library: Library, runner: RunnerProfile, text: str, now: datetime
) -> PainHeard | None:
    """A PainHeard if ``text`` talks about pain or injury, else None."""
    report = mentions_pain(text, runner.language)
    if report is None:
        return None
    if report.areas:
        await pain.report(db, runner.id, report.areas, local_today(runner, now), now)
    active = await sessions.active_for(db, runner.id)
    stopped: Summary | None = None
    replaces: int | None = None
    hurt: str | None = None
    if (
        active is not None
        and active.started_at is not None
        and now - active.started_at < STALE_AFTER
    ):
        current = active.current or (active.items[-1] if active.items else None)
        hurt = current.exercise_id if current is not None else None
        stopped = await session_flow.stop(db, library, runner, now)
        replaces = active.id
    return await _heard(db, library, runner, report.areas, stopped, replaces, hurt)


async def pick_area(
    db: AsyncSession, library: Library, runner: RunnerProfile, area: Area, now: datetime
) -> PainHeard:
    """The runner said where it hurts after a report that did not: remember it."""
    await pain.report(db, runner.id, [area], local_today(runner, now), now)
    return await _heard(db, library, runner, (area,), None, None, None)


async def _heard(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    areas: tuple[Area, ...],
    stopped: Summary | None,
    replaces: int | None,
    hurt: str | None,
) -> PainHeard:
    sore = await pain.sore_of(db, runner.id)
    spared = spared_exercises(library, sore)
    return PainHeard(
        areas=areas,
        sore=tuple(item.area for item in sore),
        spared=tuple(exercise_id for exercise_id in library.ids if exercise_id in spared),
        offer_gentle=runner.onboarded,
        ask_where=not areas,
        stopped=stopped,
        replaces=replaces,
        hurt=hurt,
    )


# -- the leg-day question -------------------------------------------------------------------


class PainPress(StrEnum):
    ANSWERED = "answered"
    NOT_SORE = "not_sore"  # Better was said already (a second press, an old message)
    STALE = "stale"  # no such reminder
    NOT_YOURS = "not_yours"


@dataclass(frozen=True, slots=True)
class PainAnswered:
    """An answer to "How's your knee?": what it means, and how to redraw the leg-day
    message (the areas still to ask about, whether its own buttons still work)."""

    outcome: PainPress
    area: Area
    verdict: PainVerdict | None = None
    days: int = 0  # since the report
    remaining: tuple[SoreArea, ...] = ()
    reminder_id: int = 0
    answerable: bool = False
    can_move: bool = False


async def answer(
    db: AsyncSession,
    runner: RunnerProfile,
    reminder_id: int,
    area: Area,
    said: PainAnswer,
    now: datetime,
) -> PainAnswered:
    """Better ends the sparing, Same keeps it, Worse keeps it and says stop and see
    someone; each judged against what is stored (an area no longer sore says so)."""
    reminder = await reminders.get(db, reminder_id)
    if reminder is None:
        return PainAnswered(PainPress.STALE, area)
    if reminder.runner_id != runner.id:
        return PainAnswered(PainPress.NOT_YOURS, area)
    outcome, verdict, days = await _apply(db, runner, area, said, now)
    after = await pain.sore_of(db, runner.id)
    return PainAnswered(
        outcome,
        area,
        verdict,
        days,
        remaining=still_to_ask(after, reminder.due_at),
        reminder_id=reminder.id,
        answerable=reminder.status in ANSWERABLE,
        can_move=why_not_move(runner, reminder.local_date) is None,
    )


async def answer_typed(
    db: AsyncSession, runner: RunnerProfile, text: str, now: datetime
) -> PainAnswered | tuple[Area, ...] | None:
    """A typed answer to the pain question ("better", "knee: same"): what it means; the sore
    areas when it does not say which of several; None when it is no answer (or nothing is
    sore, or another question is pending: its typed answers come first)."""
    if runner.pending_question is not None:
        return None
    typed = read_answer(text, runner.language)
    if typed is None:
        return None
    sore = [item.area for item in await pain.sore_of(db, runner.id)]
    named = [area for area in typed.areas if area in sore]
    if not sore:
        return None
    if typed.areas and not named:  # an area no longer sore
        return PainAnswered(PainPress.NOT_SORE, typed.areas[0])
    if not named and len(sore) > 1:
        return tuple(sore)
    area = named[0] if named else sore[0]
    outcome, verdict, days = await _apply(db, runner, area, typed.answer, now)
    return PainAnswered(outcome, area, verdict, days)


async def _apply(
    db: AsyncSession, runner: RunnerProfile, area: Area, said: PainAnswer, now: datetime
) -> tuple[PainPress, PainVerdict | None, int]:
    """Store one answer about one area, judged against what is stored."""
    today = local_today(runner, now)
    sore = {item.area: item for item in await pain.sore_of(db, runner.id)}.get(area)
    if sore is None:
        return PainPress.NOT_SORE, None, 0
    changed = (
        await pain.clear(db, runner.id, area)
        if said is PainAnswer.BETTER
        else await pain.record_answer(db, runner.id, area, said, now)
    )
    if not changed:
        return PainPress.NOT_SORE, None, 0
    return PainPress.ANSWERED, verdict_of(said, sore, today), (today - sore.since).days
