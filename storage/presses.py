"""The statements behind a press on an exercise card, each one round trip on the fast path.

A press reads everything it needs in one statement (the item, its session, the runner who
owns it, and how many exercises the session has), and writes in one transaction of a few
conditional statements (``storage.fast.FastPath.unit``), so Harder, Easier, Skip and closing
an exercise cost about what a Done press costs. The conditions (the item still on the rung
the card showed, still active) make a lost race roll the unit back rather than write twice.
See docs/PERFORMANCE.md ``presses``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import bindparam, func, insert, literal, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import aliased

from content.ladder import ProgressionChange, ProgressionState
from content.model import Equipment, Unit
from storage.enums import EventKind, ItemStatus, SessionStatus
from storage.fast import FastPath, OneTrip, Step, json_list
from storage.models import LegSession, Progression, ProgressionEvent, Runner, SessionItem
from storage.sessions import ItemView


@dataclass(frozen=True, slots=True)
class PressView:
    """What a press needs to know, read in one statement."""

    item: ItemView
    session_status: SessionStatus
    current_position: int
    total: int
    runner_id: int
    equipment: frozenset[Equipment]

    @property
    def is_current(self) -> bool:
        return (
            self.session_status is SessionStatus.ACTIVE
            and self.item.status is ItemStatus.ACTIVE
            and self.item.position == self.current_position
        )


_ITEM_COLUMNS = (
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
)


def _item(row: Any) -> ItemView:
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
    )


@cache
def _view_statement() -> OneTrip:
    siblings = aliased(SessionItem)
    total = (
        select(func.count())
        .select_from(siblings)
        .where(siblings.session_id == SessionItem.session_id)
        .scalar_subquery()
    )
    return OneTrip(
        select(
            *_ITEM_COLUMNS,
            LegSession.status,
            LegSession.current_position,
            total,
            Runner.id,
            Runner.equipment,
        )
        .join(LegSession, LegSession.id == SessionItem.session_id)
        .join(Runner, Runner.id == LegSession.runner_id)
        .where(
            SessionItem.id == bindparam("item_id"),
            Runner.telegram_user_id == bindparam("telegram_user_id"),
        )
    )


async def view(fast: FastPath, item_id: int, telegram_user_id: int) -> PressView | None:
    """The press's item with its session and owner; None if it is not this user's item."""
    row = await fast.fetch_one(
        _view_statement(), item_id=item_id, telegram_user_id=telegram_user_id
    )
    if row is None:
        return None
    return PressView(
        item=_item(row),
        session_status=SessionStatus(row[12]),
        current_position=row[13],
        total=int(row[14]),
        runner_id=row[15],
        equipment=frozenset(Equipment(item) for item in json_list(row[16])),
    )


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
        )
        .returning(SessionItem.id)
    )


def _upsert(insert: Any) -> Any:
    statement = insert(Progression).values(
        runner_id=bindparam("runner_id"),
        exercise_id=bindparam("exercise_id"),
        rung_id=bindparam("rung_id"),
        reps=bindparam("reps"),
        top_streak=bindparam("top_streak"),
        clean_streak=bindparam("clean_streak"),
        updated_at=bindparam("now"),
    )
    return statement.on_conflict_do_update(
        index_elements=["runner_id", "exercise_id"],
        set_={
            "rung_id": statement.excluded.rung_id,
            "reps": statement.excluded.reps,
            "top_streak": statement.excluded.top_streak,
            "clean_streak": statement.excluded.clean_streak,
            "updated_at": statement.excluded.updated_at,
        },
    )


@cache
def save_state_statement() -> OneTrip:
    """Upsert one progression state (parameters: runner_id, exercise_id, rung_id, reps,
    top_streak, clean_streak, now)."""
    return OneTrip({"sqlite": _upsert(sqlite_insert), "postgresql": _upsert(postgresql_insert)})


@cache
def record_statement() -> OneTrip:
    """Insert one progression event (parameters as :func:`event_params`)."""
    from_columns = ("from_reps", "to_reps", "sets", "days")
    values: dict[str, Any] = {
        name: bindparam(name)
        for name in (
            "runner_id",
            "exercise_id",
            "session_id",
            "kind",
            "from_rung",
            "to_rung",
            "reason",
            *from_columns,
        )
    }
    values["created_at"] = bindparam("now")
    return OneTrip(insert(ProgressionEvent).values(values))


def state_params(runner_id: int, state: ProgressionState, now: datetime) -> dict[str, Any]:
    return {
        "runner_id": runner_id,
        "exercise_id": state.exercise_id,
        "rung_id": state.rung_id,
        "reps": state.reps,
        "top_streak": state.top_streak,
        "clean_streak": state.clean_streak,
        "now": now,
    }


def event_params(
    runner_id: int,
    exercise_id: str,
    kind: EventKind,
    change: ProgressionChange,
    session_id: int | None,
    now: datetime,
) -> dict[str, Any]:
    return {
        "runner_id": runner_id,
        "exercise_id": exercise_id,
        "session_id": session_id,
        "kind": kind.value,
        "from_rung": change.from_rung,
        "to_rung": change.to_rung,
        "reason": change.reason.value,
        "from_reps": change.from_reps,
        "to_reps": change.to_reps,
        "sets": change.sets,
        "days": change.days,
        "now": now,
    }


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
) -> bool:
    """Harder/Easier in one transaction: the item's new rung (if it is still on the rung the
    card showed), the runner's progression, and the event; False if the race was lost."""
    item = press.item
    done = await fast.unit(
        [
            Step(
                _move_statement(),
                {
                    "item_id": item.id,
                    "old_rung": item.rung_id,
                    "sets_done": item.sets_done,
                    "rung_id": rung_id,
                    "reps": reps,
                    "sets": sets,
                    "per_side": per_side,
                    "unit": unit.value,
                },
                required=True,
            ),
            Step(save_state_statement(), state_params(press.runner_id, state, now)),
            Step(
                record_statement(),
                event_params(
                    press.runner_id, item.exercise_id, kind, change, item.session_id, now
                ),
            ),
        ]
    )
    return done is not None


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
    following = OneTrip(
        select(*[getattr(next_item, column.key) for column in _ITEM_COLUMNS]).where(
            next_item.session_id == bindparam("session_id"),
            next_item.position == bindparam("position"),
        )
    )
    return close, activate, advance, following


async def close_and_advance(fast: FastPath, item: ItemView, status: ItemStatus) -> ItemView | None:
    """Close the current exercise (done or skipped) and make the next one current, in one
    transaction; the next item, or None if the item was not active any more (nothing
    written). Only for an item with a next one: the last one ends the session."""
    close, activate, advance, following = _close_statements()
    position = item.position + 1
    rows = await fast.unit(
        [
            Step(close, {"item_id": item.id, "status": status.value}, required=True),
            Step(activate, {"session_id": item.session_id, "position": position}),
            Step(advance, {"session_id": item.session_id, "position": position}),
            Step(following, {"session_id": item.session_id, "position": position}),
        ]
    )
    if rows is None or not rows[3]:
        return None
    return _item(rows[3][0])


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
