"""One runner's reminder rules (content.calendar) and the stored values of reminder kinds
and statuses (content.reminders), as tables over plain data."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time

import pytest

from bot.texts.schedule import plan_note
from content.calendar import (
    history_start,
    is_light,
    leg_days_of,
    local_today,
    moved_day,
    pause_over,
    snoozed,
    still_wanted,
    wants_reminders,
    week_plan,
    why_not_move,
)
from content.legdays import plan_leg_days
from content.model import Level
from content.reminders import PlannedLegDay, ReminderKind, ReminderStatus
from tests.content.calendars import MON_30, NOW, WED_2, Cal, at_0630, stored

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
RACE = date(2026, 12, 6)  # a Sunday: its taper runs from Thursday 26 Nov through race day


def test_stored_values_are_the_strings_already_in_the_database() -> None:
    assert {kind.name: kind.value for kind in ReminderKind} == {
        "LEG_DAY": "leg_day",
        "SNOOZE": "snooze",
        "RECAP": "recap",
        "MOVED": "moved",
    }
    assert [status.value for status in ReminderStatus] == [
        "pending",
        "claimed",
        "sent",
        "missed",
        "failed",
        "started",
        "snoozed",
        "skipped",
        "moved",
    ]
    assert ReminderStatus("sent") is ReminderStatus.SENT and ReminderStatus.SENT == "sent"


@pytest.mark.parametrize(
    ("kind", "is_day"),
    [
        (ReminderKind.LEG_DAY, True),
        (ReminderKind.MOVED, True),
        (ReminderKind.SNOOZE, False),
        (ReminderKind.RECAP, False),
    ],
)
def test_a_snooze_repeats_a_leg_day_and_is_not_one(kind: ReminderKind, is_day: bool) -> None:
    assert kind.is_day is is_day
    assert stored(MON_30, kind=kind).is_day is is_day


@pytest.mark.parametrize(
    ("status", "waiting", "answer"),
    [
        (ReminderStatus.PENDING, True, False),
        (ReminderStatus.CLAIMED, True, False),
        (ReminderStatus.SENT, False, False),
        (ReminderStatus.MISSED, False, False),
        (ReminderStatus.FAILED, False, False),
        (ReminderStatus.STARTED, False, True),
        (ReminderStatus.SNOOZED, False, True),
        (ReminderStatus.SKIPPED, False, True),
        (ReminderStatus.MOVED, False, True),
    ],
)
def test_which_statuses_wait_and_which_are_answers(
    status: ReminderStatus, waiting: bool, answer: bool
) -> None:
    assert (status.waiting, status.is_answer) == (waiting, answer)


@pytest.mark.parametrize(
    ("cal", "wanted"),
    [
        (Cal(), True),
        (Cal(onboarded=False), False),
        (Cal(blocked=True), False),
        (Cal(paused=True), False),  # until /resume
        (Cal(paused=True, paused_until=date(2026, 12, 24)), True),  # resumes by itself
        (Cal(reminder_time=None), False),
        (Cal(time_zone=None), False),
        (Cal(time_zone=""), False),
        # every day a hard run: no day can hold a leg session
        (Cal(running_days=tuple(range(7)), hard_days=tuple(range(7))), False),
    ],
)
def test_who_wants_reminders(cal: Cal, wanted: bool) -> None:
    assert wants_reminders(cal) is wanted


def test_the_week_plan_is_the_legdays_plan_and_is_computed_once_per_pattern() -> None:
    cal = Cal()
    assert week_plan(cal) == plan_leg_days((TUE, THU, SAT), (SAT,), Level.BEGINNER)
    assert leg_days_of(cal) == (MON, WED)
    # another runner with the same pattern shares the one computed plan
    assert week_plan(Cal(last_session_at=NOW)) is week_plan(cal)
    # no level yet counts as a beginner
    assert week_plan(Cal(level=None)) is week_plan(cal)
    assert leg_days_of(Cal(level=Level.ADVANCED, running_days=(), hard_days=())) == (
        MON,
        WED,
        FRI,
    )


@pytest.mark.parametrize(
    ("race", "day", "light"),
    [
        (None, MON_30, False),
        (RACE, date(2026, 11, 25), False),  # 11 days before
        (RACE, date(2026, 11, 26), True),  # 10 days before: the taper starts
        (RACE, MON_30, True),
        (RACE, RACE, True),  # race day is in the window (no reminder goes out on it)
        (RACE, date(2026, 12, 7), False),  # after the race
    ],
)
def test_a_leg_day_in_the_race_taper_is_light(race: date | None, day: date, light: bool) -> None:
    assert is_light(Cal(race_date=race), day) is light


# 23:30 UTC on Wednesday 25 Nov is already Thursday in Berlin, still Wednesday in New York
LATE_EVENING = datetime(2026, 11, 25, 23, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("cal", "now", "over"),
    [
        (Cal(), NOW, False),
        (Cal(paused=True), NOW, False),
        (Cal(paused=True, paused_until=date(2026, 11, 24)), NOW, True),
        (Cal(paused=True, paused_until=date(2026, 11, 25)), NOW, False),  # through today
        # an old end date left behind by /resume is not a pause
        (Cal(paused=False, paused_until=date(2026, 11, 1)), NOW, False),
        (Cal(paused=True, paused_until=date(2026, 11, 25)), LATE_EVENING, True),
        (
            Cal(paused=True, paused_until=date(2026, 11, 25), time_zone="America/New_York"),
            LATE_EVENING,
            False,
        ),
    ],
)
def test_a_pause_is_over_the_day_after_its_end_date_in_the_runners_zone(
    cal: Cal, now: datetime, over: bool
) -> None:
    assert pause_over(cal, now) is over


def test_today_and_the_history_the_rules_read_are_local_and_sixteen_days_back() -> None:
    assert local_today(Cal(), LATE_EVENING) == date(2026, 11, 26)
    assert local_today(Cal(time_zone="America/New_York"), LATE_EVENING) == date(2026, 11, 25)
    assert local_today(Cal(time_zone=None), LATE_EVENING) == date(2026, 11, 25)  # UTC
    # a marathon's 14 taper days and two to spare
    assert history_start(NOW) == date(2026, 11, 9)


# Monday 30 Nov 00:30 in Berlin, still Sunday in UTC
JUST_AFTER_MIDNIGHT = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("cal", "kind", "wanted"),
    [
        (Cal(), ReminderKind.LEG_DAY, True),
        (Cal(blocked=True), ReminderKind.LEG_DAY, False),
        (Cal(paused=True), ReminderKind.LEG_DAY, False),
        (Cal(paused=True, paused_until=MON_30), ReminderKind.LEG_DAY, False),
        (Cal(paused=True, paused_until=date(2026, 11, 29)), ReminderKind.LEG_DAY, True),
        # a session done that day: the snooze is dropped, a leg day is not
        (Cal(last_session_at=at_0630(MON_30)), ReminderKind.SNOOZE, False),
        (Cal(last_session_at=at_0630(MON_30)), ReminderKind.LEG_DAY, True),
        (Cal(last_session_at=at_0630(date(2026, 11, 29))), ReminderKind.SNOOZE, True),
        (Cal(last_session_at=JUST_AFTER_MIDNIGHT), ReminderKind.SNOOZE, False),
        (
            Cal(last_session_at=JUST_AFTER_MIDNIGHT, time_zone="America/New_York"),
            ReminderKind.SNOOZE,
            True,
        ),
    ],
)
def test_a_claimed_reminder_still_goes_out_unless_the_runner_stopped_wanting_it(
    cal: Cal, kind: ReminderKind, wanted: bool
) -> None:
    assert still_wanted(cal, stored(MON_30, kind=kind, status=ReminderStatus.CLAIMED)) is wanted


@pytest.mark.parametrize(
    ("cal", "day", "refused_because"),
    [
        (Cal(), MON_30, "Wednesday"),  # Tuesday is next to Wednesday's leg day
        (Cal(), WED_2, None),  # Thursday is an easy run, two days before the hard one
        (Cal(race_date=date(2026, 12, 3)), WED_2, "race day"),
        # Friday is the day before Saturday's hard run
        (Cal(), date(2026, 12, 3), "Saturday"),
        # no running, leg days Mon, Wed and Fri: Friday's may go to Saturday, not Tuesday's to
        # Wednesday
        (Cal(level=Level.ADVANCED, running_days=(), hard_days=()), date(2026, 12, 4), None),
        (Cal(level=Level.ADVANCED, running_days=(), hard_days=()), date(2026, 12, 1), "leg day"),
    ],
)
def test_a_leg_day_moves_to_the_next_day_only_when_the_weekly_rules_allow(
    cal: Cal, day: date, refused_because: str | None
) -> None:
    reason = why_not_move(cal, day)
    if refused_because is None:
        assert reason is None
    else:
        assert reason is not None and refused_because in plan_note(reason)


def test_a_moved_leg_day_is_the_next_day_at_the_reminder_time_by_the_dst_rules() -> None:
    assert moved_day(Cal(), WED_2) == PlannedLegDay(
        datetime(2026, 12, 3, 6, 30, tzinfo=UTC), date(2026, 12, 3)
    )
    # Saturday 28 March to Sunday 29 March 2026, the night Berlin moves to summer time
    assert moved_day(Cal(), date(2026, 3, 28)) == PlannedLegDay(
        datetime(2026, 3, 29, 5, 30, tzinfo=UTC), date(2026, 3, 29)
    )
    # 02:30 does not exist that night: it fires at the old offset's instant (03:30 on the wall)
    spring_gap = Cal(reminder_time=time(2, 30))
    assert moved_day(spring_gap, date(2026, 3, 28)) == PlannedLegDay(
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC), date(2026, 3, 29)
    )
    assert moved_day(Cal(reminder_time=None), WED_2) is None
    assert moved_day(replace(Cal(), time_zone=None), WED_2) is None


@pytest.mark.parametrize(
    ("press_utc", "again_utc"),
    [
        (datetime(2026, 11, 30, 6, 40, tzinfo=UTC), datetime(2026, 11, 30, 7, 40, tzinfo=UTC)),
        # 21:00 in Berlin: 22:00, the last time a snooze may land, is still the leg day's
        (datetime(2026, 11, 30, 20, 0, tzinfo=UTC), datetime(2026, 11, 30, 21, 0, tzinfo=UTC)),
        (datetime(2026, 11, 30, 20, 1, tzinfo=UTC), None),  # 22:01: too late that evening
        (datetime(2026, 11, 30, 23, 10, tzinfo=UTC), None),  # past midnight: another day
    ],
)
def test_a_snooze_is_the_same_local_date_an_hour_on_and_never_after_ten_at_night(
    press_utc: datetime, again_utc: datetime | None
) -> None:
    expected = PlannedLegDay(again_utc, MON_30) if again_utc is not None else None
    assert snoozed(stored(MON_30), press_utc, "Europe/Berlin") == expected
