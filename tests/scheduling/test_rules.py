"""Pure rules of leg-day reminders: DST-safe instants in five zones, lateness, the race taper,
pauses and the Move-to-tomorrow rule (content.schedule and content.reminders)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.texts.schedule import plan_note
from content.legdays import plan_leg_days
from content.model import Level
from content.reminders import (
    LIGHT_MINUTES,
    RETRY_CAP,
    PlannedLegDay,
    SessionName,
    Timeliness,
    instant_on,
    light_sessions_used,
    move_blocker,
    plan_ahead,
    retry_delay,
    session_label,
    timeliness,
)
from content.schedule import iter_leg_days, next_local_midnight

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
EVERY_DAY = tuple(range(7))

# (zone, the Sunday of a DST change, reminder time inside the skipped or repeated hour,
#  UTC instant expected that day, local wall time it shows)
DST_CHANGES = [
    # spring forward: the time does not exist, so it fires at the same instant, one hour
    # later on the wall clock
    ("Europe/Berlin", date(2026, 3, 29), time(2, 30), datetime(2026, 3, 29, 1, 30), "03:30"),
    ("America/New_York", date(2026, 3, 8), time(2, 30), datetime(2026, 3, 8, 7, 30), "03:30"),
    ("Australia/Sydney", date(2026, 10, 4), time(2, 30), datetime(2026, 10, 3, 16, 30), "03:30"),
    ("Pacific/Auckland", date(2026, 9, 27), time(2, 30), datetime(2026, 9, 26, 14, 30), "03:30"),
    # fall back: the time happens twice; it fires once, at the first
    ("Europe/Berlin", date(2026, 10, 25), time(2, 30), datetime(2026, 10, 25, 0, 30), "02:30"),
    ("America/New_York", date(2026, 11, 1), time(1, 30), datetime(2026, 11, 1, 5, 30), "01:30"),
    ("Australia/Sydney", date(2026, 4, 5), time(2, 30), datetime(2026, 4, 4, 15, 30), "02:30"),
    ("Pacific/Auckland", date(2026, 4, 5), time(2, 30), datetime(2026, 4, 4, 13, 30), "02:30"),
    # no DST at all: the same offset both weeks
    ("Asia/Kolkata", date(2026, 3, 29), time(2, 30), datetime(2026, 3, 28, 21, 0), "02:30"),
    ("Asia/Kolkata", date(2026, 10, 25), time(2, 30), datetime(2026, 10, 24, 21, 0), "02:30"),
]


def _week(zone: str, sunday: date, at: time) -> list[datetime]:
    """Daily reminder instants from Monday before the change to Tuesday after."""
    tz = ZoneInfo(zone)
    start = datetime.combine(sunday - timedelta(days=6), time(0), tzinfo=tz)
    end = datetime.combine(sunday + timedelta(days=3), time(0), tzinfo=tz)
    instants = iter_leg_days(start - timedelta(microseconds=1), EVERY_DAY, at, zone)
    return list(itertools.takewhile(lambda i: i < end, instants))


@pytest.mark.parametrize(("zone", "sunday", "at", "expected_utc", "wall"), DST_CHANGES)
def test_a_week_across_a_dst_change_fires_once_a_day(
    zone: str, sunday: date, at: time, expected_utc: datetime, wall: str
) -> None:
    tz = ZoneInfo(zone)
    week = _week(zone, sunday, at)
    local_dates = [instant.astimezone(tz).date() for instant in week]
    assert local_dates == [sunday - timedelta(days=6) + timedelta(days=n) for n in range(9)]
    on_sunday = [instant for instant in week if instant.astimezone(tz).date() == sunday]
    assert on_sunday == [expected_utc.replace(tzinfo=UTC)]
    assert on_sunday[0].astimezone(tz).strftime("%H:%M") == wall
    # every other day of the week keeps the chosen wall time
    others = [instant.astimezone(tz) for instant in week if instant not in on_sunday]
    assert {instant.strftime("%H:%M") for instant in others} == {f"{at:%H:%M}"}
    # the instants are strictly increasing and at least 23 hours apart (a 23 h day in spring)
    gaps = [later - earlier for earlier, later in itertools.pairwise(week)]
    assert all(gap >= timedelta(hours=23) for gap in gaps)


@pytest.mark.parametrize(("zone", "sunday", "at", "expected_utc", "wall"), DST_CHANGES)
def test_instant_on_a_date_follows_the_same_dst_rules(
    zone: str, sunday: date, at: time, expected_utc: datetime, wall: str
) -> None:
    assert instant_on(sunday, at, zone) == expected_utc.replace(tzinfo=UTC)


def test_searching_from_the_next_local_midnight_keeps_the_repeated_hour_single() -> None:
    """Right after the first 02:30 of Berlin's autumn night, a naive search would find the
    second 02:30 an hour later; the next reminder is searched from the next local midnight
    (as storage.reminders does after every send), which finds Monday's."""
    berlin = ZoneInfo("Europe/Berlin")
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    naive = next(iter_leg_days(first, EVERY_DAY, time(2, 30), "Europe/Berlin"))
    assert naive == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # the hazard
    (planned,) = plan_ahead(
        after=next_local_midnight(first, "Europe/Berlin") - timedelta(microseconds=1),
        leg_days=EVERY_DAY,
        at=time(2, 30),
        zone="Europe/Berlin",
    )
    assert planned.due_at.astimezone(berlin) == datetime(2026, 10, 26, 2, 30, tzinfo=berlin)


