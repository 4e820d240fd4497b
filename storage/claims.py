"""Claims and dispatch outcomes: the rows a dispatcher takes, and what it records.

A dispatcher *claims* due reminders (``claim_due``) until ``claimed_until``, sends them, and
records each outcome (``mark_*``). Any number of processes can claim side by side on
PostgreSQL and never take the same row; a claim left by a process that died expires, and the
reminder is claimable again. ``claimed_until`` doubles as "not before" for a pending
reminder whose send failed: the back-off before the next try. docs/SCHEDULING.md has the
statements and the one window that remains.

Plain rows only (``storage.rows``); nothing here commits: the caller does, right after a
claim (the claim protects the reminder only once other processes can see it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, case, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from content.pain import SoreArea
from content.recap import Recap
from content.reminders import ANSWERS, WAITING, ReminderStatus, StoredReminder
from storage.base import UTCDateTime
from storage.models import Reminder
from storage.pain import sore_of_many
from storage.reminders import stored
from storage.rows import dialect
from storage.runners import RunnerProfile, load_profiles
from storage.sessions import count_finished_many

_REMINDER = cast(Table, Reminder.__table__)
_COLUMNS = _REMINDER.c
_CLAIMED = ReminderStatus.CLAIMED.value


@dataclass(frozen=True, slots=True)
class DueReminder:
    """A claimed reminder with its runner, ready to send; the claim lasts until
    ``claimed_until``."""

    reminder: StoredReminder
    runner: RunnerProfile
    claimed_until: datetime
    sore: tuple[SoreArea, ...] = ()  # the leg-day message asks about each first
    # sessions done so far: which exercises the next one holds (the message names them)
    sessions_done: int = 0
    # a weekly recap's figures (``bot.flows.recap`` reads them after the claim)
    recap: Recap | None = None


def _claimable(now: datetime) -> Any:
    return and_(
        _COLUMNS.status.in_([status.value for status in WAITING]),
        _COLUMNS.due_at <= now,
        or_(_COLUMNS.claimed_until.is_(None), _COLUMNS.claimed_until <= now),
    )


async def claim_due(
    db: AsyncSession, now: datetime, limit: int, claimer: str, claim_ttl: timedelta
) -> list[DueReminder]:
    """Claim up to ``limit`` due reminders (oldest first) for ``claimer`` until
    ``now + claim_ttl``. Expired claims are claimable again. Commit right after.

    Four statements whatever the batch: the claim returns the reminders' rows, then their
    runners, their sore areas and how many sessions each has done are read by id.
    """
    candidates = select(_COLUMNS.id).where(_claimable(now)).order_by(_COLUMNS.due_at)
    candidates = candidates.limit(limit)
    claimed_until = now + claim_ttl
    claim = update(_REMINDER).values(
        status=_CLAIMED, claimed_until=claimed_until, claimed_by=claimer
    )
    if dialect(db) == "postgresql":
        # The candidates in a MATERIALIZED CTE, picked once: as an ``IN (subquery)`` the
        # planner may run the LIMIT ... SKIP LOCKED subquery again per row and claim far
        # more than ``limit`` rows (it claimed all 120 of 120 with a limit of 30).
        picked = (
            candidates.with_for_update(skip_locked=True).cte("picked").prefix_with("MATERIALIZED")
        )
        claim = claim.where(_COLUMNS.id == picked.c.id, _claimable(now))
    else:
        claim = claim.where(_COLUMNS.id.in_(candidates.scalar_subquery()), _claimable(now))
    result = await db.execute(claim.returning(*_COLUMNS))
    claimed = [stored(row) for row in result]
    runner_ids = [reminder.runner_id for reminder in claimed]
    profiles = await load_profiles(db, runner_ids)
    sore = await sore_of_many(db, runner_ids) if claimed else {}
    done = await count_finished_many(db, runner_ids) if claimed else {}
    due = [
        DueReminder(
            reminder,
            profiles[reminder.runner_id],
            claimed_until,
            sore.get(reminder.runner_id, ()),
            done.get(reminder.runner_id, 0),
        )
        for reminder in claimed
        if reminder.runner_id in profiles  # (a runner deleted meanwhile takes their rows along)
    ]
    due.sort(key=lambda item: (item.reminder.due_at, item.reminder.id))
    return due


def _mine(reminder_id: int, claimer: str) -> Any:
    return and_(
        _COLUMNS.id == reminder_id, _COLUMNS.status == _CLAIMED, _COLUMNS.claimed_by == claimer
    )


def _sent_statement(claimer: str) -> Any:
    """The conditional update recording a send (parameters ``rid``, ``mid``, ``sent``).

    It matches our claim; a reminder the runner already answered (they pressed a button in
    the moment between Telegram's answer and this record) keeps its answer and gains the
    send's details, since their press proves the message arrived.
    """
    return (
        update(_REMINDER)
        .where(
            _COLUMNS.id == bindparam("rid"),
            _COLUMNS.claimed_by == claimer,
            or_(
                _COLUMNS.status == _CLAIMED,
                # (no IN list: executemany cannot expand one)
                and_(
                    or_(*(_COLUMNS.status == status.value for status in ANSWERS)),
                    _COLUMNS.sent_at.is_(None),
                ),
            ),
        )
        .values(
            status=case(
                (_COLUMNS.status == _CLAIMED, ReminderStatus.SENT.value), else_=_COLUMNS.status
            ),
            sent_at=bindparam("sent", type_=UTCDateTime()),
            message_id=bindparam("mid"),
            claimed_until=None,
            attempts=_COLUMNS.attempts + 1,
            last_error=None,
        )
    )


async def mark_sent(
    db: AsyncSession, reminder_id: int, claimer: str, *, message_id: int, sent_at: datetime
) -> bool:
    """Record a send. False when the claim was no longer ours (it expired and another
    dispatcher took the reminder: that is the duplicate window the docs describe)."""
    result = await db.execute(
        _sent_statement(claimer), {"rid": reminder_id, "mid": message_id, "sent": sent_at}
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def mark_sent_many(
    db: AsyncSession, claimer: str, sent: Sequence[tuple[int, int, datetime]]
) -> None:
    """``mark_sent`` for many ``(reminder id, message id, sent at)`` in one round trip
    (an executemany): the dispatcher records sends in batches. Recording one twice changes
    nothing the second time (the claim is no longer pending a record)."""
    if sent:
        await db.execute(
            _sent_statement(claimer),
            [{"rid": rid, "mid": mid, "sent": at} for rid, mid, at in sent],
        )


async def mark_retry(
    db: AsyncSession, reminder_id: int, claimer: str, *, error: str, retry_at: datetime
) -> bool:
    """Give a claimed reminder back after a transient failure; no one takes it before
    ``retry_at`` (the back-off)."""
    result = await db.execute(
        update(_REMINDER)
        .where(_mine(reminder_id, claimer))
        .values(
            status=ReminderStatus.PENDING.value,
            claimed_until=retry_at,
            claimed_by=None,
            attempts=_COLUMNS.attempts + 1,
            last_error=error[:500],
        )
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def mark_failed(db: AsyncSession, reminder_id: int, claimer: str, *, error: str) -> bool:
    """Telegram refused the reminder for good (a bad request, a blocked bot)."""
    result = await db.execute(
        update(_REMINDER)
        .where(_mine(reminder_id, claimer))
        .values(
            status=ReminderStatus.FAILED.value,
            claimed_until=None,
            attempts=_COLUMNS.attempts + 1,
            last_error=error[:500],
        )
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def mark_missed(db: AsyncSession, reminder_id: int, claimer: str) -> bool:
    """More than 3 hours late: recorded as missed, not sent."""
    result = await db.execute(
        update(_REMINDER)
        .where(_mine(reminder_id, claimer))
        .values(status=ReminderStatus.MISSED.value, claimed_until=None)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def drop_claimed(db: AsyncSession, reminder_id: int, claimer: str) -> None:
    """Forget a claimed reminder the runner no longer wants (paused or blocked meanwhile)."""
    await db.execute(delete(_REMINDER).where(_mine(reminder_id, claimer)))
