"""Reminder rows: load a runner's reminders, and write what planning and the runner decided.

The database is the source of truth for every leg-day reminder (docs/SCHEDULING.md): each
active runner has their next leg day stored as a pending ``reminder`` row. This module only
loads and writes rows; what is due, what comes next and how a profile change rewrites the
plan are rules in ``content.calendar`` and ``content.agenda``, composed with these reads
and writes in ``bot.flows.plan``. Claims and dispatch outcomes are ``storage.claims``.

Plain rows only (``storage.rows``: Core statements, ``StoredReminder``s out). Nothing here
commits; the caller does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, cast

from sqlalchemy import Row, Table, bindparam, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from content.agenda import Replan
from content.reminders import (
    ANSWERABLE,
    ANSWERS,
    PlannedLegDay,
    ReminderKind,
    ReminderStatus,
    StoredReminder,
)
from storage.models import Reminder, Runner
from storage.rows import Columns, chunks, insert_ignoring_duplicates
from storage.runners import RunnerProfile, to_profile

_REMINDER = cast(Table, Reminder.__table__)
_RUNNER = cast(Table, Runner.__table__)
_COLUMNS = _REMINDER.c
# One reminder per runner, local date and kind: the last guard against two reminders for
# one day (two processes planning the same runner at once).
_UNIQUE = ("runner_id", "local_date", "kind")


# value -> member, a dict lookup (an Enum call costs several times more, per row)
_KINDS = {kind.value: kind for kind in ReminderKind}
_STATUSES = {status.value: status for status in ReminderStatus}


def stored(row: Row[Any]) -> StoredReminder:
    """A ``reminder`` row as plain data."""
    return StoredReminder(
        id=row.id,
        runner_id=row.runner_id,
        kind=_KINDS[row.kind],
        local_date=row.local_date,
        due_at=row.due_at,
        status=_STATUSES[row.status],
        attempts=row.attempts,
        sent_at=row.sent_at,
        message_id=row.message_id,
    )


# -- reads ----------------------------------------------------------------------------------


async def recent(
    db: AsyncSession, runner_ids: Sequence[int], since: date
) -> dict[int, list[StoredReminder]]:
    """Each runner's reminders dated ``since`` or later (``content.calendar.history_start``:
    what the planning rules read), by runner id."""
    found: dict[int, list[StoredReminder]] = defaultdict(list)
    for chunk in chunks(sorted(set(runner_ids))):
        rows = await db.execute(
            select(_REMINDER).where(_COLUMNS.runner_id.in_(chunk), _COLUMNS.local_date >= since)
        )
        for row in rows:
            found[row.runner_id].append(stored(row))
    return found


# Built once (/next, /profile and every plan card run it): the runner left-joined to their
# reminders dated ``since`` or later, the runner's row locked on PostgreSQL.
_LOCKED_WITH_RECENT = (
    select(_RUNNER, _REMINDER)
    .outerjoin(
        _REMINDER,
        (_COLUMNS.runner_id == _RUNNER.c.id)
        & (_COLUMNS.local_date >= bindparam("since", type_=_COLUMNS.local_date.type)),
    )
    .where(_RUNNER.c.id == bindparam("runner_id", type_=_RUNNER.c.id.type))
    .with_for_update(of=_RUNNER)
)
_RUNNER_WIDTH = len(_RUNNER.c)
_RUNNER_KEYS = tuple(_RUNNER.c.keys())
_REMINDER_KEYS = tuple(_COLUMNS.keys())


async def locked_with_recent(
    db: AsyncSession, runner_id: int, since: date
) -> tuple[RunnerProfile | None, list[StoredReminder]]:
    """``runners.load_profiles(db, [runner_id], for_update=True)`` and ``recent_of`` in one
    statement: the runner's profile, its row locked on PostgreSQL, and their reminders
    dated ``since`` or later (None and no reminders if there is no such runner)."""
    width, runner_keys, reminder_keys = _RUNNER_WIDTH, _RUNNER_KEYS, _REMINDER_KEYS
    profile: RunnerProfile | None = None
    found: list[StoredReminder] = []
    rows = await db.execute(_LOCKED_WITH_RECENT, {"runner_id": runner_id, "since": since})
    for row in rows:
        if profile is None:
            runner = dict(zip(runner_keys, row[:width], strict=True))
            profile = to_profile(cast(Runner, Columns(runner)))
        reminder = dict(zip(reminder_keys, row[width:], strict=True))
        if reminder["id"] is not None:
            found.append(stored(cast(Row[Any], Columns(reminder))))
    return profile, found


async def recent_of(db: AsyncSession, runner_id: int, since: date) -> list[StoredReminder]:
    """One runner's reminders dated ``since`` or later (a statement built once: the plan
    card, /next and every summary read them)."""
    rows = await db.execute(_RECENT_OF, {"runner_id": runner_id, "since": since})
    return [stored(row) for row in rows]


_RECENT_OF = select(_REMINDER).where(
    _COLUMNS.runner_id == bindparam("runner_id", type_=_COLUMNS.runner_id.type),
    _COLUMNS.local_date >= bindparam("since", type_=_COLUMNS.local_date.type),
)


async def get(db: AsyncSession, reminder_id: int) -> StoredReminder | None:
    row = (await db.execute(select(_REMINDER).where(_COLUMNS.id == reminder_id))).first()
    return stored(row) if row is not None else None


async def for_runner(db: AsyncSession, runner_id: int) -> list[StoredReminder]:
    """All of a runner's reminders, oldest first (tests and the admin view)."""
    rows = await db.execute(
        select(_REMINDER)
        .where(_COLUMNS.runner_id == runner_id)
        .order_by(_COLUMNS.due_at, _COLUMNS.id)
    )
    return [stored(row) for row in rows]


