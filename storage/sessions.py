"""Leg-session repository: the stored plan, the progress through it, and the set logs.

Progress changes are conditional updates (``WHERE sets_done = :expected``), so a double tap
or two racing presses log one set, whatever the database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Integer, bindparam, func, select, text, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from content.model import Effort, Level, Prescription, Unit, WeightUnit
from storage.enums import ItemStatus, SessionStatus
from storage.fast import FastPath, OneTrip
from storage.models import LegSession, Runner, SessionItem, SetLog
from storage.rows import chunks

# Kept for callers and tests that name the statuses directly.
ACTIVE = SessionStatus.ACTIVE
FINISHED = SessionStatus.FINISHED
STOPPED = SessionStatus.STOPPED


@dataclass(frozen=True, slots=True)
class ItemView:
    """One exercise of a stored session and how far the runner got with it."""

    id: int
    session_id: int
    position: int
    exercise_id: str
    rung_id: str
    sets: int
    reps: int
    unit: Unit
    per_side: bool
    status: ItemStatus
    sets_done: int
    message_id: int | None
    effort: Effort | None = None
    load: float | None = None
    load_unit: WeightUnit | None = None
    moved_up: bool = False
    offer_harder: bool = False

    @property
    def prescription(self) -> Prescription:
        return Prescription(
            self.exercise_id, self.rung_id, self.sets, self.reps, self.unit, self.per_side
        )


@dataclass(frozen=True, slots=True)
class SessionView:
    id: int
    runner_id: int
    status: SessionStatus
    warmup: str
    current_position: int
    planned_for: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    items: tuple[ItemView, ...]

    @property
    def current(self) -> ItemView | None:
        for item in self.items:
            if item.position == self.current_position:
                return item
        return None


def _item(row: SessionItem) -> ItemView:
    return ItemView(
        id=row.id,
        session_id=row.session_id,
        position=row.position,
        exercise_id=row.exercise_id,
        rung_id=row.rung_id,
        sets=row.sets,
        reps=row.reps,
        unit=Unit(row.unit),
        per_side=row.per_side,
        status=ItemStatus(row.status),
        sets_done=row.sets_done,
        message_id=row.message_id,
        effort=Effort(row.effort) if row.effort else None,
        load=row.load,
        load_unit=WeightUnit(row.load_unit) if row.load_unit else None,
        moved_up=bool(row.moved_up),
        offer_harder=bool(row.offer_harder),
    )


async def load(db: AsyncSession, session_id: int) -> SessionView | None:
    row = await db.get(LegSession, session_id, populate_existing=True)
    if row is None:
        return None
    items = await db.scalars(
        select(SessionItem)
        .where(SessionItem.session_id == session_id)
        .order_by(SessionItem.position)
        .execution_options(populate_existing=True)
    )
    return SessionView(
        id=row.id,
        runner_id=row.runner_id,
        status=SessionStatus(row.status),
        warmup=row.warmup,
        current_position=row.current_position,
        planned_for=row.planned_for,
        started_at=row.started_at,
        finished_at=row.finished_at,
        items=tuple(_item(item) for item in items),
    )


async def active_for(db: AsyncSession, runner_id: int) -> SessionView | None:
    session_id = await db.scalar(
        select(LegSession.id)
        .where(LegSession.runner_id == runner_id, LegSession.status == ACTIVE)
        .order_by(LegSession.id.desc())
        .limit(1)
    )
    return await load(db, session_id) if session_id is not None else None


async def latest_for(db: AsyncSession, runner_id: int) -> int | None:
    """The id of the runner's most recent session, whatever its status."""
    return await db.scalar(
        select(func.max(LegSession.id)).where(LegSession.runner_id == runner_id)
    )


async def count_finished(db: AsyncSession, runner_id: int) -> int:
    total = await db.scalar(
        select(func.count())
        .select_from(LegSession)
        .where(
            LegSession.runner_id == runner_id,
            LegSession.status.in_((SessionStatus.FINISHED, SessionStatus.STOPPED)),
        )
    )
    return int(total or 0)


async def count_finished_many(db: AsyncSession, runner_ids: Sequence[int]) -> dict[int, int]:
    """``count_finished`` for many runners in one statement per chunk (runners with none are
    left out): the leg-day reminder names the exercises the next session will hold."""
    found: dict[int, int] = {}
    for chunk in chunks(sorted(set(runner_ids))):
        rows = await db.execute(
            select(LegSession.runner_id, func.count())
            .where(
                LegSession.runner_id.in_(chunk),
                LegSession.status.in_((SessionStatus.FINISHED, SessionStatus.STOPPED)),
            )
            .group_by(LegSession.runner_id)
        )
        found.update({runner_id: int(count) for runner_id, count in rows})
    return found


