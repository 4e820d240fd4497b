"""What lies ahead for a runner given their stored reminders (content.agenda): the next leg
day to store, a profile change's rewrite, /next and the race taper's light day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from content.agenda import (
    Replan,
    UpcomingDay,
    held_back,
    light_day,
    next_day,
    next_days,
    replan,
    upcoming,
)
from content.races import RaceDistance
from content.reminders import PlannedLegDay, ReminderKind, ReminderStatus, StoredReminder
from tests.content.calendars import MON_7, MON_30, NOW, WED_2, Cal, at_0630, stored

RACE = date(2026, 12, 6)  # Sunday (a half); the taper runs from Thursday 26 Nov
TUE_1 = date(2026, 12, 1)
# the half's five recovery days run 7-11 Dec: the first leg day after them
MON_14 = date(2026, 12, 14)
WED_16 = date(2026, 12, 16)
MONDAY_SENT_AT = at_0630(MON_30) + timedelta(minutes=1)


def _day(day: date, light: bool = False) -> PlannedLegDay:
    return PlannedLegDay(at_0630(day), day, light)


@pytest.mark.parametrize(
    ("cal", "rows", "after", "now", "expected"),
    [
        # nothing stored: the next leg day from now (today's 07:30 has passed)
        (Cal(), [], None, NOW, _day(MON_30)),
        # one already waiting: nothing new
        (Cal(), [stored(MON_30)], None, NOW, None),
        (Cal(), [stored(MON_30, status=ReminderStatus.CLAIMED)], None, NOW, None),
        # Monday just sent: Wednesday
        (
            Cal(),
            [stored(MON_30, status=ReminderStatus.SENT, sent=True)],
            MON_30,
            MONDAY_SENT_AT,
            _day(WED_2),
        ),
        # Monday's reminder still claimed does not count as waiting *after* Monday
        (Cal(), [stored(MON_30, status=ReminderStatus.CLAIMED)], MON_30, NOW, _day(WED_2)),
        # the search starts at the local midnight after the day dealt with, not at now
        (Cal(), [], MON_30, NOW, _day(WED_2)),
        # a leg day already moved onto Wednesday takes that date
        (Cal(), [stored(WED_2, kind=ReminderKind.MOVED)], MON_30, NOW, _day(MON_7)),
        # a snooze is not a leg day: Monday's snooze does not take Monday
        (Cal(), [stored(MON_30, kind=ReminderKind.SNOOZE)], None, NOW, _day(MON_30)),
        # paused through Sunday 6 Dec: Monday 7
        (Cal(paused=True, paused_until=RACE), [], None, NOW, _day(MON_7)),
        (Cal(paused=True), [], None, NOW, None),
        # the taper's one light session, then none until after the race and its recovery
        (Cal(race_date=RACE), [], None, NOW, _day(MON_30, light=True)),
        (
            Cal(race_date=RACE),
            [stored(MON_30, status=ReminderStatus.SENT, sent=True)],
            MON_30,
            MONDAY_SENT_AT,
            _day(MON_14),
        ),
    ],
)
def test_the_next_leg_day_to_store(
    cal: Cal,
    rows: list[StoredReminder],
    after: date | None,
    now: datetime,
    expected: PlannedLegDay | None,
) -> None:
    assert next_day(cal, rows, after, now) == expected


def test_a_batch_plans_each_runner_once_from_the_later_date_sharing_searches() -> None:
    cals = {1: Cal(), 2: Cal(), 3: Cal()}
    planned = next_days(
        cals,
        {},
        [(1, MON_30), (1, WED_2), (2, MON_30), (2, None), (3, MON_30), (99, MON_30)],
        NOW,
    )
    # runner 1: after the later date; runner 2: from now (None wins); runner 99: deleted
    assert planned == [(1, _day(MON_7)), (2, _day(MON_30)), (3, _day(WED_2))]
    # runners 2 and 3 differ only in what was dealt with; two with one input share a search
    twins = next_days(cals, {}, [(1, MON_30), (3, MON_30)], NOW)
    assert twins[0][1] is twins[1][1]


def test_a_runner_who_wants_no_reminders_keeps_none_pending() -> None:
    assert replan(Cal(blocked=True), [stored(MON_30)], NOW) == Replan(drop_pending=True)
    assert replan(Cal(paused=True), [], NOW) == Replan(drop_pending=True)


def test_replanning_stores_the_next_leg_day_and_keeps_an_unchanged_one() -> None:
    assert replan(Cal(), [], NOW) == Replan(add=_day(MON_30), add_recap=_day(date(2026, 11, 29)))
    recap = stored(date(2026, 11, 29), kind=ReminderKind.RECAP)
    unchanged = replan(Cal(), [stored(MON_30), recap], NOW)
    assert unchanged.changes_nothing
    # a leg day already due is left for the dispatcher, and nothing new is planned past it
    due = stored(date(2026, 11, 25), due_at=NOW - timedelta(minutes=1))
    assert replan(Cal(), [due, recap], NOW).changes_nothing


def test_a_new_time_replaces_the_stored_leg_day_and_moves_a_moved_one() -> None:
    evening = Cal(reminder_time=time(18, 30))
    old = stored(MON_30)
    moved = stored(TUE_1, kind=ReminderKind.MOVED)
    sent = stored(date(2026, 11, 23), status=ReminderStatus.SENT, sent=True)
    change = replan(evening, [sent, old, moved], NOW)
    assert change.drop == (old.id,)
    assert change.retime == ((moved.id, datetime(2026, 12, 1, 17, 30, tzinfo=UTC)),)
    # today's 18:30 is still ahead
    assert change.add == PlannedLegDay(datetime(2026, 11, 25, 17, 30, tzinfo=UTC), NOW.date())
    assert not change.drop_pending and change.drop_pending_through is None


def test_a_pause_with_an_end_drops_what_falls_inside_it() -> None:
    cal = Cal(paused=True, paused_until=TUE_1)
    change = replan(cal, [stored(MON_30)], NOW)
    # Monday's goes with the pause (not by id), Wednesday is planned
    assert change == Replan(
        drop_pending_through=TUE_1, add=_day(WED_2), add_recap=_day(date(2026, 12, 6))
    )


@pytest.mark.parametrize(
    ("cal", "rows", "count", "expected"),
    [
        (Cal(paused=True), [], 3, []),
        (
            Cal(),
            [],
            3,
            [UpcomingDay(at_0630(d), d) for d in (MON_30, WED_2, MON_7)],
        ),
        (Cal(), [], 1, [UpcomingDay(at_0630(MON_30), MON_30)]),
        # the stored next day and a moved one first, then the plan after them
        (
            Cal(),
            [stored(MON_30), stored(TUE_1, kind=ReminderKind.MOVED)],
            3,
            [
                UpcomingDay(at_0630(MON_30), MON_30),
                UpcomingDay(at_0630(TUE_1), TUE_1, moved=True),
                UpcomingDay(at_0630(WED_2), WED_2),
            ],
        ),
        # the taper's light day, none more before the race nor in its recovery days, the
        # usual days after them
        (
            Cal(race_date=RACE),
            [],
            3,
            [
                UpcomingDay(at_0630(MON_30), MON_30, light=True),
                UpcomingDay(at_0630(MON_14), MON_14),
                UpcomingDay(at_0630(WED_16), WED_16),
            ],
        ),
        (
            Cal(paused=True, paused_until=TUE_1),
            [],
            2,
            [UpcomingDay(at_0630(WED_2), WED_2), UpcomingDay(at_0630(MON_7), MON_7)],
        ),
    ],
)
def test_the_days_next_shows(
    cal: Cal, rows: list[StoredReminder], count: int, expected: list[UpcomingDay]
) -> None:
    assert upcoming(cal, rows, NOW, count) == expected


def test_the_light_day_of_the_race_taper() -> None:
    raced = Cal(race_date=RACE)
    light_monday = UpcomingDay(at_0630(MON_30), MON_30, light=True)
    assert light_day(Cal(), [], NOW) is None
    assert light_day(raced, [], NOW) == light_monday
    assert light_day(raced, [stored(MON_30)], NOW) == light_monday  # the stored one
    moved = stored(TUE_1, kind=ReminderKind.MOVED)
    assert light_day(raced, [moved], NOW) == UpcomingDay(
        at_0630(TUE_1), TUE_1, light=True, moved=True
    )
    # already had: none left before the race
    done = stored(MON_30, status=ReminderStatus.STARTED, sent=True)
    assert light_day(raced, [done], MONDAY_SENT_AT) is None
    # a race further off: the first leg day of its window
    later = Cal(race_date=date(2027, 1, 10))
    assert light_day(later, [], NOW) == UpcomingDay(
        datetime(2027, 1, 4, 6, 30, tzinfo=UTC), date(2027, 1, 4), light=True
    )
    assert light_day(Cal(race_date=RACE, paused=True), [], NOW) is None


# -- spacing and races (issue 14) -----------------------------------------------------------

SUNDAY_EVENING = datetime(2026, 11, 29, 18, 30, tzinfo=UTC)  # 19:30 in Berlin


@pytest.mark.parametrize(
    ("cal", "rows", "now", "expected"),
    [
        # a session ended Sunday 19:30: Monday is the next day; Wednesday 07:30 is 60 h on
        (Cal(last_session_at=SUNDAY_EVENING), [], SUNDAY_EVENING, _day(WED_2)),
        # ... and one ended Tuesday 01:00 leaves Wednesday 07:30 30 h on: Monday 7
        (
            Cal(last_session_at=datetime(2026, 12, 1, 0, 0, tzinfo=UTC)),
            [],
            datetime(2026, 12, 1, 0, 0, tzinfo=UTC),
            _day(MON_7),
        ),
        # a session ended Saturday morning: Monday 07:30 is 46 h on
        (
            Cal(last_session_at=datetime(2026, 11, 28, 8, 0, tzinfo=UTC)),
            [],
            SUNDAY_EVENING,
            _day(MON_30),
        ),
        # Monday's leg day snoozed to 21:30: Wednesday 07:30 would come 34 h after it
        (
            Cal(),
            [
                stored(MON_30, status=ReminderStatus.SNOOZED, sent=True),
                stored(
                    MON_30,
                    kind=ReminderKind.SNOOZE,
                    due_at=datetime(2026, 11, 30, 20, 30, tzinfo=UTC),
                ),
            ],
            datetime(2026, 11, 30, 19, 30, tzinfo=UTC),
            _day(MON_7),
        ),
        # Monday's leg day moved to Tuesday: Wednesday is the next day
        (
            Cal(),
            [
                stored(MON_30, status=ReminderStatus.MOVED, sent=True),
                stored(TUE_1, kind=ReminderKind.MOVED),
            ],
            datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
            _day(MON_7),
        ),
    ],
)
def test_the_next_leg_day_keeps_its_distance_from_the_last_or_expected_session(
    cal: Cal, rows: list[StoredReminder], now: datetime, expected: PlannedLegDay
) -> None:
    assert next_day(cal, rows, None, now) == expected


def test_the_runner_is_told_when_the_spacing_moved_the_next_leg_day() -> None:
    held = held_back(Cal(last_session_at=SUNDAY_EVENING), [stored(MON_30)], SUNDAY_EVENING)
    assert held is not None
    assert (held.usual, held.planned, held.rest_from) == (
        _day(MON_30),
        _day(WED_2),
        SUNDAY_EVENING,
    )
    # a replan drops the crowded Monday and stores Wednesday
    change = replan(Cal(last_session_at=SUNDAY_EVENING), [stored(MON_30)], SUNDAY_EVENING)
    assert change.add == _day(WED_2) and len(change.drop) == 1
    # a session long ago moves nothing
    rested = Cal(last_session_at=SUNDAY_EVENING - timedelta(days=3))
    assert held_back(rested, [], SUNDAY_EVENING) is None


def test_a_moved_leg_day_too_close_to_an_extra_session_goes() -> None:
    moved = stored(TUE_1, kind=ReminderKind.MOVED)
    extra = datetime(2026, 11, 30, 21, 0, tzinfo=UTC)  # Monday 22:00: Tuesday is next day
    change = replan(Cal(last_session_at=extra), [moved], extra)
    assert moved.id in change.drop


RACE_13 = date(2026, 12, 13)


@pytest.mark.parametrize(
    ("distance", "expected"),
    [
        # a half: its taper opens Thursday 3 Dec: Monday and Wednesday as usual, the light
        # session Monday 7, then nothing until its five recovery days are over
        (
            RaceDistance.HALF,
            [_day(MON_30), _day(WED_2), _day(MON_7, light=True), _day(date(2026, 12, 21))],
        ),
        # a marathon: its 14-day taper opens Sunday 29 Nov: Monday 30 is the light one, and
        # seven recovery days follow the race
        (
            RaceDistance.MARATHON,
            [_day(MON_30, light=True), _day(date(2026, 12, 21)), _day(date(2026, 12, 23))],
        ),
        # a 5k: two recovery days, so Wednesday 16 is back
        (
            RaceDistance.FIVE_K,
            [_day(MON_30), _day(WED_2), _day(MON_7, light=True), _day(date(2026, 12, 16))],
        ),
    ],
)
def test_the_taper_and_recovery_follow_the_race_distance(
    distance: RaceDistance, expected: list[PlannedLegDay]
) -> None:
    cal = Cal(race_date=RACE_13, race_distance=distance)
    days = upcoming(cal, [], NOW, len(expected))
    assert [PlannedLegDay(d.due_at, d.local_date, d.light) for d in days] == expected


def test_a_session_done_in_the_taper_is_its_light_one() -> None:
    in_taper = datetime(2026, 12, 4, 17, 0, tzinfo=UTC)  # Friday 4 Dec, in the half's taper
    cal = Cal(race_date=RACE_13, last_session_at=in_taper)
    assert light_day(cal, [], in_taper) is None
    assert next_day(cal, [], None, in_taper) == _day(date(2026, 12, 21))
