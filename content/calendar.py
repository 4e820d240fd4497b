"""One runner's reminder rules: whether they want reminders, their week, light days, moves.

Everything here reads a ``RunnerCalendar``: the few fields of a runner the rules need, as a
protocol, so content never imports storage (``storage.runners.RunnerProfile`` satisfies it
as it is, with no copy on the dispatcher's hot path). ``content.agenda`` applies these rules
to a runner's stored reminders.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Protocol
from zoneinfo import ZoneInfo

from content.legdays import LegDayPlan, PlanNote, plan_leg_days, race_window
from content.model import Level
from content.races import LONGEST_TAPER, Race, RaceDistance
from content.reminders import (
    LAST_SNOOZE,
    SNOOZE_FOR,
    PlannedLegDay,
    ReminderKind,
    StoredReminder,
    instant_on,
    move_blocker,
    race_of,
)

# The rules read a runner's reminders from this many days before today on: the race taper
# (10 days, 14 before a marathon) counts the light session already sent, with two days to
# spare for zones.
HISTORY_DAYS = LONGEST_TAPER + 2


class RunnerCalendar(Protocol):
    """What the reminder rules read of a runner (``RunnerProfile`` has all of it)."""

    @property
    def level(self) -> Level | None: ...

    @property
    def running_days(self) -> tuple[int, ...]: ...

    @property
    def hard_days(self) -> tuple[int, ...]: ...

    @property
    def reminder_time(self) -> time | None: ...

    @property
    def time_zone(self) -> str | None: ...

    @property
    def onboarded(self) -> bool: ...

    @property
    def blocked(self) -> bool: ...

    @property
    def paused(self) -> bool: ...

    @property
    def paused_until(self) -> date | None: ...

    @property
    def race_date(self) -> date | None: ...

    @property
    def race_distance(self) -> RaceDistance | None: ...

    @property
    def last_session_at(self) -> datetime | None: ...

    @property
    def weekly_recap(self) -> bool: ...


@lru_cache(maxsize=4096)
def _week_plan(
    running_days: tuple[int, ...], hard_days: tuple[int, ...], level: Level
) -> LegDayPlan:
    return plan_leg_days(running_days, hard_days, level)


def week_plan(cal: RunnerCalendar) -> LegDayPlan:
    """The runner's weekly leg-day plan. Memoized: it is a pure function of a handful of
    weekly patterns, and dispatch needs it several times per reminder (thousands a second at
    paid-broadcast rates), where computing it afresh was a tenth of the CPU spent."""
    return _week_plan(cal.running_days, cal.hard_days, cal.level or Level.BEGINNER)


def leg_days_of(cal: RunnerCalendar) -> tuple[int, ...]:
    return week_plan(cal).days


def wants_reminders(cal: RunnerCalendar) -> bool:
    """Onboarded, reachable, not paused indefinitely, and with leg days at a time and zone."""
    return (
        cal.onboarded
        and not cal.blocked
        and not (cal.paused and cal.paused_until is None)
        and cal.reminder_time is not None
        and bool(cal.time_zone)
        and bool(leg_days_of(cal))
    )


def paused_until(cal: RunnerCalendar) -> date | None:
    """The last day of a pause with an end date (None: not paused, or until /resume)."""
    return cal.paused_until if cal.paused else None


def local_today(cal: RunnerCalendar, now: datetime) -> date:
    return now.astimezone(ZoneInfo(cal.time_zone or "UTC")).date()


def pause_over(cal: RunnerCalendar, now: datetime) -> bool:
    """A pause through a date that has passed: it clears itself (reminders start the day
    after that date, and the profile stops saying "paused")."""
    until = paused_until(cal)
    return until is not None and until < local_today(cal, now)


def history_start(now: datetime) -> date:
    """The earliest local date of the stored reminders the rules need at ``now``."""
    return now.date() - timedelta(days=HISTORY_DAYS)


def race(cal: RunnerCalendar) -> Race | None:
    """The runner's goal race (passed ones too: their recovery and comeback follow)."""
    return race_of(cal.race_date, cal.race_distance)


def is_light(cal: RunnerCalendar, day: date) -> bool:
    """Whether a leg day falls in the race taper (then it is the light session)."""
    goal = race(cal)
    return goal is not None and race_window(goal.day, day, taper_days=goal.taper_days).in_taper


def still_wanted(cal: RunnerCalendar, reminder: StoredReminder) -> bool:
    """Whether a claimed reminder should still go out: the runner was not paused or blocked
    since it was planned, and, for a snooze, has done no session since on that day; a
    recap, while the runner still wants it."""
    if not wants_reminders(cal):
        return False
    until = paused_until(cal)
    if until is not None and reminder.local_date <= until:
        return False
    if reminder.kind is ReminderKind.RECAP:
        return cal.weekly_recap
    last = cal.last_session_at
    if reminder.kind is ReminderKind.SNOOZE and last is not None:
        return last.astimezone(ZoneInfo(cal.time_zone or "UTC")).date() != reminder.local_date
    return True


def why_not_move(cal: RunnerCalendar, day: date) -> PlanNote | None:
    """Why the leg day of ``day`` cannot move to the next day under the runner's weekly
    rules, or None when it can (``content.reminders.move_blocker``)."""
    return move_blocker(
        day,
        leg_days=leg_days_of(cal),
        running_days=cal.running_days,
        hard_days=cal.hard_days,
        race_date=cal.race_date,
    )


def moved_day(cal: RunnerCalendar, day: date) -> PlannedLegDay | None:
    """Where "Move to tomorrow" puts the leg day of ``day``: the next day at the reminder
    time (by the weekly trigger's DST rules); None when the runner has no time or zone."""
    if cal.reminder_time is None or not cal.time_zone:
        return None
    tomorrow = day + timedelta(days=1)
    return PlannedLegDay(instant_on(tomorrow, cal.reminder_time, cal.time_zone), tomorrow)


def snoozed(reminder: StoredReminder, now: datetime, time_zone: str) -> PlannedLegDay | None:
    """ "Snooze 1 h": the same local date again, an hour from the press; None when that
    would fall after ``LAST_SNOOZE`` or past the leg day (the runner then starts, skips or
    moves it: a snooze pressed again and again must not remind them through the night)."""
    again = now + SNOOZE_FOR
    there = again.astimezone(ZoneInfo(time_zone))
    if there.date() != reminder.local_date or there.time() > LAST_SNOOZE:
        return None
    return PlannedLegDay(again, reminder.local_date)