async def create(
    db: AsyncSession,
    runner_id: int,
    *,
    warmup: str,
    items: Sequence[Prescription],
    now: datetime,
    planned_for: datetime | None = None,
) -> SessionView | None:
    """Store a planned session as started, with its first exercise current.

    None when the runner already has an active session: at most one per runner is enforced
    by a partial unique index, and the insert is ``ON CONFLICT DO NOTHING``, so two presses
    racing (in one process or two) make one session and the loser learns it without an error.
    """
    session_id = await claim(db, runner_id, warmup=warmup, now=now, planned_for=planned_for)
    if session_id is None:
        return None
    await add_items(db, session_id, items)
    view = await load(db, session_id)
    assert view is not None
    return view


async def claim(
    db: AsyncSession,
    runner_id: int,
    *,
    warmup: str,
    now: datetime,
    planned_for: datetime | None = None,
) -> int | None:
    """Insert the runner's active session row; its id, or None if one is active already."""
    values = {
        "runner_id": runner_id,
        "status": SessionStatus.ACTIVE,
        "warmup": warmup,
        "current_position": 0,
        "planned_for": planned_for,
        "started_at": now,
    }
    insert = postgresql_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert(LegSession)
        .values(values)
        .on_conflict_do_nothing(
            index_elements=["runner_id"],
            # a literal, as in the index: PostgreSQL cannot match a bound parameter to it
            index_where=text("status = 'active'"),
        )
        .returning(LegSession.id)
    )
    session_id = await db.scalar(statement)
    return int(session_id) if session_id is not None else None


async def set_warmup(db: AsyncSession, session_id: int, warmup: str) -> None:
    await db.execute(update(LegSession).where(LegSession.id == session_id).values(warmup=warmup))


@dataclass(frozen=True, slots=True)
class Carried:
    """What an exercise's item carries over from the runner's progression: the dumbbell
    weight last used, and whether to offer Harder."""

    load: float | None = None
    load_unit: WeightUnit | None = None
    offer_harder: bool = False


async def add_items(
    db: AsyncSession,
    session_id: int,
    items: Sequence[Prescription],
    carried: Mapping[str, Carried] | None = None,
) -> None:
    """The session's exercises, in order, the first one current."""
    extras = carried or {}
    for position, dose in enumerate(items):
        extra = extras.get(dose.exercise_id, Carried())
        db.add(
            SessionItem(
                session_id=session_id,
                position=position,
                exercise_id=dose.exercise_id,
                rung_id=dose.rung_id,
                sets=dose.sets,
                reps=dose.reps,
                unit=str(dose.unit),
                per_side=dose.per_side,
                status=ItemStatus.ACTIVE if position == 0 else ItemStatus.PENDING,
                sets_done=0,
                load=extra.load,
                load_unit=extra.load_unit.value if extra.load_unit else None,
                offer_harder=extra.offer_harder,
            )
        )
    await db.flush()


async def item_with_session(db: AsyncSession, item_id: int) -> tuple[ItemView, SessionView] | None:
    session_id = await db.scalar(select(SessionItem.session_id).where(SessionItem.id == item_id))
    if session_id is None:
        return None
    session = await load(db, session_id)
    if session is None:
        return None
    item = next(item for item in session.items if item.id == item_id)
    return item, session


async def set_message(db: AsyncSession, item_id: int, message_id: int) -> None:
    await db.execute(
        update(SessionItem).where(SessionItem.id == item_id).values(message_id=message_id)
    )


@dataclass(frozen=True, slots=True)
class Logged:
    """A set just logged: the item after it, how many exercises its session has, and
    whether the runner wants the rest timer."""

    item: ItemView
    total: int
    rest_timer: bool
    level: Level | None = None


async def log_set(
    fast: FastPath,
    *,
    item_id: int,
    telegram_user_id: int,
    expected_done: int,
    now: datetime,
    reps: int | None = None,
) -> Logged | None:
    """Log the next set of an exercise in one atomic statement; None if it did not apply.

    The statement only matches when the item is the current exercise of an active session of
    *this* Telegram user and exactly ``expected_done`` sets were logged before, so a double
    tap, a stale card or someone else's button changes nothing. ``reps`` is what the set
    counted when the runner said (Fewer), else the prescription. The ``set_log`` row is
    written by a trigger in the same statement (``storage.triggers``); ``fast`` holds an
    autocommit connection, so the press costs a single round trip.
    """
    params = {
        "item_id": item_id,
        "expected_done": expected_done,
        "telegram_user_id": telegram_user_id,
        "now": now,
        "reps": reps,
    }
    row = await fast.fetch_one(_log_set_statement(), **params)
    if row is None:
        return None
    level = row[ITEM_WIDTH + 2]
    return Logged(
        item_from_row(row),
        int(row[ITEM_WIDTH]),
        bool(row[ITEM_WIDTH + 1]),
        Level(level) if level else None,
    )


