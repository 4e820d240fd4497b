"""Operator figures read straight from the tables: runners, sessions, reminders, size.

Read-only and independent of the reminder dispatcher's code: the reminder figures come from
the ``reminder`` table's columns as the dispatcher leaves them (``status``, ``due_at``,
``sent_at``, ``attempts``). Every outcome adds one to ``attempts`` (a send, a failure for
good, each give-back after a transient failure), a miss adds none, so the give-backs of a
reminder are its attempts less its final outcome.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Final

from sqlalchemy import case, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from storage.enums import SessionStatus
from storage.models import LegSession, Reminder, Runner

MISSED: Final = "missed"
FAILED: Final = "failed"
# Sent means ``sent_at`` is set: a sent reminder the runner answered has the answer
# (started, snoozed, skipped, moved) as its status, and its sent_at.


@dataclass(frozen=True, slots=True)
class RunnerFigures:
    total: int
    active_7d: int  # started a session in the last 7 days
    blocked: int
    onboarded: int


@dataclass(frozen=True, slots=True)
class SessionFigures:
    started: int
    finished: int


@dataclass(frozen=True, slots=True)
class ReminderFigures:
    """Reminders due in a window: how each went, and how late the sent ones were."""

    sent: int
    missed: int
    failed: int
    given_back: int
    lateness: tuple[float, ...]  # seconds from due to sent, one per sent reminder


async def runners(db: AsyncSession, now: datetime) -> RunnerFigures:
    week_ago = now - timedelta(days=7)
    row = (
        await db.execute(
            select(
                func.count(),
                func.coalesce(func.sum(case((Runner.blocked.is_(True), 1), else_=0)), 0),
                func.coalesce(func.sum(case((Runner.onboarded.is_(True), 1), else_=0)), 0),
            ).select_from(Runner)
        )
    ).one()
    active = await db.scalar(
        select(func.count(func.distinct(LegSession.runner_id))).where(
            LegSession.started_at >= week_ago
        )
    )
    return RunnerFigures(
        total=int(row[0]), active_7d=int(active or 0), blocked=int(row[1]), onboarded=int(row[2])
    )


async def sessions(db: AsyncSession, since: datetime) -> SessionFigures:
    row = (
        await db.execute(
            select(
                func.count(),
                func.coalesce(
                    func.sum(case((LegSession.status == SessionStatus.FINISHED, 1), else_=0)), 0
                ),
            ).where(LegSession.started_at >= since)
        )
    ).one()
    return SessionFigures(started=int(row[0]), finished=int(row[1]))


async def reminders(db: AsyncSession, since: datetime, until: datetime) -> ReminderFigures:
    """Reminders due from ``since`` to ``until``."""
    due = Reminder.due_at.between(since, until)
    delivered = Reminder.sent_at.is_not(None)
    outcome = case(
        (delivered, 1),
        (Reminder.status == FAILED, 1),
        else_=0,
    )
    row = (
        await db.execute(
            select(
                func.coalesce(func.sum(case((delivered, 1), else_=0)), 0),
                func.coalesce(func.sum(case((Reminder.status == MISSED, 1), else_=0)), 0),
                func.coalesce(func.sum(case((Reminder.status == FAILED, 1), else_=0)), 0),
                func.coalesce(func.sum(Reminder.attempts - outcome), 0),
            ).where(due)
        )
    ).one()
    lateness = tuple(
        max(0.0, (sent - due_at).total_seconds())
        for due_at, sent in await db.execute(
            select(Reminder.due_at, Reminder.sent_at).where(due, delivered)
        )
        if sent is not None
    )
    return ReminderFigures(
        sent=int(row[0]),
        missed=int(row[1]),
        failed=int(row[2]),
        given_back=max(0, int(row[3])),
        lateness=lateness,
    )


async def database_bytes(db: AsyncSession) -> int | None:
    """The database's size on disk (SQLite: its pages; PostgreSQL: pg_database_size)."""
    dialect = db.get_bind().dialect.name
    if dialect == "sqlite":
        pages = await db.scalar(text("PRAGMA page_count"))
        size = await db.scalar(text("PRAGMA page_size"))
        return int(pages or 0) * int(size or 0)
    if dialect == "postgresql":
        return int(await db.scalar(text("SELECT pg_database_size(current_database())")) or 0)
    return None
