"""Factories for the pure reminder rules: a runner's calendar and their stored reminders.

The default runner runs Tue, Thu and Sat (Sat hard): leg days Monday and Wednesday, 07:30 in
Berlin. ``NOW`` is Wednesday 25 Nov 2026, 09:00 in Berlin (UTC+1), after that day's 07:30.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from content.calendar import RunnerCalendar
from content.model import Level
from content.races import RaceDistance
from content.reminders import ReminderKind, ReminderStatus, StoredReminder

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
MON_30 = date(2026, 11, 30)
WED_2 = date(2026, 12, 2)
MON_7 = date(2026, 12, 7)


def at_0630(day: date) -> datetime:
    """07:30 in Berlin in winter, in UTC."""
    return datetime.combine(day, time(6, 30), tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Cal:
    """A runner's calendar, set up and wanting reminders unless told otherwise."""

    level: Level | None = Level.BEGINNER
    running_days: tuple[int, ...] = (1, 3, 5)
    hard_days: tuple[int, ...] = (5,)
    reminder_time: time | None = time(7, 30)
    time_zone: str | None = "Europe/Berlin"
    onboarded: bool = True
    blocked: bool = False
    paused: bool = False
    paused_until: date | None = None
    race_date: date | None = None
    race_distance: RaceDistance | None = None
    last_session_at: datetime | None = None
    weekly_recap: bool = True


def _check(cal: RunnerCalendar) -> RunnerCalendar:  # Cal satisfies the protocol (mypy)
    return cal


_check(Cal())
_ids = itertools.count(1)


def stored(
    day: date,
    *,
    kind: ReminderKind = ReminderKind.LEG_DAY,
    status: ReminderStatus = ReminderStatus.PENDING,
    due_at: datetime | None = None,
    sent: bool = False,
    runner_id: int = 1,
) -> StoredReminder:
    """A stored reminder of runner 1 on ``day`` (due 07:30 Berlin unless told)."""
    due = due_at or at_0630(day)
    return StoredReminder(
        id=next(_ids),
        runner_id=runner_id,
        kind=kind,
        local_date=day,
        due_at=due,
        status=status,
        sent_at=due if sent else None,
    )