@cache
def _log_set_statement() -> OneTrip:
    """Built once: constructing and compiling this statement costs more than running it."""
    siblings, this = aliased(SessionItem), aliased(SessionItem)
    owned_sessions = (
        select(LegSession.id)
        .join(Runner, Runner.id == LegSession.runner_id)
        .where(
            Runner.telegram_user_id == bindparam("telegram_user_id"),
            LegSession.status == SessionStatus.ACTIVE,
        )
    )
    # Not correlated on purpose: inside RETURNING, SQLite would resolve an unqualified
    # session_id against the subquery's own table.
    this_session = select(this.session_id).where(this.id == bindparam("item_id"))
    total = (
        select(func.count())
        .select_from(siblings)
        .where(siblings.session_id == this_session.scalar_subquery())
        .scalar_subquery()
    )
    rest_timer = (
        select(Runner.rest_timer)
        .where(Runner.telegram_user_id == bindparam("telegram_user_id"))
        .scalar_subquery()
    )
    level = (
        select(Runner.level)
        .where(Runner.telegram_user_id == bindparam("telegram_user_id"))
        .scalar_subquery()
    )
    return OneTrip(
        update(SessionItem)
        .where(
            SessionItem.id == bindparam("item_id"),
            SessionItem.sets_done == bindparam("expected_done"),
            SessionItem.sets_done < SessionItem.sets,
            SessionItem.status == ItemStatus.ACTIVE,
            SessionItem.session_id.in_(owned_sessions),
        )
        .values(
            sets_done=SessionItem.sets_done + 1,
            last_set_at=bindparam("now"),
            last_reps=func.coalesce(bindparam("reps", type_=Integer), SessionItem.reps),
        )
        .returning(*ITEM_COLUMNS, total, rest_timer, level)
    )


ITEM_COLUMNS = (
    SessionItem.id,
    SessionItem.session_id,
    SessionItem.position,
    SessionItem.exercise_id,
    SessionItem.rung_id,
    SessionItem.sets,
    SessionItem.reps,
    SessionItem.unit,
    SessionItem.per_side,
    SessionItem.status,
    SessionItem.sets_done,
    SessionItem.message_id,
    SessionItem.effort,
    SessionItem.load,
    SessionItem.load_unit,
    SessionItem.moved_up,
    SessionItem.offer_harder,
)
ITEM_WIDTH = len(ITEM_COLUMNS)


def item_from_row(row: Any) -> ItemView:
    """An item from a plain row that starts with :data:`ITEM_COLUMNS`."""
    return ItemView(
        id=row[0],
        session_id=row[1],
        position=row[2],
        exercise_id=row[3],
        rung_id=row[4],
        sets=row[5],
        reps=row[6],
        unit=Unit(row[7]),
        per_side=bool(row[8]),
        status=ItemStatus(row[9]),
        sets_done=row[10],
        message_id=row[11],
        effort=Effort(row[12]) if row[12] else None,
        load=row[13],
        load_unit=WeightUnit(row[14]) if row[14] else None,
        moved_up=bool(row[15]),
        offer_harder=bool(row[16]),
    )


async def change_rung(
    db: AsyncSession,
    item: ItemView,
    *,
    rung_id: str,
    reps: int,
    sets: int,
    per_side: bool,
    unit: Unit,
) -> bool:
    """Switch an exercise in progress to another rung, if nothing changed it meanwhile."""
    result = await db.execute(
        update(SessionItem)
        .where(
            SessionItem.id == item.id,
            SessionItem.rung_id == item.rung_id,
            SessionItem.sets_done == item.sets_done,
            SessionItem.status == ItemStatus.ACTIVE,
        )
        .values(
            rung_id=rung_id,
            reps=reps,
            sets=max(sets, item.sets_done + 1),
            per_side=per_side,
            unit=str(unit),
        )
    )
    return result.rowcount == 1  # type: ignore[attr-defined]


async def close_item(db: AsyncSession, item: ItemView, status: ItemStatus) -> bool:
    """Mark the current exercise done or skipped and make the next one current."""
    result = await db.execute(
        update(SessionItem)
        .where(SessionItem.id == item.id, SessionItem.status == ItemStatus.ACTIVE)
        .values(status=status)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    await db.execute(
        update(SessionItem)
        .where(
            SessionItem.session_id == item.session_id,
            SessionItem.position == item.position + 1,
        )
        .values(status=ItemStatus.ACTIVE)
    )
    await db.execute(
        update(LegSession)
        .where(LegSession.id == item.session_id)
        .values(current_position=item.position + 1)
    )
    return True


async def set_effort(db: AsyncSession, item_id: int, effort: Effort) -> None:
    await db.execute(update(SessionItem).where(SessionItem.id == item_id).values(effort=effort))


async def finish(db: AsyncSession, session_id: int, status: SessionStatus, now: datetime) -> bool:
    """End the session (finished, or stopped early); False if it had already ended."""
    result = await db.execute(
        update(LegSession)
        .where(LegSession.id == session_id, LegSession.status == SessionStatus.ACTIVE)
        .values(status=status, finished_at=now)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    await db.execute(
        update(SessionItem)
        .where(
            SessionItem.session_id == session_id,
            SessionItem.status.in_((ItemStatus.ACTIVE, ItemStatus.PENDING)),
        )
        .values(status=ItemStatus.NOT_DONE)
    )
    return True


async def set_logs(db: AsyncSession, session_id: int) -> list[SetLog]:
    rows = await db.scalars(
        select(SetLog).where(SetLog.session_id == session_id).order_by(SetLog.id)
    )
    return list(rows)
