"""Schedule use cases: /next, /pause, /resume, /race, and the leg-day message's buttons.

Each loads what is stored, applies the rules (``content.calendar``, ``content.agenda`` through
``bot.flows.plan``), writes, and returns a plain result for ``bot/texts/schedule.py``. Dates
are read by ``content.dates`` in the runner's language and in English ("next friday",
"10 Dec", "2027-04-18", "nächsten Freitag").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.flows import plan
from bot.flows.session import Begin, BeginOutcome, begin
from content.agenda import UpcomingDay
from content.calendar import moved_day, snoozed, why_not_move
from content.calendar import race as goal_race
from content.dates import DateParse, DateProblem, parse_date
from content.legdays import PlanNote
from content.library import Library
from content.races import DEFAULT_DISTANCE, Race, RaceDistance, RacePhase, phase, split_distance
from content.reminders import ANSWERABLE, ReminderKind, ReminderStatus
from storage import reminders, runners
from storage.runners import RunnerProfile

# How far ahead /pause and /race accept a date: a training plan, not a calendar.
MAX_AHEAD = timedelta(days=2 * 365)
# What clears a goal race ("/race off").
CLEAR_WORDS = frozenset({"off", "none", "clear", "aus", "keins", "no", "ninguna", "aucune"})


def local(runner: RunnerProfile, instant: datetime) -> datetime:
    return instant.astimezone(ZoneInfo(runner.time_zone or "UTC"))


def today(runner: RunnerProfile, now: datetime) -> date:
    return local(runner, now).date()


# -- /next ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NextView:
    """The next leg days in the runner's time, with what shapes them."""

    runner: RunnerProfile
    days: tuple[UpcomingDay, ...]
    notes: tuple[PlanNote, ...]
    race_day: date | None
    race: Race | None = None  # the goal race while it still shapes the days (recovery too)
    race_phase: RacePhase | None = None
    respaced_from: datetime | None = None  # the usual next leg day the spacing moved (local)

    @property
    def paused_for_good(self) -> bool:
        return self.runner.paused and self.runner.paused_until is None


def race_ahead(runner: RunnerProfile, now: datetime) -> tuple[Race | None, RacePhase | None]:
    """The goal race while it shapes what comes (ahead, its taper, race day, its recovery),
    and where the runner stands in it; (None, None) once the recovery is over."""
    goal = goal_race(runner)
    stage = phase(goal, today(runner, now))
    if goal is None or stage in (None, RacePhase.AFTER):
        return None, None
    return goal, stage


async def next_days(db: AsyncSession, runner: RunnerProfile, now: datetime) -> NextView:
    """The next three leg days (replanned first, so they are what the dispatcher sends)."""
    replanned = await plan.replanned(db, runner, now)
    runner = replanned.runner
    days: tuple[UpcomingDay, ...] = ()
    if not (runner.paused and runner.paused_until is None):
        days = tuple(replanned.upcoming(now, count=3))
    goal, stage = race_ahead(runner, now)
    race_day = goal.day if goal is not None and goal.day >= today(runner, now) else None
    held = replanned.held_back(now)
    return NextView(
        runner,
        days,
        tuple(plan.leg_day_plan(runner).notes),
        race_day,
        goal,
        stage,
        local(runner, held.usual.due_at) if held is not None else None,
    )


# -- typed dates ----------------------------------------------------------------------------


def read_date(runner: RunnerProfile, text: str, now: datetime) -> DateParse:
    """A date typed after /pause or /race, in the runner's language or English."""
    return parse_date(text, today(runner, now), runner.language, max_days_ahead=MAX_AHEAD.days)


class DateOutcome(StrEnum):
    SET = "set"
    USAGE = "usage"  # no date given where one is needed (/race alone)
    CLEARED = "cleared"  # /race off
    BAD = "bad"  # not a date we could read (``problem`` says why)
    PAST = "past"
    TOO_FAR = "too_far"


@dataclass(frozen=True, slots=True)
class DateResult:
    outcome: DateOutcome
    runner: RunnerProfile
    day: date | None = None
    text: str = ""
    problem: DateProblem | None = None
    readings: tuple[date, ...] = ()
    latest: date | None = None
    light_day: datetime | None = None
    next_day: datetime | None = None
    distance: RaceDistance | None = None


