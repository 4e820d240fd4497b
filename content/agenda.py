"""What lies ahead for a runner, given their stored reminders: the next leg day to store,
the days /next shows, the race taper's light day, and how a profile change rewrites them.

Pure functions over a ``RunnerCalendar`` and ``StoredReminder``s (the runner's reminders
from ``content.calendar.history_start(now)`` on); they return what to store, and
``bot.flows.plan`` loads and writes the rows. The search itself is
``content.reminders.plan_ahead`` (APScheduler's trigger, DST-safe).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from content.calendar import (
    RunnerCalendar,
    is_light,
    leg_days_of,
    local_today,
    paused_until,
    race,
    wants_reminders,
)
from content.model import Level
from content.recap import next_recap
from content.reminders import (
    SESSION_MINUTES,
    PlannedLegDay,
    ReminderKind,
    ReminderStatus,
    StoredReminder,
    instant_on,
    light_sessions_used,
    local_midnight,
    plan_ahead,
)
from content.spacing import anticipated_end, earliest_next, far_enough, local_day

_MICRO = timedelta(microseconds=1)
# The kinds of reminder that bring a leg session ahead today or tomorrow (a leg-day reminder
# is the plan itself; a recap brings none).
_AHEAD = (ReminderKind.SNOOZE, ReminderKind.MOVED)

# A batch's shared searches: runners with the same inputs get the same answer.
Memo = dict[tuple[Any, ...], list[PlannedLegDay]]


@dataclass(frozen=True, slots=True)
class UpcomingDay:
    """A leg day ahead as /next shows it: stored (moved or planned) or computed."""

    due_at: datetime
    local_date: date
    light: bool = False
    moved: bool = False


@dataclass(frozen=True, slots=True)
class Replan:
    """How a profile change rewrites a runner's pending reminders (sent history stays).

    ``drop_pending``: every pending reminder goes (the runner wants none); otherwise those
    dated up to ``drop_pending_through`` (inside a pause), then the ones in ``drop`` (ids);
    ``retime`` moves pending reminders (id, new instant); ``add`` is the next leg day and
    ``add_recap`` the next weekly recap.
    """

    drop_pending: bool = False
    drop_pending_through: date | None = None
    drop: tuple[int, ...] = ()
    retime: tuple[tuple[int, datetime], ...] = ()
    add: PlannedLegDay | None = None
    add_recap: PlannedLegDay | None = None

    @property
    def changes_nothing(self) -> bool:
        return self == Replan()


def _sent_day_dates(rows: Iterable[StoredReminder]) -> list[date]:
    return [row.local_date for row in rows if row.is_day and row.sent_at is not None]


def _taken(rows: Iterable[StoredReminder]) -> frozenset[date]:
    return frozenset(row.local_date for row in rows if row.is_day)


def rest_from(
    cal: RunnerCalendar, rows: Sequence[StoredReminder], now: datetime
) -> datetime | None:
    """When the last leg session ended, or when the one still ahead today or tomorrow (a
    snooze, a moved leg day) is expected to end, whichever is later: the next leg day keeps
    its distance from it (``content.spacing``)."""
    anchor = cal.last_session_at
    if not cal.time_zone:
        return anchor
    today = local_today(cal, now)
    tomorrow = today + timedelta(days=1)
    minutes = SESSION_MINUTES[cal.level or Level.BEGINNER]
    days = _taken(rows)
    for row in rows:
        if row.kind not in _AHEAD or not today <= row.local_date <= tomorrow:
            continue
        if row.local_date not in days:  # a snooze repeats its day's leg day: only with one
            continue
        if row.status.waiting or row.status is ReminderStatus.SENT:
            end = anticipated_end(row.due_at, minutes)
            anchor = end if anchor is None else max(anchor, end)
    return anchor


def _light_used(cal: RunnerCalendar, sent: Sequence[date]) -> int:
    last = cal.last_session_at
    last_day = local_day(last, cal.time_zone) if last is not None and cal.time_zone else None
    return light_sessions_used(cal.race_date, sent, cal.race_distance, last_day)


def next_day(
    cal: RunnerCalendar,
    rows: Sequence[StoredReminder],
    after_date: date | None,
    now: datetime,
    memo: Memo | None = None,
    *,
    spaced: bool = True,
) -> PlannedLegDay | None:
    """The leg day to store next for a runner, or None (one is already waiting, or the
    runner wants no reminders). ``spaced=False`` leaves the spacing after the last session
    out (to tell the runner what it changed). The search starts at the local midnight after
    ``after_date`` (the day just sent), so a repeated DST hour can never fire twice.

    ``memo`` shares the search between runners with the same inputs (a batch of reminders
    due at one instant is mostly runners with one time, zone and weekly pattern): the
    search runs APScheduler's trigger, the dearest part of planning.
    """
    if not wants_reminders(cal):
        return None
    for row in rows:
        if (
            row.kind is ReminderKind.LEG_DAY
            and row.status.waiting
            and (after_date is None or row.local_date > after_date)
        ):
            return None
    assert cal.reminder_time is not None and cal.time_zone
    start = now
    if after_date is not None:
        start = max(now, local_midnight(after_date + timedelta(days=1), cal.time_zone))
    rested = rest_from(cal, rows, now) if spaced else None
    if rested is not None and earliest_next(rested, cal.time_zone) <= start:
        rested = None  # long rested: the same search as every runner like them (the memo)
    inputs: dict[str, Any] = {
        "after": start - _MICRO,
        "leg_days": leg_days_of(cal),
        "at": cal.reminder_time,
        "zone": cal.time_zone,
        "taken": _taken(rows),
        "paused_until": paused_until(cal),
        "race_date": cal.race_date,
        "light_used": _light_used(cal, _sent_day_dates(rows)),
        "race_distance": cal.race_distance,
        "rest_from": rested,
    }
    key = tuple(inputs.values())
    planned = memo.get(key) if memo is not None else None
    if planned is None:
        planned = plan_ahead(**inputs)
        if memo is not None:
            memo[key] = planned
    return planned[0] if planned else None


def next_days(
    cals: Mapping[int, RunnerCalendar],
    rows: Mapping[int, Sequence[StoredReminder]],
    wanted: Iterable[tuple[int, date | None]],
    now: datetime,
) -> list[tuple[int, PlannedLegDay]]:
    """The next leg day to store for each runner of a batch, by runner id.

    ``wanted`` pairs a runner id with the local date just dealt with (sent, missed,
    skipped), or None to search from ``now``; a runner named twice searches after the later
    date (from ``now`` if either is None). Runners not in ``cals`` (deleted) get nothing.
    """
    after: dict[int, date | None] = {}
    for runner_id, day in wanted:
        if runner_id in after:
            current = after[runner_id]
            after[runner_id] = None if current is None or day is None else max(current, day)
        else:
            after[runner_id] = day
    memo: Memo = {}
    found: list[tuple[int, PlannedLegDay]] = []
    for runner_id, day in after.items():
        cal = cals.get(runner_id)
        if cal is None:
            continue
        planned = next_day(cal, rows.get(runner_id, ()), day, now, memo)
        if planned is not None:
            found.append((runner_id, planned))
    return found


def replan(cal: RunnerCalendar, rows: Sequence[StoredReminder], now: datetime) -> Replan:
    """Rewrite a runner's pending reminders after a profile change.

    A runner who wants no reminders (paused, blocked, not set up) keeps none pending.
    Otherwise pending reminders inside a pause are dropped, a moved leg day follows a new
    time or zone, and the next leg day is recomputed; the stored one is kept when it did not
    change. A reminder already due is left for the dispatcher to send.
    """
    if not wants_reminders(cal):
        return Replan(drop_pending=True)
    assert cal.reminder_time is not None and cal.time_zone
    through = paused_until(cal)
    if through is not None:
        rows = [
            row
            for row in rows
            if not (row.status is ReminderStatus.PENDING and row.local_date <= through)
        ]
    crowded = [
        row
        for row in rows
        if row.kind is ReminderKind.MOVED
        and row.status is ReminderStatus.PENDING
        and row.due_at > now
        and not far_enough(cal.last_session_at, row.due_at, cal.time_zone)
    ]
    rows = [row for row in rows if row not in crowded]
    retime = []
    for row in rows:
        if row.kind is ReminderKind.MOVED and row.status is ReminderStatus.PENDING:
            moved_to = instant_on(row.local_date, cal.reminder_time, cal.time_zone)
            if moved_to != row.due_at and moved_to > now:
                retime.append((row.id, moved_to))
    future = [
        row
        for row in rows
        if row.kind is ReminderKind.LEG_DAY
        and row.status is ReminderStatus.PENDING
        and row.due_at > now
    ]
    kept = [row for row in rows if row not in future]
    planned = next_day(cal, kept, None, now)
    if len(future) == 1 and planned is not None:
        (stored,) = future
        if (stored.local_date, stored.due_at) == (planned.local_date, planned.due_at):
            future, planned = [], None
    stale, recap = _recap_change(cal, rows, now)
    return Replan(
        drop_pending_through=through,
        drop=tuple(row.id for row in crowded + future + stale),
        retime=tuple(retime),
        add=planned,
        add_recap=recap,
    )


def _recap_change(
    cal: RunnerCalendar, rows: Sequence[StoredReminder], now: datetime
) -> tuple[list[StoredReminder], PlannedLegDay | None]:
    """The pending recaps to drop and the one to add: kept when it is still the one wanted
    (a recap already due is left for the dispatcher)."""
    pending = [
        row
        for row in rows
        if row.kind is ReminderKind.RECAP
        and row.status is ReminderStatus.PENDING
        and row.due_at > now
    ]
    wanted = next_recap(cal, [row for row in rows if row not in pending], now)
    if len(pending) == 1 and wanted is not None:
        (stored,) = pending
        if (stored.local_date, stored.due_at) == (wanted.local_date, wanted.due_at):
            return [], None
    return pending, wanted


def next_recaps(
    cals: Mapping[int, RunnerCalendar],
    rows: Mapping[int, Sequence[StoredReminder]],
    now: datetime,
) -> list[tuple[int, PlannedLegDay]]:
    """The next weekly recap to store for each runner of a batch who has none waiting
    (idempotent, like ``next_days``); by runner id."""
    found: list[tuple[int, PlannedLegDay]] = []
    for runner_id, cal in cals.items():
        own = rows.get(runner_id, ())
        if any(row.kind is ReminderKind.RECAP and row.status.waiting for row in own):
            continue
        recap = next_recap(cal, own, now)
        if recap is not None:
            found.append((runner_id, recap))
    return found


@dataclass(frozen=True, slots=True)
class HeldBack:
    """The spacing rule put the next leg day later: where the weekly plan alone would have
    it (``usual``), where it is (``planned``, None: nothing in reach), and the end of the
    session (done or expected) it keeps its distance from."""

    usual: PlannedLegDay
    planned: PlannedLegDay | None
    rest_from: datetime


def held_back(
    cal: RunnerCalendar, rows: Sequence[StoredReminder], now: datetime
) -> HeldBack | None:
    """Whether the spacing after the last (or the expected) session moves the next leg day,
    and where to: so the runner is told why it is not the usual one."""
    anchor = rest_from(cal, rows, now)
    if anchor is None or not wants_reminders(cal):
        return None
    kept = [
        row
        for row in rows
        if not (
            row.kind is ReminderKind.LEG_DAY
            and row.status is ReminderStatus.PENDING
            and row.due_at > now
        )
    ]
    usual = next_day(cal, kept, None, now, spaced=False)
    planned = next_day(cal, kept, None, now)
    if usual is None or usual == planned:
        return None
    return HeldBack(usual, planned, anchor)


def upcoming(
    cal: RunnerCalendar, rows: Sequence[StoredReminder], now: datetime, count: int = 3
) -> list[UpcomingDay]:
    """The next ``count`` leg days: the stored ones (the next planned, any moved) first,
    then the plan's next ones after them, with race-taper and pause rules applied."""
    if not wants_reminders(cal):
        return []
    assert cal.reminder_time is not None and cal.time_zone
    waiting = sorted(
        (row for row in rows if row.is_day and row.status.waiting), key=lambda row: row.due_at
    )
    days = [
        UpcomingDay(
            row.due_at,
            row.local_date,
            is_light(cal, row.local_date),
            row.kind is ReminderKind.MOVED,
        )
        for row in waiting
    ]
    stored_next = [row.due_at for row in waiting if row.kind is ReminderKind.LEG_DAY]
    light_used = _light_used(cal, _sent_day_dates(rows) + [day.local_date for day in days])
    more = plan_ahead(
        after=max([now, *stored_next]),
        leg_days=leg_days_of(cal),
        at=cal.reminder_time,
        zone=cal.time_zone,
        count=count,
        taken=_taken(rows),
        paused_until=paused_until(cal),
        race_date=cal.race_date,
        light_used=light_used,
        race_distance=cal.race_distance,
        rest_from=rest_from(cal, rows, now),
    )
    days += [UpcomingDay(item.due_at, item.local_date, item.light) for item in more]
    days.sort(key=lambda day: day.due_at)
    return days[:count]


def light_day(
    cal: RunnerCalendar, rows: Sequence[StoredReminder], now: datetime
) -> UpcomingDay | None:
    """The race taper's one light session ahead, if the plan has one."""
    goal = race(cal)
    if goal is None or not wants_reminders(cal):
        return None
    assert cal.reminder_time is not None and cal.time_zone
    for row in sorted(rows, key=lambda row: row.due_at):
        if row.is_day and row.status.waiting and is_light(cal, row.local_date):
            return UpcomingDay(row.due_at, row.local_date, True, row.kind is ReminderKind.MOVED)
    window = local_midnight(goal.taper_start, cal.time_zone)
    found = plan_ahead(
        after=max(now, window - _MICRO),
        leg_days=leg_days_of(cal),
        at=cal.reminder_time,
        zone=cal.time_zone,
        taken=_taken(rows),
        paused_until=paused_until(cal),
        race_date=cal.race_date,
        light_used=_light_used(cal, _sent_day_dates(rows)),
        race_distance=cal.race_distance,
        rest_from=rest_from(cal, rows, now),
    )
    if found and found[0].light:
        return UpcomingDay(found[0].due_at, found[0].local_date, True)
    return None
