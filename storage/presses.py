"""The statements behind a press on an exercise card, each one round trip on the fast path.

A press reads everything it needs in one statement (the item, its session, the runner who
owns it, and how many exercises the session has), and writes in one transaction of a few
conditional statements (``storage.fast.FastPath.unit``), so Harder, Easier, Skip and closing
an exercise cost about what a Done press costs. The conditions (the item still on the rung
the card showed, still active) make a lost race roll the unit back rather than write twice.
See docs/PERFORMANCE.md ``presses``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    Table,
    bindparam,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import aliased

from content.ladder import ProgressionChange, ProgressionState
from content.model import Equipment, Level, Unit, WeightUnit
from storage.enums import EventKind, ItemStatus, SessionStatus
from storage.fast import FastPath, OneTrip, Step, json_list
from storage.models import LegSession, Progression, ProgressionEvent, Runner, SessionItem
from storage.progressions import STATE_FIELDS, Event, event_row, state_row
from storage.sessions import ITEM_COLUMNS, ITEM_WIDTH, ItemView, item_from_row


@dataclass(frozen=True, slots=True)
class PressView:
    """What a press needs to know, read in one statement."""

    item: ItemView
    session_status: SessionStatus
    current_position: int
    total: int
    runner_id: int
    equipment: frozenset[Equipment]
    rest_timer: bool = True
    weight_unit: WeightUnit | None = None
    language: str = "en"
    level: Level | None = None
    # when the runner's last session ended, in their time zone: whether this one is an extra
    # session that day (``content.spacing.extra_session``)
    last_session_at: datetime | None = None
    time_zone: str | None = None

    @property
    def is_current(self) -> bool:
        return (
            self.session_status is SessionStatus.ACTIVE
            and self.item.status is ItemStatus.ACTIVE
            and self.item.position == self.current_position
        )


def _view_select() -> Any:
    siblings = aliased(SessionItem)
    total = (
        select(func.count())
        .select_from(siblings)
        .where(siblings.session_id == SessionItem.session_id)
        .scalar_subquery()
    )
    return (
        select(
            *ITEM_COLUMNS,
            LegSession.status,
            LegSession.current_position,
            total,
            Runner.id,
            Runner.equipment,
            Runner.rest_timer,
            Runner.weight_unit,
            Runner.language,
            Runner.level,
            Runner.last_session_at,
            Runner.time_zone,
        )
        .join(LegSession, LegSession.id == SessionItem.session_id)
        .join(Runner, Runner.id == LegSession.runner_id)
        .where(Runner.telegram_user_id == bindparam("telegram_user_id"))
    )


@cache
def _view_statement() -> OneTrip:
    return OneTrip(_view_select().where(SessionItem.id == bindparam("item_id")))


@cache
def _current_statement() -> OneTrip:
    return OneTrip(
        _view_select().where(
            LegSession.status == literal(SessionStatus.ACTIVE.value),
            SessionItem.position == LegSession.current_position,
        )
    )


async def view(fast: FastPath, item_id: int, telegram_user_id: int) -> PressView | None:
    """The press's item with its session and owner; None if it is not this user's item."""
    row = await fast.fetch_one(
        _view_statement(), item_id=item_id, telegram_user_id=telegram_user_id
    )
    return None if row is None else _press_view(row)


@cache
def _unrated_statement() -> OneTrip:
    return OneTrip(
        _view_select()
        .where(
            LegSession.status == literal(SessionStatus.ACTIVE.value),
            SessionItem.position < LegSession.current_position,
            SessionItem.status == literal(ItemStatus.DONE.value),
            SessionItem.effort.is_(None),
        )
        .order_by(SessionItem.position.desc())
        .limit(1)
    )


async def unrated(fast: FastPath, telegram_user_id: int) -> PressView | None:
    """The latest finished exercise of this user's active session whose question how it
    felt is still open (it is the last one when every exercise is done)."""
    row = await fast.fetch_one(_unrated_statement(), telegram_user_id=telegram_user_id)
    return None if row is None else _press_view(row)


async def current(fast: FastPath, telegram_user_id: int) -> PressView | None:
    """The current exercise of this user's active session, if one is going."""
    row = await fast.fetch_one(_current_statement(), telegram_user_id=telegram_user_id)
    return None if row is None else _press_view(row)


