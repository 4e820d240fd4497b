"""A press the fast path did not settle, resolved against the whole stored session.

Every press on any card brings the runner to the stored state: a card that is behind is
redrawn, a closed exercise's card sends the current one, the last exercise's effort answer
ends the session, and a summary that never arrived is sent again (``bot.flows.press`` has
the fast path and the vocabulary of presses).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.flows.cards import card_for, closed_for
from bot.flows.press import EFFORT_CODES, Action, PressOutcome, PressResult
from bot.flows.session import STALE_AFTER, end_session, summary_of
from content.library import Library
from content.load import unit_for
from storage import sessions
from storage.enums import ItemStatus, SessionStatus
from storage.runners import RunnerProfile
from storage.sessions import ItemView, SessionView


async def press(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    item_id: int,
    action: Action,
    token: str,
    message_id: int,
    now: datetime,
) -> PressResult:
    """Resolve a press the fast path did not settle, against the whole stored session.

    ``message_id`` is the message pressed, which becomes the live card of its exercise
    whenever it is redrawn.
    """
    library = library.localized(runner.language)  # the cards speak the runner's language
    found = await sessions.item_with_session(db, item_id)
    if found is None:
        return PressResult(PressOutcome.UNKNOWN)
    item, session = found
    if session.runner_id != runner.id:
        return PressResult(PressOutcome.NOT_YOURS)
    if action is Action.HOW:
        return PressResult(PressOutcome.HOW, exercise_id=item.exercise_id)
    if session.status is not SessionStatus.ACTIVE:
        return await _ended(db, library, runner, session, item, now)
    if action is Action.EFFORT:
        return await _effort(db, library, runner, session, item, token, now)
    current = session.current
    total = len(session.items)
    if current is None:  # every exercise is closed: the last one's effort question is open
        last = session.items[-1]
        ask = closed_for(library, total, last, ask_effort=True, last=True)
        return PressResult(PressOutcome.AWAITING, ask=ask, exercise_id=last.exercise_id)
    if current.sets_done >= current.sets:
        # Every set of the current exercise is logged but closing it did not finish: close
        # it now, whatever was pressed.
        return await _complete(db, library, runner, session, current, message_id, now)
    if item.status is not ItemStatus.ACTIVE:
        return _elsewhere(library, session, item, message_id)
    if action is Action.SKIP and token == "-":
        return await _skip(db, library, runner, session, item, now)
    if item.message_id != message_id:
        await sessions.set_message(db, item.id, message_id)
    unit = runner.weight_unit or unit_for(runner.language)
    card = card_for(library, total, item, weight_unit=unit)
    return PressResult(
        PressOutcome.BEHIND,
        card=card,
        sets_done=item.sets_done,
        exercise_id=item.exercise_id,
        action=action,
    )


async def _complete(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    session: SessionView,
    item: ItemView,
    message_id: int,
    now: datetime,
) -> PressResult:
    """All sets are logged: close the exercise, ask how it felt, and move on."""
    await sessions.close_item(db, item, ItemStatus.DONE)
    fresh = await sessions.load(db, session.id)
    assert fresh is not None
    total = len(fresh.items)
    last = fresh.current is None
    closed = closed_for(
        library, total, replace(item, status=ItemStatus.DONE), ask_effort=True, last=last
    )
    if item.message_id is not None and item.message_id != message_id:
        closed = replace(closed, message_id=message_id)  # the pressed copy shows it
    if fresh.current is None:
        return PressResult(PressOutcome.COMPLETED, closed=closed)
    card = card_for(library, total, fresh.current)
    return PressResult(PressOutcome.COMPLETED, closed=closed, next_card=card)


async def _effort(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    session: SessionView,
    item: ItemView,
    token: str,
    now: datetime,
) -> PressResult:
    """How a finished exercise felt; the last one's answer (or Skip) ends the session."""
    effort = EFFORT_CODES.get(token)
    if token not in EFFORT_CODES or item.status is not ItemStatus.DONE:
        return _elsewhere(library, session, item, item.message_id or 0)
    if effort is not None:
        await sessions.set_effort(db, item.id, effort)
        item = replace(item, effort=effort)
        items = tuple(item if other.id == item.id else other for other in session.items)
        session = replace(session, items=items)
    total = len(session.items)
    closed = closed_for(library, total, item)
    if session.current is not None:
        return PressResult(PressOutcome.EFFORT, closed=closed, effort=effort)
    summary = await end_session(db, library, runner, session, SessionStatus.FINISHED, now)
    return PressResult(PressOutcome.EFFORT, closed=closed, summary=summary, effort=effort)


async def _skip(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    session: SessionView,
    item: ItemView,
    now: datetime,
) -> PressResult:
    """Skip on the full view: the exercise closes; after the last one the session ends."""
    await sessions.close_item(db, item, ItemStatus.SKIPPED)
    total = len(session.items)
    closed = closed_for(library, total, replace(item, status=ItemStatus.SKIPPED))
    fresh = await sessions.load(db, session.id)
    assert fresh is not None
    if fresh.current is not None:
        card = card_for(library, total, fresh.current)
        return PressResult(PressOutcome.SKIPPED, closed=closed, next_card=card)
    summary = await end_session(db, library, runner, fresh, SessionStatus.FINISHED, now)
    return PressResult(PressOutcome.SKIPPED, closed=closed, summary=summary)


def _elsewhere(
    library: Library, session: SessionView, item: ItemView, message_id: int
) -> PressResult:
    """A press naming an exercise that is not current. On the current exercise's own card
    (a forged or mixed-up press) that card is redrawn; elsewhere the pressed card shows its
    end state and the current card is sent anew, so the live card is the last message."""
    current = session.current
    total = len(session.items)
    closed = closed_for(library, total, item) if item.status.closed else None
    if current is None:
        return PressResult(PressOutcome.ELSEWHERE, closed=closed, exercise_id=item.exercise_id)
    card = card_for(library, total, current)
    if current.message_id == message_id:
        return PressResult(PressOutcome.ELSEWHERE, card=card, exercise_id=item.exercise_id)
    if closed is not None and closed.message_id != message_id:
        closed = replace(closed, message_id=message_id)
    return PressResult(
        PressOutcome.ELSEWHERE, closed=closed, next_card=card, exercise_id=item.exercise_id
    )


async def _ended(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    session: SessionView,
    item: ItemView,
    now: datetime,
) -> PressResult:
    """A press on a card of a session that has ended. The runner's latest session ended in
    the last hours gets its summary again: the one sent at the end may never have arrived."""
    closed = closed_for(library, len(session.items), item)
    latest = await sessions.latest_for(db, runner.id)
    recent = session.finished_at is not None and now - session.finished_at < STALE_AFTER
    if latest != session.id or not recent:
        return PressResult(PressOutcome.ENDED, closed=closed)
    summary = await summary_of(db, library, runner, session, now)
    return PressResult(PressOutcome.ENDED, closed=closed, summary=summary)
