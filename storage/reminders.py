"""Reminder repository: the database is the source of truth for every leg-day reminder.

Each active runner (onboarded, not blocked, not paused) has their next leg-day reminder
stored: ``status`` pending, ``due_at`` in UTC, ``local_date`` in their zone. A dispatcher
*claims* due reminders (``claim_due``), sends them, and records the outcome; recording a
sent, missed or failed reminder plans the runner's next one (``plan_next``).

Claims. On PostgreSQL the claim is one ``UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP
LOCKED)``, so any number of processes can claim side by side and never take the same row.
On SQLite a single bot process is assumed (SQLite has no row locks); the claim is still a
conditional ``UPDATE`` that re-checks claimability, so two ticks inside one process cannot
take the same row either. A claim lasts until ``claimed_until``: a process that died between
claim and send leaves a claim that expires, and the reminder is claimable again.

``claimed_until`` doubles as "not before" for a pending reminder whose send failed: the
back-off before the next try. Nothing in this module commits; the caller does.

Status lifecycle::

    pending -> claimed -> sent -> started | snoozed | skipped | moved   (the runner answered)
                       -> missed   (more than 3 hours late)
                       -> failed   (Telegram refused it for good, or the runner blocked us)
                       -> pending  (released after a transient failure, retried later)

Replanning deletes *pending* reminders and never touches sent history.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import Any, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Row, Table, and_, bindparam, case, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from content.legdays import TAPER_DAYS, LegDayPlan, plan_leg_days, race_window
from content.model import Level
from content.reminders import (
    SNOOZE_FOR,
    PlannedLegDay,
    instant_on,
    light_sessions_used,
    local_midnight,
    plan_ahead,
)
from storage.base import UTCDateTime
from storage.models import Reminder, Runner
from storage.runners import RunnerProfile, to_profile

# kinds: the day's leg-day reminder, the same day's "Snooze 1 h", a leg day moved to tomorrow
LEG_DAY, SNOOZE, MOVED = "leg_day", "snooze", "moved"
DAY_KINDS = (LEG_DAY, MOVED)  # reminders that *are* a leg day (a snooze repeats one)

PENDING, CLAIMED, SENT, MISSED, FAILED = "pending", "claimed", "sent", "missed", "failed"
STARTED, SNOOZED, SKIPPED, MOVED_ON = "started", "snoozed", "skipped", "moved"
WAITING = (PENDING, CLAIMED)
ANSWERS = (STARTED, SNOOZED, SKIPPED, MOVED_ON)

_CHUNK = 500  # ids per IN (...) list, well under every driver's parameter limit
_MICRO = timedelta(microseconds=1)
_RUNNER = cast(Table, Runner.__table__)
_REMINDER = cast(Table, Reminder.__table__)


@dataclass(frozen=True, slots=True)
class ReminderView:
    """A stored reminder, as plain data."""

    id: int
    runner_id: int
    kind: str
    local_date: date
    due_at: datetime
    status: str
    attempts: int = 0
    sent_at: datetime | None = None
    message_id: int | None = None

    @property
    def is_day(self) -> bool:
        return self.kind in DAY_KINDS


@dataclass(frozen=True, slots=True)
class DueReminder:
    """A claimed reminder with its runner, ready to send; the claim lasts until
    ``claimed_until``."""

    reminder: ReminderView
    runner: RunnerProfile
    claimed_until: datetime


@dataclass(frozen=True, slots=True)
class UpcomingDay:
    """A leg day ahead as /next shows it: stored (moved or planned) or computed."""

    due_at: datetime
    local_date: date
    light: bool = False
    moved: bool = False


def _view(row: Reminder | Row[Any]) -> ReminderView:
    return ReminderView(
        id=row.id,
        runner_id=row.runner_id,
        kind=row.kind,
        local_date=row.local_date,
        due_at=row.due_at,
        status=row.status,
        attempts=row.attempts,
        sent_at=row.sent_at,
        message_id=row.message_id,
    )


def wants_reminders(profile: RunnerProfile) -> bool:
    """Onboarded, reachable, not paused indefinitely, and with leg days at a time and zone."""
    return (
        profile.onboarded
        and not profile.blocked
        and not (profile.paused and profile.paused_until is None)
        and profile.reminder_time is not None
        and bool(profile.time_zone)
        and bool(leg_days_of(profile))
    )


@lru_cache(maxsize=4096)
def _week_plan(
    running_days: tuple[int, ...], hard_days: tuple[int, ...], level: Level
) -> LegDayPlan:
    return plan_leg_days(running_days, hard_days, level)


def week_plan(profile: RunnerProfile) -> LegDayPlan:
    """The runner's weekly leg-day plan. Memoized: it is a pure function of a handful of
    weekly patterns, and dispatch needs it several times per reminder (thousands a second at
    paid-broadcast rates), where computing it afresh was a tenth of the CPU spent."""
    return _week_plan(profile.running_days, profile.hard_days, profile.level or Level.BEGINNER)


def leg_days_of(profile: RunnerProfile) -> tuple[int, ...]:
    return week_plan(profile).days


def local_today(profile: RunnerProfile, now: datetime) -> date:
    return now.astimezone(ZoneInfo(profile.time_zone or "UTC")).date()


def is_light(profile: RunnerProfile, local_date: date) -> bool:
    """Whether a leg day falls in the race taper (then it is the light session)."""
    return profile.race_date is not None and race_window(profile.race_date, local_date).in_taper


def _dialect(db: AsyncSession) -> str:
    return db.get_bind().dialect.name


def _holds_objects(db: AsyncSession) -> bool:
    """Whether the session holds ORM objects (a handler's session: it loaded the runner).

    Reads there go through the ORM with ``populate_existing``, so objects a handler already
    holds see what this module changed. The dispatcher's own sessions hold none and read
    plain rows, several times cheaper per row, which counts at a thousand reminders a second.
    """
    return bool(db.sync_session.identity_map)


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


async def _insert_ignoring_duplicates(db: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Insert reminders; one already stored for the same (runner, local date, kind) wins.

    The unique constraint is the last guard against two reminders for one day (two
    processes planning the same runner at once): the loser's row is simply not inserted.
    """
    if not rows:
        return
    if _dialect(db) == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        pg_stmt = pg_insert(_REMINDER).on_conflict_do_nothing(
            index_elements=["runner_id", "local_date", "kind"]
        )
        await db.execute(pg_stmt, rows)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        sqlite_stmt = sqlite_insert(_REMINDER).on_conflict_do_nothing(
            index_elements=["runner_id", "local_date", "kind"]
        )
        await db.execute(sqlite_stmt, rows)


def _new_row(runner_id: int, kind: str, planned: PlannedLegDay) -> dict[str, Any]:
    return {
        "runner_id": runner_id,
        "kind": kind,
        "local_date": planned.local_date,
        "due_at": planned.due_at,
        "status": PENDING,
        "attempts": 0,
    }


# -- planning -------------------------------------------------------------------------------


async def _load_runners(db: AsyncSession, ids: Sequence[int]) -> dict[int, RunnerProfile]:
    """Profiles by id; on PostgreSQL their rows are locked (in id order, so two planners
    never deadlock) so a profile change and a dispatcher cannot plan one runner at once."""
    found: dict[int, RunnerProfile] = {}
    lock = _dialect(db) == "postgresql"
    orm = _holds_objects(db)
    for chunk in _chunks(sorted(set(ids))):
        if orm:
            query = (
                select(Runner)
                .where(Runner.id.in_(chunk))
                .order_by(Runner.id)
                .execution_options(populate_existing=True)
            )
            if lock:
                query = query.with_for_update()
            for row in await db.scalars(query):
                found[row.id] = to_profile(row)
            continue
        plain = select(_RUNNER).where(_RUNNER.c.id.in_(chunk)).order_by(_RUNNER.c.id)
        if lock:
            plain = plain.with_for_update()
        for plain_row in await db.execute(plain):
            found[plain_row.id] = to_profile(cast(Runner, plain_row))
    return found


async def _load_recent(
    db: AsyncSession, ids: Sequence[int], now: datetime
) -> dict[int, list[ReminderView]]:
    """Each runner's reminders from shortly before the race-taper window onwards."""
    cutoff = now.date() - timedelta(days=TAPER_DAYS + 2)
    found: dict[int, list[ReminderView]] = defaultdict(list)
    orm = _holds_objects(db)
    for chunk in _chunks(sorted(set(ids))):
        if orm:
            rows = await db.scalars(
                select(Reminder)
                .where(Reminder.runner_id.in_(chunk), Reminder.local_date >= cutoff)
                .execution_options(populate_existing=True)
            )
            for row in rows:
                found[row.runner_id].append(_view(row))
            continue
        plain = await db.execute(
            select(_REMINDER).where(
                _REMINDER.c.runner_id.in_(chunk), _REMINDER.c.local_date >= cutoff
            )
        )
        for plain_row in plain:
            found[plain_row.runner_id].append(_view(plain_row))
    return found


def _sent_day_dates(rows: Iterable[ReminderView]) -> list[date]:
    return [row.local_date for row in rows if row.is_day and row.sent_at is not None]


def _next_day(
    profile: RunnerProfile,
    rows: Sequence[ReminderView],
    after_date: date | None,
    now: datetime,
    memo: dict[tuple[Any, ...], list[PlannedLegDay]] | None = None,
) -> PlannedLegDay | None:
    """The leg day to store next for a runner, or None (one is already waiting, or the
    runner wants no reminders). The search starts at the local midnight after
    ``after_date`` (the day just sent), so a repeated DST hour can never fire twice.

    ``memo`` shares the search between runners with the same inputs (a batch of reminders
    due at one instant is mostly runners with one time, zone and weekly pattern): the
    search runs APScheduler's trigger, the dearest part of planning.
    """
    if not wants_reminders(profile):
        return None
    waiting = [
        row
        for row in rows
        if row.kind == LEG_DAY
        and row.status in WAITING
        and (after_date is None or row.local_date > after_date)
    ]
    if waiting:
        return None
    assert profile.reminder_time is not None and profile.time_zone
    start = now
    if after_date is not None:
        start = max(now, local_midnight(after_date + timedelta(days=1), profile.time_zone))
    inputs: dict[str, Any] = {
        "after": start - _MICRO,
        "leg_days": leg_days_of(profile),
        "at": profile.reminder_time,
        "zone": profile.time_zone,
        "taken": frozenset(row.local_date for row in rows if row.is_day),
        "paused_until": profile.paused_until if profile.paused else None,
        "race_date": profile.race_date,
        "light_used": light_sessions_used(profile.race_date, _sent_day_dates(rows)),
    }
    key = tuple(inputs.values())
    planned = memo.get(key) if memo is not None else None
    if planned is None:
        planned = plan_ahead(**inputs)
        if memo is not None:
            memo[key] = planned
    return planned[0] if planned else None


async def plan_next(
    db: AsyncSession, wanted: Sequence[tuple[int, date | None]], now: datetime
) -> int:
    """Make sure each runner has their next leg-day reminder stored; returns how many were
    created. ``wanted`` pairs a runner id with the local date just dealt with (sent, missed,
    skipped), or None to search from ``now``. Idempotent: a runner who already has a leg day
    waiting after that date gets nothing new."""
    if not wanted:
        return 0
    ids = [runner_id for runner_id, _ in wanted]
    profiles = await _load_runners(db, ids)
    recent = await _load_recent(db, ids, now)
    after: dict[int, date | None] = {}
    for runner_id, day in wanted:
        if runner_id in after:
            current = after[runner_id]
            after[runner_id] = None if current is None or day is None else max(current, day)
        else:
            after[runner_id] = day
    rows: list[dict[str, Any]] = []
    memo: dict[tuple[Any, ...], list[PlannedLegDay]] = {}
    for runner_id, day in after.items():
        profile = profiles.get(runner_id)
        if profile is None:
            continue
        planned = _next_day(profile, recent.get(runner_id, []), day, now, memo)
        if planned is not None:
            rows.append(_new_row(runner_id, LEG_DAY, planned))
    await _insert_ignoring_duplicates(db, rows)
    return len(rows)


async def replan_runner(db: AsyncSession, profile: RunnerProfile, now: datetime) -> RunnerProfile:
    """Rewrite a runner's pending reminders after a profile change; returns the profile
    (fresh: an expired pause is cleared here).

    Sent history stays. A runner who wants no reminders (paused, blocked, not set up) keeps
    none pending. Otherwise pending reminders inside a pause are dropped, a moved leg day
    follows a new time or zone, and the next leg day is recomputed; it is kept as stored when
    it did not change. A reminder already due is left for the dispatcher to send.
    """
    paused_until = profile.paused_until if profile.paused else None
    if paused_until is not None and paused_until < local_today(profile, now):
        await db.execute(
            update(Runner).where(Runner.id == profile.id).values(paused=False, paused_until=None)
        )
    profiles = await _load_runners(db, [profile.id])
    profile = profiles.get(profile.id, profile)
    pending = Reminder.status == PENDING
    mine = Reminder.runner_id == profile.id
    if not wants_reminders(profile):
        await db.execute(delete(Reminder).where(mine, pending))
        return profile
    assert profile.reminder_time is not None and profile.time_zone
    if profile.paused and profile.paused_until is not None:
        await db.execute(
            delete(Reminder).where(mine, pending, Reminder.local_date <= profile.paused_until)
        )
    rows = (await _load_recent(db, [profile.id], now)).get(profile.id, [])
    for row in rows:
        if row.kind == MOVED and row.status == PENDING:
            moved_to = instant_on(row.local_date, profile.reminder_time, profile.time_zone)
            if moved_to != row.due_at and moved_to > now:
                await db.execute(
                    update(Reminder).where(Reminder.id == row.id).values(due_at=moved_to)
                )
    future = [
        row for row in rows if row.kind == LEG_DAY and row.status == PENDING and row.due_at > now
    ]
    kept = [row for row in rows if row not in future]
    planned = _next_day(profile, kept, None, now)
    if len(future) == 1 and planned is not None:
        (stored,) = future
        if (stored.local_date, stored.due_at) == (planned.local_date, planned.due_at):
            return profile
    if future:
        await db.execute(delete(Reminder).where(Reminder.id.in_([row.id for row in future])))
    if planned is not None:
        await _insert_ignoring_duplicates(db, [_new_row(profile.id, LEG_DAY, planned)])
    return profile


# -- dispatch -------------------------------------------------------------------------------


def _claimable(now: datetime) -> Any:
    return and_(
        Reminder.status.in_(WAITING),
        Reminder.due_at <= now,
        or_(Reminder.claimed_until.is_(None), Reminder.claimed_until <= now),
    )


async def claim_due(
    db: AsyncSession, now: datetime, limit: int, claimer: str, claim_ttl: timedelta
) -> list[DueReminder]:
    """Claim up to ``limit`` due reminders (oldest first) for ``claimer`` until
    ``now + claim_ttl``. Expired claims are claimable again. Commit right after: the claim
    protects the reminder only once other processes can see it.

    Two statements whatever the batch: the claim returns the reminders' rows, then their
    runners are read by id, as plain rows (this is the dispatcher's own session).
    """
    candidates = select(_REMINDER.c.id).where(_claimable(now)).order_by(_REMINDER.c.due_at)
    candidates = candidates.limit(limit)
    claimed_until = now + claim_ttl
    claim = update(_REMINDER).values(
        status=CLAIMED, claimed_until=claimed_until, claimed_by=claimer
    )
    if _dialect(db) == "postgresql":
        # The candidates in a MATERIALIZED CTE, picked once: as an ``IN (subquery)`` the
        # planner may run the LIMIT ... SKIP LOCKED subquery again per row and claim far
        # more than ``limit`` rows (it claimed all 120 of 120 with a limit of 30).
        picked = (
            candidates.with_for_update(skip_locked=True).cte("picked").prefix_with("MATERIALIZED")
        )
        claim = claim.where(_REMINDER.c.id == picked.c.id, _claimable(now))
    else:
        claim = claim.where(_REMINDER.c.id.in_(candidates.scalar_subquery()), _claimable(now))
    result = await db.execute(claim.returning(*_REMINDER.c))
    claimed = [_view(row) for row in result]
    profiles: dict[int, RunnerProfile] = {}
    for chunk in _chunks(sorted({view.runner_id for view in claimed})):
        for row in await db.execute(select(_RUNNER).where(_RUNNER.c.id.in_(chunk))):
            profiles[row.id] = to_profile(cast(Runner, row))
    due = [
        DueReminder(view, profiles[view.runner_id], claimed_until)
        for view in claimed
        if view.runner_id in profiles  # (a runner deleted meanwhile takes their rows along)
    ]
    due.sort(key=lambda item: (item.reminder.due_at, item.reminder.id))
    return due


def _mine(reminder_id: int, claimer: str) -> Any:
    return and_(
        Reminder.id == reminder_id, Reminder.status == CLAIMED, Reminder.claimed_by == claimer
    )


def _sent_statement(claimer: str) -> Any:
    """The conditional update recording a send (parameters ``rid``, ``mid``, ``sent``).

    It matches our claim; a reminder the runner already answered (they pressed a button in
    the moment between Telegram's answer and this record) keeps its answer and gains the
    send's details, since their press proves the message arrived.
    """
    table = cast(Table, Reminder.__table__)
    column = table.c
    return (
        update(table)
        .where(
            column.id == bindparam("rid"),
            column.claimed_by == claimer,
            or_(
                column.status == CLAIMED,
                # (no IN list: executemany cannot expand one)
                and_(or_(*(column.status == name for name in ANSWERS)), column.sent_at.is_(None)),
            ),
        )
        .values(
            status=case((column.status == CLAIMED, SENT), else_=column.status),
            sent_at=bindparam("sent", type_=UTCDateTime()),
            message_id=bindparam("mid"),
            claimed_until=None,
            attempts=column.attempts + 1,
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
    (an executemany): the dispatcher records sends in batches."""
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
        update(Reminder)
        .where(_mine(reminder_id, claimer))
        .values(
            status=PENDING,
            claimed_until=retry_at,
            claimed_by=None,
            attempts=Reminder.attempts + 1,
            last_error=error[:500],
        )
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def mark_failed(db: AsyncSession, reminder_id: int, claimer: str, *, error: str) -> bool:
    """Telegram refused the reminder for good (a bad request, a blocked bot)."""
    result = await db.execute(
        update(Reminder)
        .where(_mine(reminder_id, claimer))
        .values(
            status=FAILED,
            claimed_until=None,
            attempts=Reminder.attempts + 1,
            last_error=error[:500],
        )
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def mark_missed(db: AsyncSession, reminder_id: int, claimer: str) -> bool:
    """More than 3 hours late: recorded as missed, not sent."""
    result = await db.execute(
        update(Reminder)
        .where(_mine(reminder_id, claimer))
        .values(status=MISSED, claimed_until=None)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def drop_claimed(db: AsyncSession, reminder_id: int, claimer: str) -> None:
    """Forget a claimed reminder the runner no longer wants (paused or blocked meanwhile)."""
    await db.execute(delete(Reminder).where(_mine(reminder_id, claimer)))


async def block_runner(db: AsyncSession, runner_id: int) -> None:
    """The runner blocked the bot: no reminders until they /start again (which replans)."""
    await db.execute(update(Runner).where(Runner.id == runner_id).values(blocked=True))
    await db.execute(
        delete(Reminder).where(Reminder.runner_id == runner_id, Reminder.status == PENDING)
    )


# -- the runner's answers -------------------------------------------------------------------


async def get(db: AsyncSession, reminder_id: int) -> ReminderView | None:
    row = await db.get(Reminder, reminder_id, populate_existing=True)
    return _view(row) if row is not None else None


async def answer(db: AsyncSession, reminder_id: int, status: str) -> bool:
    """Record the runner's answer to a reminder, once: a double tap or an old button finds
    it answered already and gets False. A reminder still *claimed* can be answered too: the
    press proves the message arrived before its send was recorded (or after a timeout that
    Telegram did carry out), and the answer keeps it from being sent again."""
    if status not in ANSWERS:
        raise ValueError(f"not an answer: {status}")
    result = await db.execute(
        update(Reminder)
        .where(Reminder.id == reminder_id, Reminder.status.in_((SENT, CLAIMED)))
        .values(status=status)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def snooze(db: AsyncSession, reminder: ReminderView, now: datetime) -> ReminderView:
    """A reminder again in an hour, for the same local date (one snooze row per day, reused
    when the runner snoozes the snooze)."""
    due_at = now + SNOOZE_FOR
    await _insert_ignoring_duplicates(
        db,
        [_new_row(reminder.runner_id, SNOOZE, PlannedLegDay(due_at, reminder.local_date))],
    )
    await db.execute(
        update(Reminder)
        .where(
            Reminder.runner_id == reminder.runner_id,
            Reminder.local_date == reminder.local_date,
            Reminder.kind == SNOOZE,
            Reminder.status != CLAIMED,
        )
        .values(
            status=PENDING,
            due_at=due_at,
            claimed_until=None,
            claimed_by=None,
            sent_at=None,
            message_id=None,
            attempts=0,
            last_error=None,
        )
    )
    row = await db.scalar(
        select(Reminder)
        .where(
            Reminder.runner_id == reminder.runner_id,
            Reminder.local_date == reminder.local_date,
            Reminder.kind == SNOOZE,
        )
        .execution_options(populate_existing=True)
    )
    assert row is not None
    return _view(row)


async def move_to(db: AsyncSession, reminder: ReminderView, planned: PlannedLegDay) -> None:
    """Store the leg day moved to ``planned`` (tomorrow, at the reminder time)."""
    await _insert_ignoring_duplicates(db, [_new_row(reminder.runner_id, MOVED, planned)])


async def upcoming(
    db: AsyncSession, profile: RunnerProfile, now: datetime, count: int = 3
) -> list[UpcomingDay]:
    """The next ``count`` leg days: the stored ones (the next planned, any moved) first,
    then the plan's next ones after them, with race-taper and pause rules applied."""
    if not wants_reminders(profile):
        return []
    assert profile.reminder_time is not None and profile.time_zone
    rows = (await _load_recent(db, [profile.id], now)).get(profile.id, [])
    waiting = sorted(
        (row for row in rows if row.is_day and row.status in WAITING),
        key=lambda row: row.due_at,
    )
    days = [
        UpcomingDay(
            row.due_at, row.local_date, is_light(profile, row.local_date), row.kind == MOVED
        )
        for row in waiting
    ]
    stored_next = [row.due_at for row in waiting if row.kind == LEG_DAY]
    light_used = light_sessions_used(
        profile.race_date, _sent_day_dates(rows) + [day.local_date for day in days]
    )
    more = plan_ahead(
        after=max([now, *stored_next]),
        leg_days=leg_days_of(profile),
        at=profile.reminder_time,
        zone=profile.time_zone,
        count=count,
        taken={row.local_date for row in rows if row.is_day},
        paused_until=profile.paused_until if profile.paused else None,
        race_date=profile.race_date,
        light_used=light_used,
    )
    days += [UpcomingDay(item.due_at, item.local_date, item.light) for item in more]
    days.sort(key=lambda day: day.due_at)
    return days[:count]


async def light_day(db: AsyncSession, profile: RunnerProfile, now: datetime) -> UpcomingDay | None:
    """The race taper's one light session ahead, if the plan has one."""
    if profile.race_date is None or not wants_reminders(profile):
        return None
    assert profile.reminder_time is not None and profile.time_zone
    rows = (await _load_recent(db, [profile.id], now)).get(profile.id, [])
    for row in sorted(rows, key=lambda row: row.due_at):
        if row.is_day and row.status in WAITING and is_light(profile, row.local_date):
            return UpcomingDay(row.due_at, row.local_date, True, row.kind == MOVED)
    window = local_midnight(profile.race_date - timedelta(days=TAPER_DAYS), profile.time_zone)
    found = plan_ahead(
        after=max(now, window - _MICRO),
        leg_days=leg_days_of(profile),
        at=profile.reminder_time,
        zone=profile.time_zone,
        taken={row.local_date for row in rows if row.is_day},
        paused_until=profile.paused_until if profile.paused else None,
        race_date=profile.race_date,
        light_used=light_sessions_used(profile.race_date, _sent_day_dates(rows)),
    )
    if found and found[0].light:
        return UpcomingDay(found[0].due_at, found[0].local_date, True)
    return None


async def for_runner(db: AsyncSession, runner_id: int) -> list[ReminderView]:
    """All of a runner's reminders, oldest first (tests and the admin view)."""
    rows = await db.scalars(
        select(Reminder)
        .where(Reminder.runner_id == runner_id)
        .order_by(Reminder.due_at, Reminder.id)
        .execution_options(populate_existing=True)
    )
    return [_view(row) for row in rows]