def _press_view(row: Any) -> PressView:
    at = ITEM_WIDTH
    return PressView(
        item=item_from_row(row),
        session_status=SessionStatus(row[at]),
        current_position=row[at + 1],
        total=int(row[at + 2]),
        runner_id=row[at + 3],
        equipment=frozenset(Equipment(item) for item in json_list(row[at + 4])),
        rest_timer=bool(row[at + 5]),
        weight_unit=WeightUnit(row[at + 6]) if row[at + 6] else None,
        language=row[at + 7] or "en",
        level=Level(row[at + 8]) if row[at + 8] else None,
        last_session_at=_instant(row[at + 9]),
        time_zone=row[at + 10],
    )


@cache
def _moved_statement(kinds: tuple[str, ...]) -> OneTrip:
    return OneTrip(
        select(func.max(ProgressionEvent.created_at)).where(
            ProgressionEvent.runner_id == bindparam("runner_id"),
            ProgressionEvent.exercise_id == bindparam("exercise_id"),
            ProgressionEvent.session_id != bindparam("session_id"),
            ProgressionEvent.kind.in_([literal(kind) for kind in kinds]),
        )
    )


async def moved_at(
    fast: FastPath, press: PressView, kinds: Collection[EventKind]
) -> datetime | None:
    """When the press's exercise last changed by an event of ``kinds`` in another session
    of the runner's (None: never). Read only in an extra session (one statement more)."""
    row = await fast.fetch_one(
        _moved_statement(tuple(sorted(kind.value for kind in kinds))),
        runner_id=press.runner_id,
        exercise_id=press.item.exercise_id,
        session_id=press.item.session_id,
    )
    return None if row is None else _instant(row[0])


