"""Leg-session repository: the stored plan, the progress through it, and the set logs.

Progress changes are conditional updates (``WHERE sets_done = :expected``), so a double tap
or two racing presses log one set, whatever the database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import Integer, Select, Table, bindparam, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased
from sqlalchemy.sql import Executable

from content.model import Effort, Level, Prescription, Unit, WeightUnit
from storage import starts
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
    # whether the runner was shown a card of this exercise before, when the read that
    # made the item asked (a session's first card); None: not asked
    met: bool | None = None

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


async def load(db: AsyncSession, session_id: int) -> SessionView | None:
    """The stored session with its items, in one plain-row query (no ORM objects: the
    session's rows are written by conditional statements, so none could go stale)."""
    return await _load_where(db, _loads()[0], {"session_id": session_id})


@cache
def _loads() -> tuple[Select[Any], Select[Any]]:
    """The session by its id, and by the id of one of its items: built once (building one
    cost about as much as running it)."""
    by_item = (
        select(SessionItem.session_id)
        .where(SessionItem.id == bindparam("item_id", type_=Integer))
        .scalar_subquery()
    )
    return tuple(  # type: ignore[return-value]
        select(*_SESSION_COLUMNS, *ITEM_COLUMNS)
        .outerjoin(SessionItem, SessionItem.session_id == LegSession.id)
        .where(condition)
        .order_by(SessionItem.position)
        for condition in (
            LegSession.id == bindparam("session_id", type_=Integer),
            LegSession.id == by_item,
        )
    )


async def _load_where(
    db: AsyncSession, statement: Select[Any], params: dict[str, int]
) -> SessionView | None:
    rows = (await db.execute(statement, params)).all()
    if not rows:
        return None
    first = rows[0]
    return SessionView(
        id=first[0],
        runner_id=first[1],
        status=SessionStatus(first[2]),
        warmup=first[3],
        current_position=first[4],
        planned_for=first[5],
        started_at=first[6],
        finished_at=first[7],
        items=tuple(item_from_row(row[_SESSION_WIDTH:]) for row in rows if row[8] is not None),
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
    total = await db.scalar(_finished(runner_id))
    return int(total or 0)


def _finished(runner_id: int) -> Select[Any]:
    """How many of the runner's sessions finished or were stopped."""
    return (
        select(func.count())
        .select_from(LegSession)
        .where(
            LegSession.runner_id == runner_id,
            LegSession.status.in_((SessionStatus.FINISHED, SessionStatus.STOPPED)),
        )
    )


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
    claimed = await starts.claim(db, runner_id, warmup=warmup, now=now, planned_for=planned_for)
    if claimed is None:
        return None
    await add_items(db, claimed.id, items)
    view = await load(db, claimed.id)
    assert view is not None
    return view


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
) -> list[ItemView]:
    """The session's exercises, in order, the first one current; as stored (one statement
    that returns their ids)."""
    extras = carried or {}
    views = []
    for position, dose in enumerate(items):
        extra = extras.get(dose.exercise_id, Carried())
        views.append(
            ItemView(
                id=0,
                session_id=session_id,
                position=position,
                exercise_id=dose.exercise_id,
                rung_id=dose.rung_id,
                sets=dose.sets,
                reps=dose.reps,
                unit=Unit(dose.unit),
                per_side=dose.per_side,
                status=ItemStatus.ACTIVE if position == 0 else ItemStatus.PENDING,
                sets_done=0,
                message_id=None,
                load=extra.load,
                load_unit=extra.load_unit,
                offer_harder=extra.offer_harder,
            )
        )
    if not views:
        return []
    rows = [
        {
            "session_id": session_id,
            "position": view.position,
            "exercise_id": view.exercise_id,
            "rung_id": view.rung_id,
            "sets": view.sets,
            "reps": view.reps,
            "unit": view.unit.value,
            "per_side": view.per_side,
            "status": view.status.value,
            "sets_done": 0,
            "load": view.load,
            "load_unit": view.load_unit.value if view.load_unit else None,
            "offer_harder": view.offer_harder,
        }
        for view in views
    ]
    # one multi-row INSERT (asking RETURNING to keep the rows' order would make SQLite
    # insert them one by one): the ids come back with their positions
    # (the rows as parameters: the statement is compiled once, whatever their number)
    stored = await db.execute(_INSERT_ITEMS, rows)
    ids: dict[int, int] = {position: found for position, found in stored}
    return [replace(view, id=ids[view.position]) for view in views]


async def item_with_session(db: AsyncSession, item_id: int) -> tuple[ItemView, SessionView] | None:
    """An item and its whole session, in one query."""
    session = await _load_where(db, _loads()[1], {"item_id": item_id})
    if session is None:
        return None
    item = next(item for item in session.items if item.id == item_id)
    return item, session


async def set_message(db: AsyncSession, item_id: int, message_id: int) -> None:
    await db.execute(_SET_MESSAGE, {"item_id": item_id, "message_id": message_id})


@dataclass(frozen=True, slots=True)
class Logged:
    """A set just logged: the item after it, how many exercises its session has, and
    whether the runner wants the rest timer."""

    item: ItemView
    total: int
    rest_timer: bool
    level: Level | None = None
    language: str = "en"  # the runner's: the fast path answers in it


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
        row[ITEM_WIDTH + 3] or "en",
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
    language = (
        select(Runner.language)
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
        .returning(*ITEM_COLUMNS, total, rest_timer, level, language)
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
_ITEM = cast(Table, SessionItem.__table__)
_INSERT_ITEMS = insert(_ITEM).returning(_ITEM.c.position, _ITEM.c.id)
_SESSION_COLUMNS = (
    LegSession.id,
    LegSession.runner_id,
    LegSession.status,
    LegSession.warmup,
    LegSession.current_position,
    LegSession.planned_for,
    LegSession.started_at,
    LegSession.finished_at,
)
_SESSION_WIDTH = len(_SESSION_COLUMNS)


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


# Built once, on the tables (no ORM object of these rows is held in an update's session):
# a session's end runs them without building or evaluating a statement each time.
_SESSION = cast(Table, LegSession.__table__)
_SET_MESSAGE = (
    update(_ITEM)
    .where(_ITEM.c.id == bindparam("item_id"))
    .values(message_id=bindparam("message_id"))
)
_SET_EFFORT = (
    update(_ITEM).where(_ITEM.c.id == bindparam("item_id")).values(effort=bindparam("new_effort"))
)
_FINISH = (
    update(_SESSION)
    .where(_SESSION.c.id == bindparam("of_session"), _SESSION.c.status == SessionStatus.ACTIVE)
    .values(status=bindparam("new_status"), finished_at=bindparam("at"))
)
_NOT_DONE = (
    update(_ITEM)
    .where(
        _ITEM.c.session_id == bindparam("of_session"),
        _ITEM.c.status.in_((ItemStatus.ACTIVE, ItemStatus.PENDING)),
    )
    .values(status=ItemStatus.NOT_DONE)
)


async def set_effort(db: AsyncSession, item_id: int, effort: Effort) -> None:
    await db.execute(_SET_EFFORT, {"item_id": item_id, "new_effort": effort})


async def finish(
    db: AsyncSession,
    session_id: int,
    status: SessionStatus,
    now: datetime,
    *,
    any_open: bool = True,
) -> bool:
    """End the session (finished, or stopped early); False if it had already ended.
    ``any_open=False``: the caller read the session and no exercise was left open, so there
    is none to mark not done (the usual end: the last exercise's effort answer)."""
    result = await db.execute(_FINISH, {"of_session": session_id, "new_status": status, "at": now})
    if result.rowcount != 1:  # type: ignore[attr-defined]
        return False
    if any_open:
        await db.execute(_NOT_DONE, {"of_session": session_id})
    return True


def ended(session: SessionView, status: SessionStatus, at: datetime) -> SessionView:
    """The session as :func:`finish` leaves it: ended at ``at``, every exercise not closed
    marked not done (``session`` as stored when it was finished)."""
    items = tuple(
        replace(item, status=ItemStatus.NOT_DONE)
        if item.status in (ItemStatus.ACTIVE, ItemStatus.PENDING)
        else item
        for item in session.items
    )
    return replace(session, status=status, finished_at=at, items=items)


async def set_logs(db: AsyncSession, session_id: int) -> Sequence[Any]:
    """The session's sets as logged, in order: plain rows with ``item_id``, ``rung_id``,
    ``reps``, ``unit``, ``side`` and ``logged_at``."""
    rows = await db.execute(_set_logs(), {"session_id": session_id})
    return rows.all()


@cache
def _set_logs() -> Executable:
    return (
        select(
            SetLog.item_id, SetLog.rung_id, SetLog.reps, SetLog.unit, SetLog.side, SetLog.logged_at
        )
        .where(SetLog.session_id == bindparam("session_id", type_=Integer))
        .order_by(SetLog.id)
    )