def _refusal(runner: RunnerProfile, parsed: DateParse, text: str, now: datetime) -> DateResult:
    if parsed.problem is DateProblem.PAST:
        return DateResult(DateOutcome.PAST, runner, parsed.readings[0], text)
    if parsed.problem is DateProblem.TOO_FAR:
        latest = today(runner, now) + MAX_AHEAD
        return DateResult(DateOutcome.TOO_FAR, runner, parsed.readings[0], text, latest=latest)
    return DateResult(
        DateOutcome.BAD, runner, None, text, problem=parsed.problem, readings=parsed.readings
    )


# -- /pause and /resume ---------------------------------------------------------------------


async def pause(db: AsyncSession, runner: RunnerProfile, text: str, now: datetime) -> DateResult:
    """/pause [date]: no reminders until /resume, or through the date."""
    until: date | None = None
    if text.strip():
        parsed = read_date(runner, text, now)
        if parsed.value is None:
            return _refusal(runner, parsed, text, now)
        until = parsed.value
    runner = await runners.update_runner(db, runner.id, paused=True, paused_until=until)
    runner = await plan.replan(db, runner, now, fresh=True)
    return DateResult(DateOutcome.SET, runner, until)


async def resume(db: AsyncSession, runner: RunnerProfile, now: datetime) -> DateResult:
    """/resume: reminders on again; ``day`` is None when they were on already."""
    was = runner.paused
    runner = await runners.update_runner(db, runner.id, paused=False, paused_until=None)
    replanned = await plan.replanned(db, runner, now, fresh=True)
    runner, nxt = replanned.runner, replanned.next_leg_day(now)
    outcome = DateOutcome.SET if was else DateOutcome.CLEARED
    return DateResult(outcome, runner, next_day=nxt)


# -- /race ----------------------------------------------------------------------------------


async def race(db: AsyncSession, runner: RunnerProfile, text: str, now: datetime) -> DateResult:
    """/race DATE [5k|10k|half|marathon]: a goal race (a half unless told; its taper keeps
    one light session at most, its recovery days none); /race off."""
    words = " ".join(text.split()).lower()
    if not words:
        return DateResult(
            DateOutcome.USAGE, runner, runner.race_date, distance=runner.race_distance
        )
    if words in CLEAR_WORDS:
        runner = await runners.update_runner(db, runner.id, race_date=None, race_distance=None)
        runner = await plan.replan(db, runner, now, fresh=True)
        return DateResult(DateOutcome.CLEARED, runner)
    date_text, distance = split_distance(text)
    parsed = read_date(runner, date_text, now)
    if parsed.value is None:
        return _refusal(runner, parsed, text, now)
    if parsed.value <= today(runner, now):
        return DateResult(DateOutcome.PAST, runner, parsed.value, text)
    distance = distance or DEFAULT_DISTANCE
    runner = await runners.update_runner(
        db, runner.id, race_date=parsed.value, race_distance=distance
    )
    replanned = await plan.replanned(db, runner, now, fresh=True)
    runner, light = replanned.runner, replanned.light_day(now)
    light_at = local(runner, light.due_at) if light else None
    return DateResult(DateOutcome.SET, runner, parsed.value, light_day=light_at, distance=distance)


# -- the leg-day buttons --------------------------------------------------------------------


class LegDayAction(StrEnum):
    """The leg-day message's buttons (callback data ``ld:<reminder id>:<action>``)."""

    START = "go"
    SNOOZE = "sn"
    SKIP = "sk"
    MOVE = "mv"


class LegDayOutcome(StrEnum):
    STARTED = "started"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"
    MOVED = "moved"
    MOVE_REFUSED = "move_refused"
    TOO_LATE = "too_late"
    SNOOZE_TOO_LATE = "snooze_too_late"  # an hour on would pass LAST_SNOOZE or the day
    HELD = "held"  # Start, but the gate holds the session (``begin.hold`` says why)
    STALE = "stale"
    NOT_YOURS = "not_yours"


@dataclass(frozen=True, slots=True)
class LegDayResult:
    outcome: LegDayOutcome
    runner: RunnerProfile
    at: datetime | None = None  # the snooze, the moved day, or the next leg day (local)
    reason: PlanNote | None = None  # why the move was refused
    begin: Begin | None = None
    # the spacing moved the next leg day away from a snooze or a moved day: from where
    respaced_from: datetime | None = None
    next_day: datetime | None = None  # with ``respaced_from``: where it is now (local)