def _instant(value: Any) -> datetime | None:
    """A UTC instant read on the driver connection (SQLite gives SQLAlchemy's text)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@cache
def _move_statement() -> OneTrip:
    return OneTrip(
        update(SessionItem)
        .where(
            SessionItem.id == bindparam("item_id"),
            SessionItem.rung_id == bindparam("old_rung"),
            SessionItem.sets_done == bindparam("sets_done"),
            SessionItem.status == literal(ItemStatus.ACTIVE.value),
        )
        .values(
            rung_id=bindparam("rung_id"),
            reps=bindparam("reps"),
            sets=bindparam("sets"),
            per_side=bindparam("per_side"),
            unit=bindparam("unit"),
            moved_up=or_(SessionItem.moved_up, bindparam("moved_up", type_=Boolean)),
            offer_harder=literal(False),
        )
        .returning(SessionItem.id)
    )


def _upsert(insert: Any) -> Any:
    statement = insert(Progression).values(
        runner_id=bindparam("runner_id"),
        exercise_id=bindparam("exercise_id"),
        updated_at=bindparam("now"),
        **{name: bindparam(name) for name in STATE_FIELDS},
    )
    updated = {name: getattr(statement.excluded, name) for name in STATE_FIELDS}
    updated["updated_at"] = statement.excluded.updated_at
    return statement.on_conflict_do_update(
        index_elements=["runner_id", "exercise_id"], set_=updated
    )


@cache
def save_state_statement() -> OneTrip:
    """Upsert one progression state (parameters: runner_id, exercise_id, rung_id, reps,
    top_streak, clean_streak, now)."""
    return OneTrip({"sqlite": _upsert(sqlite_insert), "postgresql": _upsert(postgresql_insert)})


# The columns of one progression event (its ``created_at`` is the ``now`` parameter).
_EVENT_COLUMNS = (
    "runner_id",
    "exercise_id",
    "session_id",
    "kind",
    "from_rung",
    "to_rung",
    "reason",
    "from_reps",
    "to_reps",
    "sets",
    "days",
    "from_load",
    "to_load",
    "load_unit",
)


@cache
def record_statement() -> OneTrip:
    """Insert one progression event (parameters as :func:`event_params`)."""
    values: dict[str, Any] = {name: bindparam(name) for name in _EVENT_COLUMNS}
    values["created_at"] = bindparam("now")
    return OneTrip(insert(ProgressionEvent).values(values))


def state_params(runner_id: int, state: ProgressionState, now: datetime) -> dict[str, Any]:
    return {**state_row(runner_id, state), "now": now}


def event_params(
    runner_id: int,
    exercise_id: str,
    kind: EventKind,
    change: ProgressionChange,
    session_id: int | None,
    now: datetime,
) -> dict[str, Any]:
    event = Event(exercise_id, kind, change, session_id)
    return {**event_row(runner_id, event), "now": now}


async def move(
    fast: FastPath,
    press: PressView,
    *,
    rung_id: str,
    reps: int,
    sets: int,
    per_side: bool,
    unit: Unit,
    state: ProgressionState,
    kind: EventKind,
    change: ProgressionChange,
    now: datetime,
    moved_up: bool = False,
) -> bool:
    """Harder/Easier in one transaction: the item's new rung or dose (if it is still on the
    rung the card showed), the runner's progression, and the event; False if the race was
    lost. ``moved_up`` marks the item as moved up in this session."""
    item = press.item
    moving = {
        "item_id": item.id,
        "old_rung": item.rung_id,
        "sets_done": item.sets_done,
        "rung_id": rung_id,
        "reps": reps,
        "sets": sets,
        "per_side": per_side,
        "unit": unit.value,
        "moved_up": moved_up,
    }
    saving = state_params(press.runner_id, state, now)
    recording = event_params(press.runner_id, item.exercise_id, kind, change, item.session_id, now)
    if fast.engine.dialect.name == "postgresql":
        # one statement, one round trip (a transaction of three was five)
        params = {
            **{f"m_{key}": value for key, value in moving.items()},
            **{f"s_{key}": value for key, value in saving.items()},
            **{f"e_{key}": value for key, value in recording.items()},
        }
        return await fast.fetch_one(_move_as_one_statement(), **params) is not None
    done = await fast.unit(
        [
            Step(_move_statement(), moving, required=True),
            Step(save_state_statement(), saving),
            Step(record_statement(), recording),
        ]
    )
    return done is not None


@cache
def _move_as_one_statement() -> OneTrip:
    """:func:`move`'s three writes as one PostgreSQL statement (data-modifying CTEs): the
    progression and the event are written only if the item moved (``EXISTS`` on its
    ``RETURNING``), so a lost race writes nothing, as the unit's required first step does.
    Safe as one statement because no write reads a row another one changes (PostgreSQL runs
    every part on one snapshot). The parameters are the unit's, prefixed ``m_``, ``s_`` and
    ``e_``; each is typed, so asyncpg is told what a bare parameter in a SELECT list is."""
    item, state, event = (
        cast(Table, model.__table__) for model in (SessionItem, Progression, ProgressionEvent)
    )

    def typed(prefix: str, table: Table, column: str, key: str | None = None) -> Any:
        return bindparam(f"{prefix}_{key or column}", type_=table.c[column].type)

    moved = (
        update(item)
        .where(
            item.c.id == typed("m", item, "id", "item_id"),
            item.c.rung_id == typed("m", item, "rung_id", "old_rung"),
            item.c.sets_done == typed("m", item, "sets_done"),
            item.c.status == literal(ItemStatus.ACTIVE.value),
        )
        .values(
            rung_id=typed("m", item, "rung_id"),
            reps=typed("m", item, "reps"),
            sets=typed("m", item, "sets"),
            per_side=typed("m", item, "per_side"),
            unit=typed("m", item, "unit"),
            moved_up=or_(item.c.moved_up, typed("m", item, "moved_up")),
            offer_harder=literal(False),
        )
        .returning(item.c.id)
        .cte("moved")
    )
    gate = exists(select(moved.c.id))
    state_columns = ("runner_id", "exercise_id", *STATE_FIELDS)
    upsert = postgresql_insert(state).from_select(
        [*state_columns, "updated_at"],
        select(
            *(typed("s", state, name) for name in state_columns),
            typed("s", state, "updated_at", "now"),
        ).where(gate),
    )
    updated = {name: getattr(upsert.excluded, name) for name in STATE_FIELDS}
    updated["updated_at"] = upsert.excluded.updated_at
    saved = upsert.on_conflict_do_update(
        index_elements=["runner_id", "exercise_id"], set_=updated
    ).cte("saved")
    event_columns = _EVENT_COLUMNS
    recorded = (
        insert(event)
        .from_select(
            [*event_columns, "created_at"],
            select(
                *(typed("e", event, name) for name in event_columns),
                typed("e", event, "created_at", "now"),
            ).where(gate),
        )
        .cte("recorded")
    )
    return OneTrip({"postgresql": select(moved.c.id).add_cte(saved, recorded)})


async def hold(fast: FastPath, press: PressView, state: ProgressionState, now: datetime) -> None:
    """A second Harder in one session: the rung stays; the state remembers to offer it."""
    await fast.unit([Step(save_state_statement(), state_params(press.runner_id, state, now))])


@cache
def _effort_statement() -> OneTrip:
    owned = (
        select(LegSession.id)
        .join(Runner, Runner.id == LegSession.runner_id)
        .where(
            Runner.telegram_user_id == bindparam("telegram_user_id"),
            LegSession.status == literal(SessionStatus.ACTIVE.value),
        )
    )
    return OneTrip(
        update(SessionItem)
        .where(
            SessionItem.id == bindparam("item_id"),
            SessionItem.status == literal(ItemStatus.DONE.value),
            SessionItem.session_id.in_(owned),
        )
        .values(effort=bindparam("effort"))
        .returning(*ITEM_COLUMNS)
    )


async def set_effort(
    fast: FastPath, item_id: int, telegram_user_id: int, effort: str
) -> ItemView | None:
    """How a finished exercise felt, while its session is going (the summary then counts
    it); None when the press does not apply (not this user's, session over, not done)."""
    row = await fast.fetch_one(
        _effort_statement(), item_id=item_id, telegram_user_id=telegram_user_id, effort=effort
    )
    return None if row is None else item_from_row(row)


@cache
def _load_statement() -> OneTrip:
    return OneTrip(
        update(SessionItem)
        .where(
            SessionItem.id == bindparam("item_id"),
            SessionItem.status == literal(ItemStatus.ACTIVE.value),
        )
        .values(load=bindparam("load"), load_unit=bindparam("load_unit"))
        .returning(*ITEM_COLUMNS)
    )


async def set_load(fast: FastPath, item_id: int, load: float, unit: str) -> ItemView | None:
    """The dumbbell weight the runner uses on the current exercise (from its next set on)."""
    row = await fast.fetch_one(_load_statement(), item_id=item_id, load=load, load_unit=unit)
    return None if row is None else item_from_row(row)


@cache
def _close_statements() -> tuple[OneTrip, OneTrip, OneTrip, OneTrip]:
    next_item = aliased(SessionItem)
    close = OneTrip(
        update(SessionItem)
        .where(
            SessionItem.id == bindparam("item_id"),
            SessionItem.status == literal(ItemStatus.ACTIVE.value),
        )
        .values(status=bindparam("status"))
        .returning(SessionItem.id)
    )
    activate = OneTrip(
        update(SessionItem)
        .where(
            SessionItem.session_id == bindparam("session_id"),
            SessionItem.position == bindparam("position"),
        )
        .values(status=literal(ItemStatus.ACTIVE.value))
        .returning(SessionItem.id)
    )
    advance = OneTrip(
        update(LegSession)
        .where(LegSession.id == bindparam("session_id"))
        .values(current_position=bindparam("position"))
        .returning(LegSession.id)
    )
    # and whether the runner was shown a card of the next exercise before (its picture goes
    # first if not: ``storage.meetings``), asked with it rather than in a round trip of its own
    seen, theirs, owner = aliased(SessionItem), aliased(LegSession), aliased(LegSession)
    runner_id = select(owner.runner_id).where(owner.id == bindparam("session_id"))
    met = exists(
        select(seen.id)
        .join(theirs, theirs.id == seen.session_id)
        .where(
            theirs.runner_id == runner_id.scalar_subquery(),
            seen.exercise_id == next_item.exercise_id,
            seen.message_id.is_not(None),
        )
    )
    following = OneTrip(
        select(*[getattr(next_item, column.key) for column in ITEM_COLUMNS], met).where(
            next_item.session_id == bindparam("session_id"),
            next_item.position == bindparam("position"),
        )
    )
    return close, activate, advance, following


@dataclass(frozen=True, slots=True)
class Advanced:
    """An exercise closed: the next one, now current (None after the session's last)."""

    next_item: ItemView | None


async def close_and_advance(fast: FastPath, item: ItemView, status: ItemStatus) -> Advanced | None:
    """Close the current exercise (done or skipped) and make the next one current, in one
    transaction; None if the item was not active any more (nothing written). After the
    session's last exercise the session has no current one until it ends."""
    position = item.position + 1
    if fast.engine.dialect.name == "postgresql":  # one statement, one round trip (was six)
        row = await fast.fetch_one(
            _close_as_one_statement(),
            item_id=item.id,
            status=status.value,
            session_id=item.session_id,
            position=position,
        )
        if row is None:
            return None
        if row[1] is None:  # no exercise after this one
            return Advanced(None)
        following_row = row[1:]
        return Advanced(replace(item_from_row(following_row), met=bool(row[-1])))
    close, activate, advance, following = _close_statements()
    rows = await fast.unit(
        [
            Step(close, {"item_id": item.id, "status": status.value}, required=True),
            Step(activate, {"session_id": item.session_id, "position": position}),
            Step(advance, {"session_id": item.session_id, "position": position}),
            Step(following, {"session_id": item.session_id, "position": position}),
        ]
    )
    if rows is None:
        return None
    if not rows[3]:
        return Advanced(None)
    row = rows[3][0]
    return Advanced(replace(item_from_row(row), met=bool(row[ITEM_WIDTH])))


@cache
def _close_as_one_statement() -> OneTrip:
    """:func:`close_and_advance` as one PostgreSQL statement (data-modifying CTEs): the
    next exercise is made current and the session moved on only if this one closed
    (``EXISTS`` on the close's ``RETURNING``); the next item comes back from its own
    ``RETURNING`` (its new status: one statement reads one snapshot, so a SELECT after the
    update would still see it pending), with whether the runner met its exercise before.
    No row: the close matched nothing and nothing was written. A row whose item columns are
    NULL: closed, and it was the session's last exercise."""
    item, session = cast(Table, SessionItem.__table__), cast(Table, LegSession.__table__)
    session_id = bindparam("session_id", type_=item.c.session_id.type)
    position = bindparam("position", type_=item.c.position.type)
    closed = (
        update(item)
        .where(
            item.c.id == bindparam("item_id", type_=item.c.id.type),
            item.c.status == literal(ItemStatus.ACTIVE.value),
        )
        .values(status=bindparam("status", type_=item.c.status.type))
        .returning(item.c.id)
        .cte("closed")
    )
    gate = exists(select(closed.c.id))
    activated = (
        update(item)
        .where(item.c.session_id == session_id, item.c.position == position, gate)
        .values(status=literal(ItemStatus.ACTIVE.value))
        .returning(*(item.c[column.key] for column in ITEM_COLUMNS))
        .cte("activated")
    )
    advanced = (
        update(session)
        .where(session.c.id == session_id, gate)
        .values(current_position=position)
        .returning(session.c.id)
        .cte("advanced")
    )
    seen, theirs = aliased(SessionItem), aliased(LegSession)
    owner = select(LegSession.runner_id).where(LegSession.id == session_id).scalar_subquery()
    met = exists(
        select(seen.id)
        .join(theirs, theirs.id == seen.session_id)
        .where(
            theirs.runner_id == owner,
            seen.exercise_id == activated.c.exercise_id,
            seen.message_id.is_not(None),
        )
    )
    statement = (
        select(closed.c.id, *(activated.c[column.key] for column in ITEM_COLUMNS), met)
        .select_from(closed.outerjoin(activated, literal(True)))
        .add_cte(advanced)
    )
    return OneTrip({"postgresql": statement})


@cache
def _card_shown_statement() -> OneTrip:
    return OneTrip(
        update(SessionItem)
        .where(SessionItem.id == bindparam("item_id"))
        .values(message_id=bindparam("message_id"))
        .returning(SessionItem.id)
    )


async def card_shown(fast: FastPath, item_id: int, message_id: int) -> None:
    """Remember the live card of an exercise, in its own one-statement transaction."""
    await fast.fetch_one(_card_shown_statement(), item_id=item_id, message_id=message_id)
