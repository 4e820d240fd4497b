"""Every set a runner logged: streamed for the export, summed per rung for the chart.

Effort and load per set are coming (another issue adds nullable columns for them). They are
read here when the columns exist, by the names in ``SET_EXTRAS``, on ``set_log`` first and
else on ``session_item`` (an effort asked once per exercise); until then they read as None
and the history and the export leave them out or empty. This is the one extension point.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final, cast

from sqlalchemy import Label, Select, Table, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import SessionItem, SetLog

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


def _extra_columns() -> list[Label[Any]]:
    found = []
    for name in SET_EXTRAS:
        for table in (_SET_LOG, _ITEM):
            if name in table.c:
                found.append(table.c[name].label(name))
                break
    return found


_BASE_COLUMNS: Final = 9
_EXTRA_NAMES: Final = tuple(column.name for column in _extra_columns())


def sets_query() -> Select[Any]:
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


def logged(row: Any) -> LoggedSet:
    extras = dict(zip(_EXTRA_NAMES, row[_BASE_COLUMNS:], strict=True)) if _EXTRA_NAMES else {}
    load = extras.get("load")
    return LoggedSet(
        session_id=row[0],
        item_id=row[1],
        exercise_id=row[2],
        rung_id=row[3],
        set_number=row[4],
        reps=row[5],
        unit=row[6],
        side=row[7],
        logged_at=row[8],
        load=float(load) if load is not None else None,
        load_unit=extras.get("load_unit"),
        effort=extras.get("effort"),
    )


async def stream_sets(db: AsyncSession, runner_id: int) -> AsyncIterator[LoggedSet]:
    """Every set the runner logged, oldest first, fetched in batches so a long history
    never sits in memory at once."""
    query = sets_query().where(SetLog.runner_id == runner_id)
    query = query.order_by(SetLog.logged_at, SetLog.id).execution_options(yield_per=STREAM_BATCH)
    result = await db.stream(query)
    async for batch in result.partitions():  # one hop to the driver per batch, not per row
        for row in batch:
            yield logged(row)


@dataclass(frozen=True, slots=True)
class RungBlock:
    """The sets of one exercise on one rung in one session, summed up (for the chart)."""

    session_id: int
    exercise_id: str
    rung_id: str
    unit: str
    per_side: bool
    sets: int
    best: int  # the most reps (seconds, jumps) in one set
    total: int
    first_at: datetime
    last_at: datetime


async def rung_blocks(db: AsyncSession, runner_id: int, since: datetime) -> list[RungBlock]:
    """The runner's sets since ``since``, one row per session, exercise and rung, in the
    order they were done: the database sums them, a year comes back as a few hundred rows."""
    per_side = func.max(case((SetLog.side.is_not(None), 1), else_=0))
    query = (
        select(
            SetLog.session_id,
            SetLog.exercise_id,
            SetLog.rung_id,
            SetLog.unit,
            per_side,
            func.count(),
            func.max(SetLog.reps),
            func.sum(SetLog.reps),
            func.min(SetLog.logged_at),
            func.max(SetLog.logged_at),
        )
        .where(SetLog.runner_id == runner_id, SetLog.logged_at >= since)
        .group_by(SetLog.session_id, SetLog.exercise_id, SetLog.rung_id, SetLog.unit)
        .order_by(func.max(SetLog.logged_at))
    )
    return [
        RungBlock(
            session_id=row[0],
            exercise_id=row[1],
            rung_id=row[2],
            unit=row[3],
            per_side=bool(row[4]),
            sets=int(row[5]),
            best=int(row[6]),
            total=int(row[7]),
            first_at=_utc(row[8]),
            last_at=_utc(row[9]),
        )
        for row in await db.execute(query)
    ]


def _utc(value: Any) -> datetime:
    """An aggregate of a UTC column: SQLite hands it back as text or naive, not typed."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


async def count_sets(db: AsyncSession, runner_id: int) -> int:
    total = await db.scalar(
        select(func.count()).select_from(SetLog).where(SetLog.runner_id == runner_id)
    )
    return int(total or 0)
