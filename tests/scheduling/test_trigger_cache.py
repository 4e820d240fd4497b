"""``content.schedule`` shares one trigger per (days, time, zone) and caches its fire times:
the leg days it yields are exactly those of a fresh APScheduler ``CronTrigger`` walked the
documented way (from ``after``, then from each next local midnight), across DST changes,
the spring gap and the repeated autumn hour, from UTC and from local cursors."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from content.reminders import instant_on
from content.schedule import iter_leg_days, leg_day_trigger, next_local_midnight

_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ZONES = ("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC", "America/Santiago")


def _fresh_walk(after: datetime, days: list[int], at: time, zone: str) -> Iterator[datetime]:
    trigger = CronTrigger(
        day_of_week=",".join(_DAYS[day] for day in sorted(set(days))),
        hour=at.hour,
        minute=at.minute,
        timezone=ZoneInfo(zone),
    )
    cursor = after + timedelta(microseconds=1)
    while True:
        fire = trigger.get_next_fire_time(None, cursor)
        assert fire is not None
        yield fire.astimezone(UTC)
        cursor = next_local_midnight(fire, zone)


def test_cached_walks_match_a_fresh_trigger() -> None:
    rng = random.Random(20261202)
    for _ in range(400):
        zone = rng.choice(ZONES)
        days = rng.sample(range(7), rng.randint(1, 7))
        at = time(rng.choice([0, 1, 2, 3, 7, 12, 23]), rng.choice([0, 15, 30, 59]))
        month = rng.choice([3, 4, 9, 10, 11])
        after = datetime(2026, month, rng.randint(1, 28), tzinfo=UTC) + timedelta(
            seconds=rng.randint(0, 3 * 86400), microseconds=rng.choice([0, 1, 999_999])
        )
        if rng.random() < 0.25:
            after = after.astimezone(ZoneInfo(zone))
        expected = list(itertools.islice(_fresh_walk(after, days, at, zone), 10))
        for _ in range(2):  # the second walk comes from the cache
            found = list(itertools.islice(iter_leg_days(after, days, at, zone), 10))
            assert found == expected
            assert all(instant.tzinfo is UTC for instant in found)


def test_one_trigger_per_inputs() -> None:
    first = leg_day_trigger([2, 0, 4], time(7, 30), "Europe/Berlin")
    assert leg_day_trigger((0, 2, 4, 4), time(7, 30), "Europe/Berlin") is first
    assert leg_day_trigger([0, 2, 4], time(7, 31), "Europe/Berlin") is not first


def test_instant_on_follows_the_trigger_across_dst() -> None:
    # the spring gap: 02:30 on the night Berlin's clocks jump fires at 03:30 local
    spring = instant_on(date(2027, 3, 28), time(2, 30), "Europe/Berlin")
    assert spring == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    # the repeated autumn hour: its first occurrence
    autumn = instant_on(date(2026, 10, 25), time(2, 30), "Europe/Berlin")
    assert autumn == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
