"""When leg days fall: the runner's local wall-clock time in their IANA zone, DST-safe.

APScheduler's ``CronTrigger`` computes fire times in the runner's zone; it is used here purely
as a calculator (no scheduler runs). Two DST subtleties are handled on top of it:

* a reminder time inside the spring-forward gap (02:30 on the night clocks jump) fires at the
  same instant one hour later on the wall clock (03:30), which is what the trigger yields;
* a time inside the repeated autumn hour fires once, at its first occurrence: after a fire
  the search resumes at the next local midnight, so the repeated hour cannot fire again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import UTC, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

_CRON_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def leg_day_trigger(leg_days: Collection[int], at: time, zone: str) -> CronTrigger:
    """The weekly trigger of these leg days at ``at`` in ``zone``. Built once per inputs and
    shared: a ``CronTrigger`` without a start date, end date or jitter is a pure calculator
    (``get_next_fire_time(None, now)`` depends on ``now`` alone), and building one costs
    about as much as searching it."""
    if not leg_days:
        raise ValueError("no leg days to schedule")
    return _trigger(tuple(sorted(set(leg_days))), at.hour, at.minute, zone)


@lru_cache(maxsize=1024)
def _trigger(days: tuple[int, ...], hour: int, minute: int, zone: str) -> CronTrigger:
    names = ",".join(_CRON_DAYS[day] for day in days)
    return CronTrigger(day_of_week=names, hour=hour, minute=minute, timezone=ZoneInfo(zone))


@lru_cache(maxsize=16384)
def _next_fire(
    days: tuple[int, ...], hour: int, minute: int, zone: str, cursor: datetime
) -> datetime:
    """The trigger's first fire at or after ``cursor`` (a UTC instant), in UTC. Pure, so
    shared: a search walks from local midnights, which every search of the same runner (and
    every runner with the same days, time and zone) on the same days walks too."""
    fire = _trigger(days, hour, minute, zone).get_next_fire_time(None, cursor)
    if fire is None:  # pragma: no cover - a weekly cron always has a next time
        raise AssertionError("a weekly trigger always fires again")
    return fire.astimezone(UTC)


@lru_cache(maxsize=16384)
def _following(
    days: tuple[int, ...], hour: int, minute: int, zone: str, fire: datetime
) -> datetime:
    """The fire after ``fire``: the first from the next local midnight (one step of
    ``iter_leg_days``, shared like ``_next_fire``)."""
    return _next_fire(days, hour, minute, zone, next_local_midnight(fire, zone))


def first_fire(leg_days: Collection[int], at: time, zone: str, cursor: datetime) -> datetime:
    """``leg_day_trigger(leg_days, at, zone).get_next_fire_time(None, cursor)`` in UTC."""
    if not leg_days:
        raise ValueError("no leg days to schedule")
    return _first(tuple(sorted(set(leg_days))), at.hour, at.minute, zone, cursor)


def _first(days: tuple[int, ...], hour: int, minute: int, zone: str, cursor: datetime) -> datetime:
    if cursor.tzinfo is not UTC:
        # the trigger rounds the cursor up to a whole second in the cursor's own zone: the
        # cache holds UTC cursors only, any other is searched as given
        fire = _trigger(days, hour, minute, zone).get_next_fire_time(None, cursor)
        assert fire is not None  # a weekly cron always fires again
        return fire.astimezone(UTC)
    return _next_fire(days, hour, minute, zone, cursor)


def next_local_midnight(instant: datetime, zone: str) -> datetime:
    """The first instant of the local day after ``instant``'s local day, in UTC."""
    tz = ZoneInfo(zone)
    local_day = instant.astimezone(tz).date() + timedelta(days=1)
    return datetime.combine(local_day, time(0), tzinfo=tz).astimezone(UTC)


def iter_leg_days(
    after: datetime,
    leg_days: Collection[int],
    at: time,
    zone: str,
) -> Iterator[datetime]:
    """Leg-day reminder instants (UTC) strictly after ``after``, one per local date, forever."""
    if after.tzinfo is None:
        raise ValueError("after must be timezone-aware")
    if not leg_days:
        raise ValueError("no leg days to schedule")
    days = tuple(sorted(set(leg_days)))
    hour, minute = at.hour, at.minute
    fire = _first(days, hour, minute, zone, after + timedelta(microseconds=1))
    while True:
        yield fire
        fire = _following(days, hour, minute, zone, fire)
