"""Pure rules for leg-day reminders: what a stored reminder is, which local dates get one,
how late is too late, and what the message promises. The weekly recap is one more kind of
stored reminder (``content.recap`` plans it).

``content.legdays`` decides the weekdays and ``content.schedule`` turns them into DST-safe
instants; this module adds what a *stored* reminder needs on top: its kinds and statuses
(``StoredReminder``, the plain data ``storage.reminders`` returns), dates already used (sent,
skipped, moved), a pause, a goal race (at most one light session in its last 10 days, 14
before a marathon, none on race day and none in the recovery days after it), the spacing
after the last session (``content.spacing``), and the clock rules of dispatch (a reminder up
to 3 hours late is still worth sending, with an apology; an older one is recorded as
missed). ``content.calendar`` applies these to one runner.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from content.legdays import NoteKind, PlanNote, race_window, why_not
from content.model import Level
from content.races import Race, RaceDistance
from content.schedule import first_fire, iter_leg_days
from content.spacing import far_enough

# A reminder this late is still useful ("sorry, this is late"); an older one is not: the
# runner has planned their day by then, so it is recorded as missed and the next is planned.
MISSED_AFTER = timedelta(hours=3)
# Below this a reminder counts as on time: a tick interval and a queue behind the rate limit
# are not worth an apology.
LATE_AFTER = timedelta(minutes=10)
SNOOZE_FOR = timedelta(hours=1)
# A snooze lands on the leg day itself and no later than this local time: past it the runner
# chooses Start, Skip or Move to tomorrow, so "Snooze 1 h" pressed again and again never
# reminds them through the night or on the days after.
LAST_SNOOZE = time(22, 0)

# About how long a leg session takes at each level (content.session keeps a beginner's to
# about 20 minutes); the race-taper session drops the jumps and a set of everything.
SESSION_MINUTES: dict[Level, int] = {
    Level.BEGINNER: 20,
    Level.INTERMEDIATE: 25,
    Level.ADVANCED: 30,
}
LIGHT_MINUTES = 15

# Failed sends are retried on later ticks after this back-off, doubling up to the cap; the
# 3-hour lateness rule ends the retries.
RETRY_FIRST = timedelta(seconds=30)
RETRY_CAP = timedelta(minutes=15)

# No search for the next leg day looks further than this (a pause can be long, a plan is not).
_HORIZON = timedelta(days=800)


class ReminderKind(StrEnum):
    """What a stored reminder is for. The values are what the database holds."""

    LEG_DAY = "leg_day"  # the day's leg-day reminder
    SNOOZE = "snooze"  # the same day's "Snooze 1 h": repeats a leg day, is not one
    MOVED = "moved"  # a leg day moved to the next day
    RECAP = "recap"  # the weekly recap, on the week's last day (``content.recap``)

    @property
    def is_day(self) -> bool:
        """Whether a reminder of this kind *is* a leg day (a snooze repeats one; a recap
        is about the week)."""
        return self is ReminderKind.LEG_DAY or self is ReminderKind.MOVED


class ReminderStatus(StrEnum):
    """Where a stored reminder is in its life (docs/SCHEDULING.md draws it)::

    pending -> claimed -> sent -> started | snoozed | skipped | moved   (the answer)
                       -> missed   (more than 3 hours late)
                       -> failed   (Telegram refused it for good, or the runner blocked us)
                       -> pending  (given back after a transient failure, retried later)
    """

    PENDING = "pending"
    CLAIMED = "claimed"
    SENT = "sent"
    MISSED = "missed"
    FAILED = "failed"
    STARTED = "started"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"
    MOVED = "moved"

    @property
    def waiting(self) -> bool:
        """Not sent yet: pending, or claimed by a dispatcher that has not recorded it."""
        return self in WAITING

    @property
    def is_answer(self) -> bool:
        """The runner pressed one of the leg-day message's buttons."""
        return self in ANSWERS


WAITING = (ReminderStatus.PENDING, ReminderStatus.CLAIMED)
ANSWERS = (
    ReminderStatus.STARTED,
    ReminderStatus.SNOOZED,
    ReminderStatus.SKIPPED,
    ReminderStatus.MOVED,
)
# A leg-day message's buttons work while it is sent, or claimed (sent, the record not yet
# written: the press proves the message arrived).
ANSWERABLE = (ReminderStatus.SENT, ReminderStatus.CLAIMED)


@dataclass(frozen=True, slots=True)
class StoredReminder:
    """A reminder as stored, as plain data (``storage.reminders`` returns these)."""

    id: int
    runner_id: int
    kind: ReminderKind
    local_date: date
    due_at: datetime
    status: ReminderStatus
    attempts: int = 0
    sent_at: datetime | None = None
    message_id: int | None = None

    @property
    def is_day(self) -> bool:
        return self.kind.is_day


class Timeliness(StrEnum):
    """How a reminder's send time relates to its due instant."""

    ON_TIME = "on_time"
    LATE = "late"
    MISSED = "missed"


def timeliness(due_at: datetime, now: datetime) -> Timeliness:
    """On time, late (sent with an apology) or missed (not sent: more than 3 hours late)."""
    late_by = now - due_at
    if late_by > MISSED_AFTER:
        return Timeliness.MISSED
    if late_by > LATE_AFTER:
        return Timeliness.LATE
    return Timeliness.ON_TIME


def retry_delay(attempts: int) -> timedelta:
    """Back-off before a failed send is tried again on a later tick (attempts >= 1)."""
    delay = RETRY_FIRST * (2 ** max(0, min(attempts - 1, 10)))
    return min(delay, RETRY_CAP)