# -- planning writes ------------------------------------------------------------------------


def _new_row(runner_id: int, kind: ReminderKind, planned: PlannedLegDay) -> dict[str, Any]:
    return {
        "runner_id": runner_id,
        "kind": kind.value,
        "local_date": planned.local_date,
        "due_at": planned.due_at,
        "status": ReminderStatus.PENDING.value,
        "attempts": 0,
    }


async def add(
    db: AsyncSession, kind: ReminderKind, days: Iterable[tuple[int, PlannedLegDay]]
) -> None:
    """Store pending reminders of ``kind``, one per (runner id, planned day); one already
    stored for the same runner, local date and kind wins (it is not inserted again)."""
    rows = [_new_row(runner_id, kind, planned) for runner_id, planned in days]
    await insert_ignoring_duplicates(db, _REMINDER, rows, _UNIQUE)


async def delete_pending(db: AsyncSession, runner_id: int, *, through: date | None = None) -> None:
    """Delete a runner's pending reminders (those dated up to ``through``, if given).
    Sent history is never touched."""
    statement = delete(_REMINDER).where(
        _COLUMNS.runner_id == runner_id, _COLUMNS.status == ReminderStatus.PENDING.value
    )
    if through is not None:
        statement = statement.where(_COLUMNS.local_date <= through)
    await db.execute(statement)


async def rewrite(db: AsyncSession, runner_id: int, change: Replan) -> None:
    """Carry out ``content.agenda.replan``'s decision for one runner."""
    if change.drop_pending or change.drop_pending_through is not None:
        through = None if change.drop_pending else change.drop_pending_through
        await delete_pending(db, runner_id, through=through)
    for reminder_id, due_at in change.retime:
        await db.execute(update(_REMINDER).where(_COLUMNS.id == reminder_id).values(due_at=due_at))
    if change.drop:
        await db.execute(delete(_REMINDER).where(_COLUMNS.id.in_(change.drop)))
    added = [
        _new_row(runner_id, kind, planned)
        for kind, planned in (
            (ReminderKind.LEG_DAY, change.add),
            (ReminderKind.RECAP, change.add_recap),
        )
        if planned is not None
    ]
    if added:  # a leg day and a weekly recap in one statement
        await insert_ignoring_duplicates(db, _REMINDER, added, _UNIQUE)


# -- the runner's answers -------------------------------------------------------------------


async def answer(db: AsyncSession, reminder_id: int, status: ReminderStatus) -> bool:
    """Record the runner's answer to a reminder, once: a double tap or an old button finds
    it answered already and gets False. A reminder still *claimed* can be answered too: the
    press proves the message arrived before its send was recorded (or after a timeout that
    Telegram did carry out), and the answer keeps it from being sent again."""
    if status not in ANSWERS:
        raise ValueError(f"not an answer: {status}")
    result = await db.execute(
        update(_REMINDER)
        .where(
            _COLUMNS.id == reminder_id,
            _COLUMNS.status.in_([answerable.value for answerable in ANSWERABLE]),
        )
        .values(status=status.value)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def snooze(db: AsyncSession, runner_id: int, again: PlannedLegDay) -> StoredReminder:
    """Store the snooze of a leg day (``content.calendar.snoozed``): one snooze row per
    runner and local date, reused, pending again, when the runner snoozes the snooze (unless
    a dispatcher holds it claimed right now)."""
    await add(db, ReminderKind.SNOOZE, [(runner_id, again)])
    same_day = (
        _COLUMNS.runner_id == runner_id,
        _COLUMNS.local_date == again.local_date,
        _COLUMNS.kind == ReminderKind.SNOOZE.value,
    )
    await db.execute(
        update(_REMINDER)
        .where(*same_day, _COLUMNS.status != ReminderStatus.CLAIMED.value)
        .values(
            status=ReminderStatus.PENDING.value,
            due_at=again.due_at,
            claimed_until=None,
            claimed_by=None,
            sent_at=None,
            message_id=None,
            attempts=0,
            last_error=None,
        )
    )
    row = (await db.execute(select(_REMINDER).where(*same_day))).one()
    return stored(row)
