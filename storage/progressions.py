"""Progression repository: where each runner stands on each exercise's ladder.

Plain rows (Core statements, ``ProgressionState`` out): no ``Progression`` object is ever
held by a session, so nothing goes stale when the fast path or a batch writes a state. The
end of a session writes every exercise's state in one statement and its events in another.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from content.ladder import ChangeKind, ChangeReason, ProgressionChange, ProgressionState
from content.model import WeightUnit
from storage.enums import EventKind
from storage.models import Progression, ProgressionEvent

_PROGRESSION = cast(Table, Progression.__table__)
_EVENT = cast(Table, ProgressionEvent.__table__)
# The columns a progression state writes (the upsert here and the fast path in storage.presses).
STATE_FIELDS = (
    "rung_id",
    "reps",
    "top_streak",
    "clean_streak",
    "struggle_streak",
    "easy_streak",
    "sets",
    "load",
    "load_unit",
    "harder_next",
)
_UNITS = {unit.value: unit for unit in WeightUnit}
# Built once, with bound parameters: building a statement cost about as much as running it.
_ALL_STATES = select(_PROGRESSION).where(
    _PROGRESSION.c.runner_id == bindparam("runner_id", type_=_PROGRESSION.c.runner_id.type)
)
_SESSION_EVENTS = (
    select(_EVENT)
    .where(
        _EVENT.c.session_id == bindparam("session_id", type_=_EVENT.c.session_id.type),
        _EVENT.c.kind.in_(bindparam("kinds", expanding=True)),
    )
    .order_by(_EVENT.c.id)
)


def state_from_row(row: Any) -> ProgressionState:
    """A progression state from its row's columns (by name)."""
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
        load_unit=_UNITS.get(row.load_unit or ""),
        harder_next=bool(row.harder_next),
    )


async def get_state(db: AsyncSession, runner_id: int, exercise_id: str) -> ProgressionState | None:
    row = (
        await db.execute(
            select(_PROGRESSION).where(
                _PROGRESSION.c.runner_id == runner_id, _PROGRESSION.c.exercise_id == exercise_id
            )
        )
    ).first()
    return state_from_row(row) if row is not None else None


async def all_states(db: AsyncSession, runner_id: int) -> dict[str, ProgressionState]:
    rows = await db.execute(_ALL_STATES, {"runner_id": runner_id})
    return {row.exercise_id: state_from_row(row) for row in rows}


def state_row(runner_id: int, state: ProgressionState) -> dict[str, Any]:
    """A progression state as the columns of its row (the upsert's and the fast path's)."""
    return {
        "runner_id": runner_id,
        "exercise_id": state.exercise_id,
        "rung_id": state.rung_id,
        "reps": state.reps,
        "top_streak": state.top_streak,
        "clean_streak": state.clean_streak,
        "struggle_streak": state.struggle_streak,
        "easy_streak": state.easy_streak,
        "sets": state.sets,
        "load": state.load,
        "load_unit": state.load_unit.value if state.load_unit else None,
        "harder_next": state.harder_next,
    }


async def save_state(db: AsyncSession, runner_id: int, state: ProgressionState) -> None:
    await save_states(db, runner_id, [state])


async def save_states(
    db: AsyncSession, runner_id: int, states: Sequence[ProgressionState]
) -> None:
    """Store several exercises' states in one statement (an upsert: inserted the first
    time, every field replaced after)."""
    if not states:
        return
    # one statement, its rows as parameters: compiled once, not per count of rows
    rows = [state_row(runner_id, state) for state in states]
    await db.execute(_upsert(db.get_bind().dialect.name), rows)


@functools.cache
def _upsert(dialect: str) -> Any:
    upsert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    statement = upsert(_PROGRESSION)
    replaced: dict[str, Any] = {name: statement.excluded[name] for name in STATE_FIELDS}
    replaced["updated_at"] = func.now()
    return statement.on_conflict_do_update(
        index_elements=["runner_id", "exercise_id"], set_=replaced
    )


@dataclass(frozen=True, slots=True)
class Event:
    """A progression change to record (:func:`record_many`)."""

    exercise_id: str
    kind: EventKind
    change: ProgressionChange
    session_id: int | None = None


def event_row(runner_id: int, event: Event) -> dict[str, Any]:
    """A change as the columns of its event row (here and on the fast path)."""
    change = event.change
    return {
        "runner_id": runner_id,
        "exercise_id": event.exercise_id,
        "session_id": event.session_id,
        "kind": event.kind.value,
        "from_rung": change.from_rung,
        "to_rung": change.to_rung,
        "reason": change.reason.value,
        "from_reps": change.from_reps,
        "to_reps": change.to_reps,
        "sets": change.sets,
        "days": change.days,
        "from_load": change.from_load,
        "to_load": change.to_load,
        "load_unit": change.load_unit.value if change.load_unit else None,
    }


async def record_many(
    db: AsyncSession, runner_id: int, events: Sequence[Event], *, at: datetime | None = None
) -> None:
    """Record several changes in one statement, in order (their ids follow it), made ``at``
    (the application's clock; the database's when None)."""
    if events:
        rows = [event_row(runner_id, e) for e in events]
        if at is not None:
            for row in rows:
                row["created_at"] = at
        # the rows as parameters (one statement, compiled once), inserted in their order
        await db.execute(insert(_EVENT), rows)


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
    row = event_row(runner_id, Event(exercise_id, kind, change, session_id))
    if at is not None:
        row["created_at"] = at
    await db.execute(insert(_EVENT).values(row))


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
) -> list[tuple[Any, ProgressionChange]]:
    """The progression changes recorded during one session, oldest first (by default the
    runner's Harder/Easier presses): plain rows (``exercise_id``, ``kind``...) and their
    changes."""
    wanted = [kind.value for kind in kinds or (EventKind.HARDER, EventKind.EASIER)]
    rows = await db.execute(_SESSION_EVENTS, {"session_id": session_id, "kinds": wanted})
    changes = []
    for row in rows:
        change = as_change(cast(ProgressionEvent, row))
        if change is not None:
            changes.append((row, change))
    return changes
