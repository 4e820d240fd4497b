"""Progression repository: where each runner stands on each exercise's ladder."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from content.ladder import ChangeKind, ChangeReason, ProgressionChange, ProgressionState
from content.model import WeightUnit
from storage.enums import EventKind
from storage.models import Progression, ProgressionEvent


def _state(row: Progression) -> ProgressionState:
    return ProgressionState(
        exercise_id=row.exercise_id,
        rung_id=row.rung_id,
        reps=row.reps,
        top_streak=row.top_streak,
        clean_streak=row.clean_streak,
        struggle_streak=row.struggle_streak or 0,
        easy_streak=row.easy_streak or 0,
        sets=row.sets,
        load=row.load,
        load_unit=WeightUnit(row.load_unit) if row.load_unit else None,
        harder_next=bool(row.harder_next),
    )


async def get_state(db: AsyncSession, runner_id: int, exercise_id: str) -> ProgressionState | None:
    row = await db.get(Progression, (runner_id, exercise_id))
    return _state(row) if row else None


async def all_states(db: AsyncSession, runner_id: int) -> dict[str, ProgressionState]:
    rows = await db.scalars(select(Progression).where(Progression.runner_id == runner_id))
    return {row.exercise_id: _state(row) for row in rows}


async def save_state(db: AsyncSession, runner_id: int, state: ProgressionState) -> None:
    row = await db.get(Progression, (runner_id, state.exercise_id))
    if row is None:
        row = Progression(runner_id=runner_id, exercise_id=state.exercise_id)
        db.add(row)
    row.rung_id = state.rung_id
    row.reps = state.reps
    row.top_streak = state.top_streak
    row.clean_streak = state.clean_streak
    row.struggle_streak = state.struggle_streak
    row.easy_streak = state.easy_streak
    row.sets = state.sets
    row.load = state.load
    row.load_unit = state.load_unit.value if state.load_unit else None
    row.harder_next = state.harder_next
    await db.flush()


async def record(
    db: AsyncSession,
    runner_id: int,
    exercise_id: str,
    kind: EventKind,
    change: ProgressionChange,
    session_id: int | None = None,
    *,
    at: datetime | None = None,
) -> None:
    """Keep why a progression changed (Harder, Easier, a restart, automatic), for the
    runner's history: the reason is stored as its code, never as words."""
    event = ProgressionEvent(
        runner_id=runner_id,
        exercise_id=exercise_id,
        session_id=session_id,
        kind=kind,
        from_rung=change.from_rung,
        to_rung=change.to_rung,
        reason=change.reason,
        from_reps=change.from_reps,
        to_reps=change.to_reps,
        sets=change.sets,
        days=change.days,
        from_load=change.from_load,
        to_load=change.to_load,
        load_unit=change.load_unit.value if change.load_unit else None,
    )
    if at is not None:
        event.created_at = at
    db.add(event)
    await db.flush()


async def history(db: AsyncSession, runner_id: int, exercise_id: str) -> list[ProgressionEvent]:
    rows = await db.scalars(
        select(ProgressionEvent)
        .where(
            ProgressionEvent.runner_id == runner_id, ProgressionEvent.exercise_id == exercise_id
        )
        .order_by(ProgressionEvent.id)
    )
    return list(rows)


def as_change(row: ProgressionEvent) -> ProgressionChange | None:
    """The change an event records; None for rows older than reason codes."""
    try:
        reason = ChangeReason(row.reason)
    except ValueError:
        reason = None
    if reason is None and row.kind in (EventKind.HARDER, EventKind.EASIER):
        reason = (
            ChangeReason.RUNNER_HARDER
            if row.kind == EventKind.HARDER
            else ChangeReason.RUNNER_EASIER
        )
    if reason is None:
        return None
    kind = _KIND_OF_EVENT.get(EventKind(row.kind)) if row.kind in _KIND_OF_EVENT else None
    if kind is None:
        kind = ChangeKind.UP if reason is ChangeReason.RUNNER_HARDER else ChangeKind.DOWN
    return ProgressionChange(
        kind,
        reason,
        row.from_rung,
        row.to_rung,
        row.from_reps or 0,
        row.to_reps or 0,
        sets=row.sets or 0,
        days=row.days or 0,
        from_load=row.from_load,
        to_load=row.to_load,
        load_unit=WeightUnit(row.load_unit) if row.load_unit else None,
    )


_KIND_OF_EVENT = {
    EventKind.AUTO_UP: ChangeKind.UP,
    EventKind.AUTO_REPS: ChangeKind.REPS,
    EventKind.AUTO_AT_TOP: ChangeKind.AT_TOP,
    EventKind.AUTO_DOWN: ChangeKind.DOWN,
    EventKind.AUTO_LOAD: ChangeKind.LOAD,
}


async def session_changes(
    db: AsyncSession, session_id: int, kinds: tuple[EventKind, ...] = ()
) -> list[tuple[ProgressionEvent, ProgressionChange]]:
    """The progression changes recorded during one session, oldest first (by default the
    runner's Harder/Easier presses)."""
    wanted = kinds or (EventKind.HARDER, EventKind.EASIER)
    rows = await db.scalars(
        select(ProgressionEvent)
        .where(ProgressionEvent.session_id == session_id, ProgressionEvent.kind.in_(wanted))
        .order_by(ProgressionEvent.id)
    )
    changes = []
    for row in rows:
        change = as_change(row)
        if change is not None:
            changes.append((row, change))
    return changes
