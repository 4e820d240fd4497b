"""The reminder plan of stored runners: load their rows, apply the rules, write the result.

Each function is one read (``storage.runners``, ``storage.reminders``), one pure rule
(``content.calendar``, ``content.agenda``) and, for the planning ones, one write. Handlers
(and the schedule flow) and the dispatcher share them, so the summary card, /next and the
reminders that go out always agree. The caller commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from content import agenda
from content.agenda import HeldBack, UpcomingDay
from content.calendar import history_start, pause_over, week_plan
from content.legdays import LegDayPlan
from content.reminders import ReminderKind, StoredReminder
from storage import reminders, runners
from storage.runners import RunnerProfile


def leg_day_plan(profile: RunnerProfile) -> LegDayPlan:
    """The runner's weekly leg days (and the notes on why), by the rules in content.legdays."""
    return week_plan(profile)


async def plan_next(
    db: AsyncSession, wanted: Sequence[tuple[int, date | None]], now: datetime
) -> int:
    """Make sure each runner has their next leg-day reminder stored; returns how many were
    created. ``wanted`` pairs a runner id with the local date just dealt with (sent, missed,
    skipped), or None to search from ``now``. Idempotent: a runner who already has a leg day
    waiting after that date gets nothing new.

    The runners' rows are locked first (PostgreSQL), so a profile change and a dispatcher
    never plan one runner at once; the unique key is the last guard.
    """
    if not wanted:
        return 0
    ids = [runner_id for runner_id, _ in wanted]
    profiles = await runners.load_profiles(db, ids, for_update=True)
    rows = await reminders.recent(db, ids, history_start(now))
    planned = agenda.next_days(profiles, rows, wanted, now)
    await reminders.add(db, ReminderKind.LEG_DAY, planned)
    # and their weekly recap (a runner set up before recaps existed gets theirs here)
    await reminders.add(db, ReminderKind.RECAP, agenda.next_recaps(profiles, rows, now))
    return len(planned)


async def plan_recaps(db: AsyncSession, runner_ids: Sequence[int], now: datetime) -> int:
    """Make sure each runner has their next weekly recap stored (after one went out, was
    missed or dropped); returns how many were created. Idempotent, like ``plan_next``."""
    if not runner_ids:
        return 0
    profiles = await runners.load_profiles(db, runner_ids, for_update=True)
    rows = await reminders.recent(db, runner_ids, history_start(now))
    planned = agenda.next_recaps(profiles, rows, now)
    await reminders.add(db, ReminderKind.RECAP, planned)
    return len(planned)


@dataclass(frozen=True, slots=True)
class Replanned:
    """A runner's fresh profile and stored reminders once ``replan`` brought them in step:
    the plan card, /next and a session's summary read the next leg days from here rather
    than from the database again."""

    runner: RunnerProfile
    rows: Sequence[StoredReminder]

    def upcoming(self, now: datetime, count: int = 3) -> list[UpcomingDay]:
        return agenda.upcoming(self.runner, self.rows, now, count)

    def next_leg_day(self, now: datetime) -> datetime | None:
        """The next leg day in the runner's local time (see :func:`next_leg_day`)."""
        if not self.runner.time_zone:
            return None
        days = self.upcoming(now, count=1)
        return days[0].due_at.astimezone(ZoneInfo(self.runner.time_zone)) if days else None

    def held_back(self, now: datetime) -> HeldBack | None:
        return agenda.held_back(self.runner, self.rows, now)

    def light_day(self, now: datetime) -> UpcomingDay | None:
        return agenda.light_day(self.runner, self.rows, now)


async def replanned(
    db: AsyncSession, profile: RunnerProfile, now: datetime, *, fresh: bool = False
) -> Replanned:
    """Rewrite a runner's pending reminders after a profile change (``content.agenda.replan``);
    the fresh profile (a pause whose end date has passed is cleared here) and the reminders
    as they now stand.

    ``fresh``: the caller just wrote the runner's row in this transaction
    (``storage.runners.update_runner``), so ``profile`` is current and the row is locked
    already; it is not read again.
    """
    if pause_over(profile, now):
        profile = await runners.update_runner(db, profile.id, paused=False, paused_until=None)
        fresh = True
    since = history_start(now)
    if fresh:
        rows = await reminders.recent_of(db, profile.id, since)
    else:  # the runner read again, locked, with their reminders: one statement
        found, rows = await reminders.locked_with_recent(db, profile.id, since)
        profile = found or profile
    change = agenda.replan(profile, rows, now)
    if not change.changes_nothing:
        await reminders.rewrite(db, profile.id, change)
        rows = await reminders.recent_of(db, profile.id, since)
    return Replanned(profile, rows)


async def replan(
    db: AsyncSession, profile: RunnerProfile, now: datetime, *, fresh: bool = False
) -> RunnerProfile:
    """Rewrite a runner's pending reminders after a profile change (``content.agenda.replan``);
    returns the profile, fresh: a pause whose end date has passed is cleared here."""
    return (await replanned(db, profile, now, fresh=fresh)).runner


async def upcoming(
    db: AsyncSession, profile: RunnerProfile, now: datetime, count: int = 3
) -> list[UpcomingDay]:
    """The runner's next ``count`` leg days, stored and planned (``content.agenda``)."""
    rows = await reminders.recent_of(db, profile.id, history_start(now))
    return agenda.upcoming(profile, rows, now, count)


async def light_day(db: AsyncSession, profile: RunnerProfile, now: datetime) -> UpcomingDay | None:
    """The race taper's one light session ahead, if the plan has one."""
    rows = await reminders.recent_of(db, profile.id, history_start(now))
    return agenda.light_day(profile, rows, now)


async def next_leg_day(db: AsyncSession, profile: RunnerProfile, now: datetime) -> datetime | None:
    """The next leg day in the runner's local time, as the dispatcher will send it.

    Comes from the stored reminders (moves, skips, pauses and the race taper included), so the
    summary card, the session summary and /next always agree.
    """
    if not profile.time_zone:
        return None
    days = await upcoming(db, profile, now, count=1)
    return days[0].due_at.astimezone(ZoneInfo(profile.time_zone)) if days else None


async def held_back(db: AsyncSession, profile: RunnerProfile, now: datetime) -> HeldBack | None:
    """Whether the spacing after the last (or the expected) session moves the next leg day
    from where the weekly plan alone would put it (``content.agenda.held_back``)."""
    rows = await reminders.recent_of(db, profile.id, history_start(now))
    return agenda.held_back(profile, rows, now)


async def respaced(
    db: AsyncSession, profile: RunnerProfile, now: datetime, *, fresh: bool = False
) -> tuple[Replanned, datetime | None]:
    """Replan after a session, a snooze or a move, so the next leg day keeps its distance
    from it; the plan as it now stands, and the usual next leg day (local) when the
    spacing moved it (the runner is told)."""
    plan = await replanned(db, profile, now, fresh=fresh)
    moved = plan.held_back(now)
    if moved is None or not plan.runner.time_zone:
        return plan, None
    return plan, moved.usual.due_at.astimezone(ZoneInfo(plan.runner.time_zone))


async def respace(
    db: AsyncSession, profile: RunnerProfile, now: datetime
) -> tuple[RunnerProfile, datetime | None]:
    """Replan after a session, a snooze or a move, so the next leg day keeps its distance
    from it; the fresh profile, and the usual next leg day (local) when the spacing moved
    it (the runner is told)."""
    plan, usual = await respaced(db, profile, now)
    return plan.runner, usual
