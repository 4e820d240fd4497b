"""Reading a runner's record: past sessions with their exercises, sets and changes (for
/history), every session's outline and every progression change (for the export). Rows in,
plain data out; the sets themselves are read through ``storage.sets``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from content.ladder import ProgressionChange
from storage.models import LegSession, ProgressionEvent, SessionItem, SetLog
from storage.progressions import as_change
from storage.sets import LoggedSet, logged, sets_query


@dataclass(frozen=True, slots=True)
class PlannedItem:
    """One exercise of a stored session: what was planned and how far the runner got."""

    id: int
    position: int
    exercise_id: str
    rung_id: str
    sets: int
    reps: int
    unit: str
    per_side: bool
    status: str
    sets_done: int


@dataclass(frozen=True, slots=True)
class SessionRecord:
    """A past (or running) session: its items, the sets logged and the changes it led to."""

    id: int
    status: str
    started_at: datetime | None
    finished_at: datetime | None
    items: tuple[PlannedItem, ...]
    sets: tuple[LoggedSet, ...]
    changes: tuple[tuple[str, str, ProgressionChange], ...]  # (exercise id, event kind, change)


async def session_ids(
    db: AsyncSession,
    runner_id: int,
    *,
    before: int | None = None,
    after: int | None = None,
    limit: int,
) -> list[int]:
    """Up to ``limit`` of the runner's session ids, newest first: the newest ones, those
    older than ``before``, or the oldest ones newer than ``after`` (still returned newest
    first)."""
    query = select(LegSession.id).where(LegSession.runner_id == runner_id)
    if after is not None:
        query = query.where(LegSession.id > after).order_by(LegSession.id).limit(limit)
        return sorted((await db.scalars(query)).all(), reverse=True)
    if before is not None:
        query = query.where(LegSession.id < before)
    return list((await db.scalars(query.order_by(LegSession.id.desc()).limit(limit))).all())


async def has_sessions(
    db: AsyncSession, runner_id: int, *, before: int | None = None, after: int | None = None
) -> bool:
    query = select(LegSession.id).where(LegSession.runner_id == runner_id)
    if before is not None:
        query = query.where(LegSession.id < before)
    if after is not None:
        query = query.where(LegSession.id > after)
    return (await db.scalar(query.limit(1))) is not None


async def sessions(db: AsyncSession, ids: Sequence[int]) -> list[SessionRecord]:
    """The sessions ``ids`` in that order, each with its items, sets and changes: four
    queries whatever the number of sessions."""
    if not ids:
        return []
    rows = {
        row.id: row
        for row in await db.execute(
            select(
                LegSession.id, LegSession.status, LegSession.started_at, LegSession.finished_at
            ).where(LegSession.id.in_(ids))
        )
    }
    items: dict[int, list[PlannedItem]] = defaultdict(list)
    for item in await db.scalars(
        select(SessionItem).where(SessionItem.session_id.in_(ids)).order_by(SessionItem.position)
    ):
        items[item.session_id].append(_planned(item))
    sets: dict[int, list[LoggedSet]] = defaultdict(list)
    for row in await db.execute(
        sets_query().where(SetLog.session_id.in_(ids)).order_by(SetLog.id)
    ):
        sets[row.session_id].append(logged(row))
    changes: dict[int, list[tuple[str, str, ProgressionChange]]] = defaultdict(list)
    for event in await db.scalars(
        select(ProgressionEvent)
        .where(ProgressionEvent.session_id.in_(ids))
        .order_by(ProgressionEvent.id)
    ):
        change = as_change(event)  # None for rows that hold a sentence instead of a code
        if change is not None and event.session_id is not None:
            changes[event.session_id].append((event.exercise_id, event.kind, change))
    return [
        SessionRecord(
            id=session_id,
            status=rows[session_id].status,
            started_at=rows[session_id].started_at,
            finished_at=rows[session_id].finished_at,
            items=tuple(items[session_id]),
            sets=tuple(sets[session_id]),
            changes=tuple(changes[session_id]),
        )
        for session_id in ids
        if session_id in rows
    ]


def _planned(item: SessionItem) -> PlannedItem:
    return PlannedItem(
        id=item.id,
        position=item.position,
        exercise_id=item.exercise_id,
        rung_id=item.rung_id,
        sets=item.sets,
        reps=item.reps,
        unit=item.unit,
        per_side=item.per_side,
        status=item.status,
        sets_done=item.sets_done,
    )


@dataclass(frozen=True, slots=True)
class SessionOutline:
    """What the export and the chart need of every session: when, how it ended, its plan."""

    id: int
    status: str
    started_at: datetime | None
    finished_at: datetime | None
    plan: tuple[tuple[str, int], ...]  # (exercise id, planned sets), in order


async def outlines(db: AsyncSession, runner_id: int) -> dict[int, SessionOutline]:
    """Every session of the runner, by id (two queries)."""
    plans: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for row in await db.execute(
        select(SessionItem.session_id, SessionItem.exercise_id, SessionItem.sets)
        .join(LegSession, LegSession.id == SessionItem.session_id)
        .where(LegSession.runner_id == runner_id)
        .order_by(SessionItem.session_id, SessionItem.position)
    ):
        plans[row.session_id].append((row.exercise_id, row.sets))
    found = await db.execute(
        select(LegSession.id, LegSession.status, LegSession.started_at, LegSession.finished_at)
        .where(LegSession.runner_id == runner_id)
        .order_by(LegSession.id)
    )
    return {
        row.id: SessionOutline(
            row.id, row.status, row.started_at, row.finished_at, tuple(plans[row.id])
        )
        for row in found
    }


@dataclass(frozen=True, slots=True)
class ChangeRow:
    """A stored progression change, as the export lists it (``reason`` is a ChangeReason
    code, or a sentence in rows older than the codes)."""

    at: datetime
    exercise_id: str
    kind: str
    from_rung: str
    to_rung: str
    reason: str
    from_reps: int | None
    to_reps: int | None
    session_id: int | None
    change: ProgressionChange | None  # None for rows older than reason codes


async def changes(db: AsyncSession, runner_id: int) -> list[ChangeRow]:
    """Every progression change of the runner, oldest first."""
    rows = await db.scalars(
        select(ProgressionEvent)
        .where(ProgressionEvent.runner_id == runner_id)
        .order_by(ProgressionEvent.id)
    )
    return [
        ChangeRow(
            at=row.created_at,
            exercise_id=row.exercise_id,
            kind=row.kind,
            from_rung=row.from_rung,
            to_rung=row.to_rung,
            reason=row.reason,
            from_reps=row.from_reps,
            to_reps=row.to_reps,
            session_id=row.session_id,
            change=as_change(row),
        )
        for row in rows
    ]