class SessionName(StrEnum):
    """Which session a leg-day message promises (``bot/texts/reminders.py`` words it)."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    LIGHT = "light"  # the race taper's light session


_LEVEL_SESSIONS = {
    Level.BEGINNER: SessionName.BEGINNER,
    Level.INTERMEDIATE: SessionName.INTERMEDIATE,
    Level.ADVANCED: SessionName.ADVANCED,
}


@dataclass(frozen=True, slots=True)
class SessionLabel:
    """What the leg-day message promises: which session and about how long it takes."""

    name: SessionName
    minutes: int
    light: bool


def session_label(level: Level | None, *, light: bool = False) -> SessionLabel:
    """The session a leg-day message names: by level, or the light race-taper session."""
    if light:
        return SessionLabel(SessionName.LIGHT, LIGHT_MINUTES, True)
    level = level or Level.BEGINNER
    return SessionLabel(_LEVEL_SESSIONS[level], SESSION_MINUTES[level], False)


@dataclass(frozen=True, slots=True)
class PlannedLegDay:
    """One leg day ahead: the reminder instant (UTC), its local date, and whether it is the
    race taper's one light session."""

    due_at: datetime
    local_date: date
    light: bool = False


def local_midnight(day: date, zone: str) -> datetime:
    """The first instant of a local day, in UTC (a DST change never falls at midnight in
    the zones we serve, and zoneinfo resolves one that did to the later wall time)."""
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(zone)).astimezone(UTC)


def instant_on(day: date, at: time, zone: str) -> datetime:
    """The reminder instant on one local date, by the same trigger as the weekly plan, so a
    moved reminder follows the DST rules of every other one (a time in the spring gap fires
    one hour later on the wall clock; in the repeated autumn hour, at its first occurrence)."""
    return first_fire((day.weekday(),), at, zone, local_midnight(day, zone))


def race_of(race_date: date | None, distance: RaceDistance | None = None) -> Race | None:
    """The goal race of a runner's two fields (a race with no distance stored is a half)."""
    if race_date is None:
        return None
    return Race(race_date) if distance is None else Race(race_date, distance)


def light_sessions_used(
    race_date: date | None,
    sent_dates: Iterable[date],
    distance: RaceDistance | None = None,
    last_session: date | None = None,
) -> int:
    """How many leg days already sent fall in the race taper, or 1 when a session was done
    in it (a /workout counts): the taper has one light session at most."""
    race = race_of(race_date, distance)
    if race is None:
        return 0
    days = {day for day in sent_dates if race.taper_start <= day < race.day}
    if last_session is not None and race.taper_start <= last_session < race.day:
        days.add(last_session)
    return len(days)


def plan_ahead(
    *,
    after: datetime,
    leg_days: Collection[int],
    at: time,
    zone: str,
    count: int = 1,
    taken: Collection[date] = (),
    paused_until: date | None = None,
    race_date: date | None = None,
    light_used: int = 0,
    race_distance: RaceDistance | None = None,
    rest_from: datetime | None = None,
) -> list[PlannedLegDay]:
    """The next ``count`` leg days strictly after ``after``.

    Dates in ``taken`` already have a reminder (sent, skipped, moved there) and are passed
    over. Nothing falls on or before ``paused_until``. With a goal race, the taper window
    (``content.legdays.race_window``, by the race's distance) keeps one light session at most
    and race day none, and the recovery days after it none; ``light_used`` counts light
    sessions already sent in the window. ``rest_from`` is when the last (or the expected)
    leg session ends: a day that would come too soon after it (``content.spacing``) is
    passed over.
    """
    if not leg_days or count <= 0:
        return []
    tz = ZoneInfo(zone)
    start = after
    if paused_until is not None:
        start = max(start, local_midnight(paused_until + timedelta(days=1), zone))
    horizon = start + _HORIZON
    race = race_of(race_date, race_distance)
    found: list[PlannedLegDay] = []
    for instant in iter_leg_days(start - timedelta(microseconds=1), leg_days, at, zone):
        if instant > horizon:
            break
        if instant <= after:
            continue
        local_date = instant.astimezone(tz).date()
        if local_date in taken:
            continue
        if rest_from is not None and not far_enough(rest_from, instant, zone):
            continue
        light = False
        if race is not None:
            if race.in_recovery(local_date):
                continue
            window = race_window(race.day, local_date, light_used, race.taper_days)
            if window.in_taper:
                if window.sessions_left_allowed <= 0:
                    continue
                light, light_used = True, light_used + 1
        found.append(PlannedLegDay(instant, local_date, light))
        if len(found) == count:
            break
    return found


def move_blocker(
    day: date,
    *,
    leg_days: Collection[int],
    running_days: Collection[int],
    hard_days: Collection[int],
    race_date: date | None = None,
) -> PlanNote | None:
    """Why the leg day of ``day`` cannot move to the next day, or None when it can.

    The rules are the weekly ones (``content.legdays.why_not``) with the week's other leg
    days staying put; a day that already is a leg day, and race day, are refused too.
    """
    tomorrow = day + timedelta(days=1)
    others = set(leg_days) - {day.weekday()}
    if tomorrow.weekday() in others:
        return PlanNote(NoteKind.ALREADY_LEG_DAY, tomorrow.weekday())
    if race_date is not None and tomorrow == race_date:
        return PlanNote(NoteKind.RACE_DAY, tomorrow.weekday())
    return why_not(tomorrow.weekday(), running_days, hard_days, others)
