"""Progression repository: where each runner stands on each exercise's ladder."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from content.ladder import ChangeKind, ChangeReason, ProgressionChange, ProgressionState
from storage.enums import EventKind
from storage.models import Progression, ProgressionEvent


def _state(row: Progression) -> ProgressionState:
    return ProgressionState(
        exercise_id=row.exercise_id,
        rung_id=row.rung_id,
        reps=row.reps,
        top_streak=row.top_streak,
        clean_streak=row.clean_streak,
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


async def session_changes(
    db: AsyncSession, session_id: int
) -> list[tuple[ProgressionEvent, ProgressionChange]]:
    """Harder/Easier presses made during one session, oldest first, as changes."""
    rows = await db.scalars(
        select(ProgressionEvent)
        .where(
            ProgressionEvent.session_id == session_id,
            ProgressionEvent.kind.in_((EventKind.HARDER, EventKind.EASIER)),
        )
        .order_by(ProgressionEvent.id)
    )
    changes = []
    for row in rows:
        up = row.kind == EventKind.HARDER
        change = ProgressionChange(
            ChangeKind.UP if up else ChangeKind.DOWN,
            ChangeReason.RUNNER_HARDER if up else ChangeReason.RUNNER_EASIER,
            row.from_rung,
            row.to_rung,
            0,
            0,
        )
        changes.append((row, change))
    return changes
