"""The weekly recap as data: a week's sessions against its plan, and the streak of weeks on
plan. Pure; ``bot/texts/recap.py`` words it and the dispatcher sends it on the runner's last
day of the week (Sunday: weeks run Monday to Sunday, as in ``content.record``).

The recap is one more stored reminder (``ReminderKind.RECAP``), planned like a leg day:
``next_recap`` says which Sunday and instant to store (the runner's reminder time, by the
leg days' DST rules), never inside a pause, never a second time for a week.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Final

from content.calendar import RunnerCalendar, local_today, paused_until, wants_reminders
from content.library import Library
from content.record import week_start
from content.reminders import PlannedLegDay, ReminderKind, StoredReminder, instant_on

# The recap goes out on the week's last day (Monday is 0).
RECAP_WEEKDAY: Final = 6


@dataclass(frozen=True, slots=True)
class WeekCount:
    """One week's leg sessions: done (finished or stopped with a set logged) and planned."""

    monday: date
    done: int
    planned: int

    @property
    def on_plan(self) -> bool:
        """Every planned session done (a week with nothing planned counts as on plan)."""
        return self.done >= self.planned


@dataclass(frozen=True, slots=True)
class Recap:
    """What the week held: sessions against the plan, the exercises that moved up, the
    jump contacts, the streak of weeks on plan, and next week's leg days."""

    week: WeekCount
    moved_up: tuple[str, ...]  # exercise ids, in library order
    contacts: int
    streak: int
    next_days: tuple[date, ...]

    @property
    def worth_sending(self) -> bool:
        """Something to tell: a session was planned or done this week (a week paused all
        through has neither, and gets no recap)."""
        return self.week.planned > 0 or self.week.done > 0


def streak(weeks: Sequence[WeekCount]) -> int:
    """Weeks running on plan, counted back from the latest (``weeks`` oldest first)."""
    count = 0
    for week in reversed(weeks):
        if not week.on_plan:
            break
        count += 1
    return count


def recap_day(day: date) -> date:
    """The day of ``day``'s week the recap goes out."""
    return week_start(day) + timedelta(days=RECAP_WEEKDAY)


def planned_in(week_monday: date, leg_days: Sequence[int], skip: Sequence[date] = ()) -> int:
    """How many leg days the weekly plan holds in a week, leaving out paused days."""
    days = (week_monday + timedelta(days=weekday) for weekday in leg_days)
    return sum(day not in set(skip) for day in days)


# A recap is planned at most this many weeks ahead (a pause can be long).
_HORIZON_WEEKS: Final = 120


@lru_cache(maxsize=4096)
def _instant(day: date, at: time, zone: str) -> datetime:
    """The recap's instant on ``day`` (memoized: APScheduler's trigger is the dear part,
    and a batch of runners shares a handful of times and zones)."""
    return instant_on(day, at, zone)


def next_recap(
    cal: RunnerCalendar, rows: Iterable[StoredReminder], now: datetime
) -> PlannedLegDay | None:
    """The next recap to store: the first recap day (Sunday) at the reminder time after
    ``now``, after any pause, on a date with no recap stored yet (``rows``: the runner's
    reminders from ``content.calendar.history_start``). None when the runner wants no
    recap (turned off, paused until /resume, not set up, blocked)."""
    if not (cal.weekly_recap and wants_reminders(cal)):
        return None
    assert cal.reminder_time is not None and cal.time_zone
    taken = {row.local_date for row in rows if row.kind is ReminderKind.RECAP}
    day = recap_day(local_today(cal, now))
    until = paused_until(cal)
    if until is not None and day <= until:
        day = recap_day(until + timedelta(days=1))
    for _ in range(_HORIZON_WEEKS):
        if day not in taken:
            at = _instant(day, cal.reminder_time, cal.time_zone)
            if at > now:
                return PlannedLegDay(at, day)
        day += timedelta(weeks=1)
    return None


def week_counts(
    this_week: date,
    planned: Iterable[date],
    done: Iterable[date],
    *,
    most: int = 52,
) -> list[WeekCount]:
    """Each week's sessions done against planned, oldest first, from the first week with
    either (at most ``most`` weeks) through ``this_week``'s (its Monday). ``planned`` are
    the local dates of the leg days stored (a paused day has none), ``done`` the local days
    of the sessions with a set logged."""
    planned_by: dict[date, int] = {}
    done_by: dict[date, int] = {}
    for day in planned:
        planned_by[week_start(day)] = planned_by.get(week_start(day), 0) + 1
    for day in done:
        done_by[week_start(day)] = done_by.get(week_start(day), 0) + 1
    last = week_start(this_week)
    known = [monday for monday in (*planned_by, *done_by) if monday <= last]
    first = max(min(known, default=last), last - timedelta(weeks=most - 1))
    weeks = []
    monday = first
    while monday <= last:
        weeks.append(WeekCount(monday, done_by.get(monday, 0), planned_by.get(monday, 0)))
        monday += timedelta(weeks=1)
    return weeks


def moved_up(library: Library, moves: Iterable[tuple[str, str, str]]) -> tuple[str, ...]:
    """The exercises that moved to a harder rung, in library order, from ``(exercise id,
    from rung, to rung)`` changes (a move down, a new target or an exercise no longer in the
    library does not count)."""
    up = set()
    for exercise_id, from_rung, to_rung in moves:
        if exercise_id not in library.ids:
            continue
        ladder = [rung.id for rung in library.get(exercise_id).ladder]
        known = from_rung in ladder and to_rung in ladder
        if known and ladder.index(to_rung) > ladder.index(from_rung):
            up.add(exercise_id)
    return tuple(exercise_id for exercise_id in library.ids if exercise_id in up)
