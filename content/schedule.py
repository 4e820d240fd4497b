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
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

_CRON_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def leg_day_trigger(leg_days: Collection[int], at: time, zone: str) -> CronTrigger:
    if not leg_days:
        raise ValueError("no leg days to schedule")
    days = ",".join(_CRON_DAYS[day] for day in sorted(set(leg_days)))
    return CronTrigger(day_of_week=days, hour=at.hour, minute=at.minute, timezone=ZoneInfo(zone))


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
    trigger = leg_day_trigger(leg_days, at, zone)
    cursor = after + timedelta(microseconds=1)
    while True:
        fire = trigger.get_next_fire_time(None, cursor)
        if fire is None:  # pragma: no cover - a weekly cron always has a next time
            return
        yield fire.astimezone(UTC)
        cursor = next_local_midnight(fire, zone)