async def leg_day_press(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    reminder_id: int,
    action: LegDayAction,
    now: datetime,
) -> LegDayResult:
    """Start, Snooze 1 h, Skip today or Move to tomorrow, each recorded once: a double tap
    or an old button finds the reminder answered already (STALE)."""
    reminder = await reminders.get(db, reminder_id)
    if reminder is None:
        return LegDayResult(LegDayOutcome.STALE, runner)
    if reminder.runner_id != runner.id:
        return LegDayResult(LegDayOutcome.NOT_YOURS, runner)
    if reminder.kind is ReminderKind.RECAP:  # a forged press: a recap has no buttons
        return LegDayResult(LegDayOutcome.STALE, runner)
    if reminder.status not in ANSWERABLE:  # claimed counts: sent, the record not yet written
        return LegDayResult(LegDayOutcome.STALE, runner)
    if action is LegDayAction.MOVE:
        blocker = why_not_move(runner, reminder.local_date)
        target = moved_day(runner, reminder.local_date)
        if blocker is not None or target is None:
            return LegDayResult(LegDayOutcome.MOVE_REFUSED, runner, reason=blocker)
        if target.due_at <= now:
            return LegDayResult(LegDayOutcome.TOO_LATE, runner)
        if not await reminders.answer(db, reminder.id, ReminderStatus.MOVED):
            return LegDayResult(LegDayOutcome.STALE, runner)
        await reminders.add(db, ReminderKind.MOVED, [(reminder.runner_id, target)])
        return await _respaced(
            db, LegDayResult(LegDayOutcome.MOVED, runner, local(runner, target.due_at)), now
        )
    if action is LegDayAction.START:
        # the gate first (race, spacing, sore areas): a held start leaves the reminder
        # answerable, so the runner can still press Start once they confirm
        started = await begin(db, library, runner, now, planned_for=reminder.due_at)
        if started.outcome is BeginOutcome.HELD:
            return LegDayResult(LegDayOutcome.HELD, runner, begin=started)
        if not await reminders.answer(db, reminder.id, ReminderStatus.STARTED):
            if started.outcome is BeginOutcome.STARTED:  # a double tap raced: it holds
                return LegDayResult(LegDayOutcome.STARTED, runner, begin=started)
            return LegDayResult(LegDayOutcome.STALE, runner)
        return LegDayResult(LegDayOutcome.STARTED, runner, begin=started)
    again_at = (
        snoozed(reminder, now, runner.time_zone or "UTC")
        if action is LegDayAction.SNOOZE
        else None
    )
    if action is LegDayAction.SNOOZE and again_at is None:  # the reminder stays answerable
        return LegDayResult(LegDayOutcome.SNOOZE_TOO_LATE, runner)
    status = {
        LegDayAction.SNOOZE: ReminderStatus.SNOOZED,
        LegDayAction.SKIP: ReminderStatus.SKIPPED,
    }[action]
    if not await reminders.answer(db, reminder.id, status):
        return LegDayResult(LegDayOutcome.STALE, runner)
    if again_at is not None:
        again = await reminders.snooze(db, reminder.runner_id, again_at)
        return await _respaced(
            db, LegDayResult(LegDayOutcome.SNOOZED, runner, local(runner, again.due_at)), now
        )
    await plan.plan_next(db, [(reminder.runner_id, reminder.local_date)], now)
    # a skipped snooze expects no session any more: the next leg day need not keep away
    replanned = await plan.replanned(db, runner, now)
    return LegDayResult(LegDayOutcome.SKIPPED, replanned.runner, replanned.next_leg_day(now))


async def _respaced(db: AsyncSession, result: LegDayResult, now: datetime) -> LegDayResult:
    """A snooze or a move puts a session later: the next leg day keeps its distance from
    it (``content.spacing``), and the runner is told when that moved it."""
    replanned, usual = await plan.respaced(db, result.runner, now)
    runner = replanned.runner
    if usual is None:
        return replace(result, runner=runner)
    nxt = replanned.next_leg_day(now)
    return replace(result, runner=runner, respaced_from=usual, next_day=nxt)