def test_plan_ahead_follows_the_weekly_plan_in_the_runners_zone() -> None:
    days = plan_leg_days((SAT,), (SAT,), Level.ADVANCED).days
    assert days == (TUE, THU, SUN)
    now = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)  # Wednesday
    planned = plan_ahead(after=now, leg_days=days, at=time(18, 0), zone="Asia/Kolkata", count=3)
    assert [p.local_date for p in planned] == [
        date(2026, 11, 26),
        date(2026, 11, 29),
        date(2026, 12, 1),
    ]
    assert planned[0].due_at == datetime(2026, 11, 26, 12, 30, tzinfo=UTC)
    assert not any(p.light for p in planned)


def test_plan_ahead_passes_over_taken_and_paused_dates() -> None:
    now = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
    common = {"leg_days": (MON, WED, FRI), "at": time(7, 30), "zone": "Europe/Berlin"}
    taken = plan_ahead(after=now, taken={date(2026, 11, 27)}, count=2, **common)
    assert [p.local_date for p in taken] == [date(2026, 11, 30), date(2026, 12, 2)]
    paused = plan_ahead(after=now, paused_until=date(2026, 12, 2), count=1, **common)
    assert [p.local_date for p in paused] == [date(2026, 12, 4)]


def test_race_taper_keeps_one_light_session_and_none_on_race_day() -> None:
    race = date(2026, 12, 20)  # a Sunday; the taper runs 10 Dec - 19 Dec
    planned = plan_ahead(
        after=datetime(2026, 12, 1, 0, 0, tzinfo=UTC),
        leg_days=(MON, WED, FRI, SUN),
        at=time(7, 30),
        zone="Europe/Berlin",
        count=6,
        race_date=race,
    )
    assert [(p.local_date.day, p.light) for p in planned] == [
        (2, False),
        (4, False),
        (6, False),
        (7, False),
        (9, False),
        (11, True),  # the taper's one light session; 13, 14, 16, 18 and race day: none
    ]
    after = plan_ahead(
        after=datetime(2026, 12, 12, 0, 0, tzinfo=UTC),
        leg_days=(MON, WED, FRI, SUN),
        at=time(7, 30),
        zone="Europe/Berlin",
        count=1,
        race_date=race,
        light_used=1,
    )
    # after the race (a half unless told): its five recovery days, 21-25 Dec, get none either
    assert after == [PlannedLegDay(datetime(2026, 12, 27, 6, 30, tzinfo=UTC), date(2026, 12, 27))]


def test_light_sessions_used_counts_sent_days_inside_the_taper() -> None:
    race = date(2026, 12, 20)
    sent = [date(2026, 12, 9), date(2026, 12, 10), date(2026, 12, 10), date(2026, 12, 20)]
    assert light_sessions_used(race, sent) == 1
    assert light_sessions_used(None, sent) == 0


@pytest.mark.parametrize(
    ("late_by", "expected"),
    [
        (timedelta(0), Timeliness.ON_TIME),
        (timedelta(minutes=10), Timeliness.ON_TIME),
        (timedelta(minutes=11), Timeliness.LATE),
        (timedelta(hours=3), Timeliness.LATE),
        (timedelta(hours=3, seconds=1), Timeliness.MISSED),
    ],
)
def test_timeliness(late_by: timedelta, expected: Timeliness) -> None:
    due = datetime(2026, 11, 25, 6, 30, tzinfo=UTC)
    assert timeliness(due, due + late_by) is expected


def test_session_label_names_the_session_and_its_length() -> None:
    assert session_label(Level.BEGINNER).minutes == 20
    assert session_label(Level.INTERMEDIATE).minutes == 25
    assert session_label(Level.ADVANCED).minutes == 30
    assert session_label(Level.ADVANCED).name is SessionName.ADVANCED
    light = session_label(Level.ADVANCED, light=True)
    assert light.light and light.minutes == LIGHT_MINUTES and light.name is SessionName.LIGHT


def test_retry_delay_doubles_up_to_a_cap() -> None:
    assert retry_delay(1) == timedelta(seconds=30)
    assert retry_delay(2) == timedelta(seconds=60)
    assert retry_delay(50) == RETRY_CAP


def test_move_blocker_applies_the_weekly_rules() -> None:
    rules = {"leg_days": (MON, THU), "running_days": (TUE, SAT), "hard_days": (SAT,)}
    monday, wednesday = date(2026, 11, 30), date(2026, 12, 2)
    assert move_blocker(monday, **rules) is None  # Tuesday: an easy run, nothing next to it
    blocked = move_blocker(wednesday, **rules)
    assert blocked is not None and "Thursday is already a leg day" in plan_note(blocked)
    friday = move_blocker(date(2026, 12, 4), **rules)  # to Saturday, the long run
    assert friday is not None and "long or hard run" in plan_note(friday)
    race = move_blocker(monday, race_date=date(2026, 12, 1), **rules)
    assert race is not None and "race day" in plan_note(race)
