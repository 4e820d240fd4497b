"""Reading a runner's record: past sessions with their exercises, sets and changes, and every
logged set as a stream (for the export) or a list (for the chart). Rows in, plain data out.

Effort and load per set are coming (another issue adds nullable columns for them). They are
read here when the columns exist, by the names in ``SET_EXTRAS``, on ``set_log`` first and
else on ``session_item`` (an effort asked once per exercise); until then they read as None
and the history and the export leave them out or empty. This is the one extension point.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, cast

from sqlalchemy import Label, Select, Table, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from content.ladder import ProgressionChange
from storage.models import LegSession, ProgressionEvent, SessionItem, SetLog
from storage.progressions import as_change

# Columns another issue adds (nullable): the weight lifted, its unit, how hard it felt.
SET_EXTRAS: Final = ("load", "load_unit", "effort")
# Rows fetched per round trip while streaming the export.
STREAM_BATCH: Final = 1000

_SET_LOG = cast(Table, SetLog.__table__)
_ITEM = cast(Table, SessionItem.__table__)


@dataclass(frozen=True, slots=True)
class LoggedSet:
    """One set the runner logged, with effort and load when they are stored."""

    session_id: int
    item_id: int
    exercise_id: str
    rung_id: str
    set_number: int
    reps: int
    unit: str
    side: str | None
    logged_at: datetime
    load: float | None = None
    load_unit: str | None = None
    effort: str | None = None


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


def _extra_columns() -> list[Label[Any]]:
    found = []
    for name in SET_EXTRAS:
        for table in (_SET_LOG, _ITEM):
            if name in table.c:
                found.append(table.c[name].label(name))
                break
    return found


def _sets_query() -> Select[Any]:
    columns = [
        SetLog.session_id,
        SetLog.item_id,
        SetLog.exercise_id,
        SetLog.rung_id,
        SetLog.set_number,
        SetLog.reps,
        SetLog.unit,
        SetLog.side,
        SetLog.logged_at,
        *_extra_columns(),
    ]
    return select(*columns).select_from(
        SetLog.__table__.join(SessionItem.__table__, SessionItem.id == SetLog.item_id)
    )


def _logged(row: Any) -> LoggedSet:
    mapping = row._mapping
    load = mapping.get("load")
    return LoggedSet(
        session_id=row.session_id,
        item_id=row.item_id,
        exercise_id=row.exercise_id,
        rung_id=row.rung_id,
        set_number=row.set_number,
        reps=row.reps,
        unit=row.unit,
        side=row.side,
        logged_at=row.logged_at,
        load=float(load) if load is not None else None,
        load_unit=mapping.get("load_unit"),
        effort=mapping.get("effort"),
    )


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
        _sets_query().where(SetLog.session_id.in_(ids)).order_by(SetLog.id)
    ):
        sets[row.session_id].append(_logged(row))
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


async def stream_sets(
    db: AsyncSession, runner_id: int, *, since: datetime | None = None
) -> AsyncIterator[LoggedSet]:
    """Every set the runner logged (since ``since``), oldest first, fetched in batches so a
    long history never sits in memory at once."""
    query = _sets_query().where(SetLog.runner_id == runner_id)
    if since is not None:
        query = query.where(SetLog.logged_at >= since)
    query = query.order_by(SetLog.logged_at, SetLog.id).execution_options(yield_per=STREAM_BATCH)
    result = await db.stream(query)
    async for row in result:
        yield _logged(row)


async def count_sets(db: AsyncSession, runner_id: int) -> int:
    total = await db.scalar(
        select(func.count()).select_from(SetLog).where(SetLog.runner_id == runner_id)
    )
    return int(total or 0)
