"""What a session start reads and the row it claims, in as few round trips as they allow.

``reads`` is everything the start's rules need, in one statement: the runner's active
session (its id), how many sessions they finished (which exercises come round next), their
sore areas and where they stand on each ladder. The runner's row is left-joined to their
sore areas and to their progression rows, so the statement returns one row per (sore area,
exercise) pair, at most a few dozen, and never none; the pairs are taken apart here.

``claim`` inserts the active session with its warm-up (``ON CONFLICT DO NOTHING`` on the
one-active-session index: two starts racing make one session) and asks in the same
statement whether the runner was ever shown a card of the session's first exercise, so
the first card knows whether its picture goes with it (``storage.meetings``) without a
read of its own.

Both statements are built once per dialect with bound parameters: building and compiling
them cost more than running them (docs/PERFORMANCE.md). Nothing here commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import (
    BindParameter,
    Insert,
    Integer,
    Select,
    Table,
    bindparam,
    exists,
    func,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from content.ladder import ProgressionState
from content.pain import SoreArea
from storage import pain, progressions
from storage.enums import SessionStatus
from storage.models import LegSession, Progression, Runner, SessionItem
from storage.models import SoreArea as SoreAreaRow
from storage.rows import Columns, dialect

_SORE = cast(Table, SoreAreaRow.__table__)
_PROGRESSION = cast(Table, Progression.__table__)
_SORE_FIELDS = ("area", "since", "reported_at", "answer", "answered_at")
_STATE_FIELDS = ("exercise_id", *progressions.STATE_FIELDS)


@dataclass(frozen=True, slots=True)
class StartReads:
    """What a start's rules read: the active session (None: none), the count of finished
    or stopped sessions, the sore areas (in ``Area`` order) and the ladder states."""

    active_id: int | None
    finished: int
    sore: tuple[SoreArea, ...]
    states: dict[str, ProgressionState]


async def reads(db: AsyncSession, runner_id: int) -> StartReads:
    """The runner's active session, finished count, sore areas and states: one statement."""
    rows = (await db.execute(_reads(), {"runner_id": runner_id})).all()
    if not rows:  # no such runner: nothing stored for them
        return StartReads(None, 0, (), {})
    sore: dict[str, SoreArea] = {}
    states: dict[str, ProgressionState] = {}
    for row in rows:
        values = row._mapping
        if values["sore_area"] is not None and values["sore_area"] not in sore:
            found = pain.sore_from_row(
                Columns({field: values[f"sore_{field}"] for field in _SORE_FIELDS})
            )
            if found is not None:
                sore[values["sore_area"]] = found
        exercise_id = values["p_exercise_id"]
        if exercise_id is not None and exercise_id not in states:
            states[exercise_id] = progressions.state_from_row(
                Columns({field: values[f"p_{field}"] for field in _STATE_FIELDS})
            )
    first = rows[0]
    return StartReads(
        first.active_id, int(first.finished or 0), pain.in_area_order(sore.values()), states
    )


@cache
def _reads() -> Select[Any]:
    runner_id: BindParameter[int] = bindparam("runner_id", type_=Integer)
    active = (
        select(LegSession.id)
        .where(LegSession.runner_id == runner_id, LegSession.status == SessionStatus.ACTIVE)
        .order_by(LegSession.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    finished = (
        select(func.count())
        .select_from(LegSession)
        .where(
            LegSession.runner_id == runner_id,
            LegSession.status.in_((SessionStatus.FINISHED, SessionStatus.STOPPED)),
        )
        .scalar_subquery()
    )
    return (
        select(
            active.label("active_id"),
            finished.label("finished"),
            *(_SORE.c[field].label(f"sore_{field}") for field in _SORE_FIELDS),
            *(_PROGRESSION.c[field].label(f"p_{field}") for field in _STATE_FIELDS),
        )
        .select_from(Runner)
        .outerjoin(_SORE, _SORE.c.runner_id == Runner.id)
        .outerjoin(_PROGRESSION, _PROGRESSION.c.runner_id == Runner.id)
        .where(Runner.id == runner_id)
    )


@dataclass(frozen=True, slots=True)
class Claimed:
    """The session row a start inserted, and whether the runner was shown a card of its
    first exercise before (so its picture is not sent again)."""

    id: int
    first_met: bool


async def claim(
    db: AsyncSession,
    runner_id: int,
    *,
    warmup: str,
    now: datetime,
    planned_for: datetime | None = None,
    kind: str | None = None,
    replaces_id: int | None = None,
    first_exercise: str | None = None,
) -> Claimed | None:
    """Insert the runner's active session row (``kind``: what it was started as, and the
    session it replaces); None if one is active already."""
    row = (
        await db.execute(
            _claim(dialect(db)),
            {
                "runner_id": runner_id,
                "status": SessionStatus.ACTIVE.value,
                "warmup": warmup,
                "current_position": 0,
                "planned_for": planned_for,
                "started_at": now,
                "kind": kind,
                "replaces_id": replaces_id,
                "first_exercise": first_exercise,
            },
        )
    ).first()
    return Claimed(int(row[0]), bool(row[1])) if row is not None else None


@cache
def _claim(name: str) -> Insert:
    insert = postgresql_insert if name == "postgresql" else sqlite_insert
    # no join: SQLite writes RETURNING's columns unqualified, so each SELECT has one table
    sessions = select(LegSession.id).where(LegSession.runner_id == bindparam("runner_id"))
    met = exists(
        select(SessionItem.id).where(
            SessionItem.exercise_id == bindparam("first_exercise"),
            SessionItem.message_id.is_not(None),
            SessionItem.session_id.in_(sessions),
        )
    )
    table = cast(Table, LegSession.__table__)
    columns = (
        "runner_id",
        "status",
        "warmup",
        "current_position",
        "planned_for",
        "started_at",
        "kind",
        "replaces_id",
    )
    return (
        insert(LegSession)
        .values({column: bindparam(column, type_=table.c[column].type) for column in columns})
        .on_conflict_do_nothing(
            index_elements=["runner_id"],
            # a literal, as in the index: PostgreSQL cannot match a bound parameter to it
            index_where=text("status = 'active'"),
        )
        .returning(LegSession.id, met)
    )
