"""Progression repository: where each runner stands on each exercise's ladder."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from content.ladder import ProgressionChange, ProgressionState
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


async def record_change(
    db: AsyncSession,
    runner_id: int,
    exercise_id: str,
    *,
    kind: str,
    from_rung: str,
    to_rung: str,
    reason: str,
    session_id: int | None = None,
    at: datetime | None = None,
) -> None:
    """Keep why a progression changed (Harder, Easier, automatic), for the runner's history."""
    event = ProgressionEvent(
        runner_id=runner_id,
        exercise_id=exercise_id,
        session_id=session_id,
        kind=kind,
        from_rung=from_rung,
        to_rung=to_rung,
        reason=reason,
    )
    if at is not None:
        event.created_at = at
    db.add(event)
    await db.flush()


async def record_automatic(
    db: AsyncSession, runner_id: int, change: ProgressionChange, exercise_id: str, session_id: int
) -> None:
    await record_change(
        db,
        runner_id,
        exercise_id,
        kind=f"auto_{change.kind}",
        from_rung=change.from_rung,
        to_rung=change.to_rung,
        reason=change.reason,
        session_id=session_id,
    )


async def history(db: AsyncSession, runner_id: int, exercise_id: str) -> list[ProgressionEvent]:
    rows = await db.scalars(
        select(ProgressionEvent)
        .where(
            ProgressionEvent.runner_id == runner_id, ProgressionEvent.exercise_id == exercise_id
        )
        .order_by(ProgressionEvent.id)
    )
    return list(rows)


async def session_events(db: AsyncSession, session_id: int) -> list[ProgressionEvent]:
    """Harder/Easier presses made during one session, oldest first."""
    rows = await db.scalars(
        select(ProgressionEvent)
        .where(
            ProgressionEvent.session_id == session_id,
            ProgressionEvent.kind.in_(("harder", "easier")),
        )
        .order_by(ProgressionEvent.id)
    )
    return list(rows)
