"""The weekly recap's figures for the recaps of a claimed batch: load the rows, apply the
rules of ``content.recap``, and hand each recap to the dispatcher with its figures.

A week runs Monday to Sunday in the runner's zone, up to the recap's own instant: a leg day
due at the same time as the recap (a Sunday leg day) counts in neither the planned nor the
done of that week's recap. What was planned is what was stored: the leg-day reminders of
each week (a paused day and a race's rest days have none); a session done is one with a set
logged (as /progress counts them).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from content import agenda
from content.library import Library
from content.model import Unit
from content.recap import Recap, moved_up, streak, week_counts
from content.record import jump_contacts, week_start
from content.reminders import ReminderKind, StoredReminder
from storage import reminders, weeks
from storage.claims import DueReminder
from storage.runners import RunnerProfile

# Weeks looked back for the streak of weeks on plan.
STREAK_WEEKS = 52
# Enough upcoming leg days to cover next week (three at most) after one still due today.
_AHEAD = 5


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


async def with_figures(
    db: AsyncSession, library: Library, batch: Sequence[DueReminder], now: datetime
) -> list[DueReminder]:
    """The batch with each recap's figures attached (``DueReminder.recap``); leg-day
    reminders pass through unchanged. Four reads for every recap of the batch at once."""
    recaps = [due for due in batch if due.reminder.kind is ReminderKind.RECAP]
    if not recaps:
        return list(batch)
    ids = [due.runner.id for due in recaps]
    # a day either side covers every zone; each runner's own window is cut below
    first_monday = min(week_start(due.reminder.local_date) for due in recaps) - timedelta(days=1)
    earliest = first_monday - timedelta(weeks=STREAK_WEEKS - 1)
    utc = ZoneInfo("UTC")
    until = max(due.reminder.due_at for due in recaps)
    rows = await reminders.recent(db, ids, earliest)
    starts = await weeks.session_starts(db, ids, _midnight(earliest, utc), until)
    week_from = _midnight(first_monday, utc)
    jumps = await weeks.jump_sets(db, ids, week_from, until)
    changes = await weeks.rung_changes(db, ids, week_from, until)
    figures = {
        due.reminder.id: _recap(
            due,
            library,
            rows.get(due.runner.id, []),
            starts.get(due.runner.id, []),
            jumps.get(due.runner.id, []),
            changes.get(due.runner.id, []),
            now,
        )
        for due in recaps
    }
    return [
        dataclasses.replace(due, recap=figures[due.reminder.id])
        if due.reminder.id in figures
        else due
        for due in batch
    ]


def _recap(
    due: DueReminder,
    library: Library,
    rows: list[StoredReminder],
    starts: list[datetime],
    jumps: list[tuple[datetime, int, str | None]],
    changes: list[tuple[datetime, str, str, str]],
    now: datetime,
) -> Recap:
    runner, recap_at = due.runner, due.reminder.due_at
    zone = ZoneInfo(runner.time_zone or "UTC")
    monday = week_start(due.reminder.local_date)
    week_from = _midnight(monday, zone)

    def this_week(at: datetime) -> bool:
        return week_from <= at < recap_at

    planned = [
        row.local_date
        for row in rows
        if row.kind is ReminderKind.LEG_DAY
        and row.local_date <= monday + timedelta(days=6)
        and (row.local_date < monday or row.due_at < recap_at)
    ]
    done = [start.astimezone(zone).date() for start in starts if start < recap_at]
    counts = week_counts(monday, planned, done, most=STREAK_WEEKS)
    return Recap(
        week=counts[-1],
        moved_up=moved_up(library, [move[1:] for move in changes if this_week(move[0])]),
        contacts=sum(
            jump_contacts(reps, Unit.CONTACTS, side) for at, reps, side in jumps if this_week(at)
        ),
        streak=streak(counts),
        next_days=_next_week(runner, rows, monday, now),
    )


def _next_week(
    runner: RunnerProfile, rows: list[StoredReminder], monday: date, now: datetime
) -> tuple[date, ...]:
    """Next week's leg days, as /next would show them (stored, moved, planned)."""
    start, end = monday + timedelta(weeks=1), monday + timedelta(days=13)
    ahead = agenda.upcoming(runner, rows, now, count=_AHEAD)
    return tuple(day.local_date for day in ahead if start <= day.local_date <= end)
