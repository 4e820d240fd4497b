"""Races (content.races): distances, the taper and recovery by distance, and the comeback
one rung lower that never doubles with the two-weeks-off rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from content.races import (
    Comeback,
    ComebackKind,
    Race,
    RaceDistance,
    RacePhase,
    comeback,
    days_off,
    light_done,
    phase,
    read_distance,
    split_distance,
)

SUNDAY = date(2027, 4, 18)


def on(offset: int) -> date:
    return SUNDAY + timedelta(days=offset)


@pytest.mark.parametrize(
    ("text", "distance"),
    [
        ("5k", RaceDistance.FIVE_K),
        ("5 km", RaceDistance.FIVE_K),
        ("10K", RaceDistance.TEN_K),
        ("half", RaceDistance.HALF),
        ("Half Marathon", RaceDistance.HALF),
        ("hm", RaceDistance.HALF),
        ("marathon", RaceDistance.MARATHON),
        ("42.2k", RaceDistance.MARATHON),
        ("ultra", None),
        ("18 april", None),
    ],
)
def test_the_distances_runners_type(text: str, distance: RaceDistance | None) -> None:
    assert read_distance(text) is distance


@pytest.mark.parametrize(
    ("text", "date_text", "distance"),
    [
        ("2027-04-18", "2027-04-18", None),
        ("2027-04-18 marathon", "2027-04-18", RaceDistance.MARATHON),
        ("18 April 5k", "18 April", RaceDistance.FIVE_K),
        ("next sunday half marathon", "next sunday", RaceDistance.HALF),
        ("18 April", "18 April", None),
    ],
)
def test_a_race_command_splits_into_date_and_distance(
    text: str, date_text: str, distance: RaceDistance | None
) -> None:
    assert split_distance(text) == (date_text, distance)


@pytest.mark.parametrize(
    ("distance", "taper", "recovery"),
    [
        (RaceDistance.FIVE_K, 10, 2),
        (RaceDistance.TEN_K, 10, 3),
        (RaceDistance.HALF, 10, 5),
        (RaceDistance.MARATHON, 14, 7),
    ],
)
def test_taper_and_recovery_days_by_distance(
    distance: RaceDistance, taper: int, recovery: int
) -> None:
    race = Race(SUNDAY, distance)
    assert (race.taper_days, race.recovery_days) == (taper, recovery)
    assert phase(race, on(-taper - 1)) is RacePhase.AHEAD
    assert phase(race, on(-taper)) is RacePhase.TAPER
    assert phase(race, on(-1)) is RacePhase.TAPER
    assert phase(race, SUNDAY) is RacePhase.RACE_DAY
    assert phase(race, on(1)) is RacePhase.RECOVERY
    assert phase(race, on(recovery)) is RacePhase.RECOVERY
    assert phase(race, on(recovery + 1)) is RacePhase.AFTER
    assert phase(None, SUNDAY) is None


def test_the_taper_light_session_is_done_once_a_session_falls_in_it() -> None:
    race = Race(SUNDAY, RaceDistance.MARATHON)
    assert not light_done(race, None)
    assert not light_done(race, on(-15))
    assert light_done(race, on(-14))
    assert light_done(race, on(-3))


@pytest.mark.parametrize(
    ("last", "today", "race", "expected"),
    [
        # no race: whole days
        (on(-20), SUNDAY, None, 20),
        # a marathon: its 14 taper days, race day and 7 recovery days are planned rest
        (on(-16), on(8), Race(SUNDAY, RaceDistance.MARATHON), 2),
        # a 5k: 10 + 1 + 2
        (on(-12), on(3), Race(SUNDAY, RaceDistance.FIVE_K), 2),
        # the last session inside the taper: only the days after it count as rest
        (on(-3), on(6), Race(SUNDAY, RaceDistance.HALF), 1),
        # a race far ahead takes nothing off
        (on(-60), on(-40), Race(SUNDAY), 20),
    ],
)
def test_the_days_off_leave_the_race_rest_out(
    last: date, today: date, race: Race | None, expected: int
) -> None:
    assert days_off(last, today, race) == expected


@pytest.mark.parametrize(
    ("last", "today", "race", "expected"),
    [
        (None, SUNDAY, None, None),
        (on(-5), SUNDAY, None, None),
        (on(-14), SUNDAY, None, Comeback(ComebackKind.BREAK, 14)),
        # the first session after a marathon's recovery: one rung lower, as a race comeback,
        # not also a break (23 days since the last session, two of them "off")
        (on(-15), on(8), Race(SUNDAY, RaceDistance.MARATHON), Comeback(ComebackKind.RACE, 23)),
        (on(-4), on(3), Race(SUNDAY, RaceDistance.FIVE_K), Comeback(ComebackKind.RACE, 7)),
        # still in the recovery: not yet (and the rest is no break)
        (on(-15), on(7), Race(SUNDAY, RaceDistance.MARATHON), None),
        # in the taper, long after the last session: the taper days are no break
        (on(-20), on(-2), Race(SUNDAY, RaceDistance.MARATHON), None),
        # the comeback was done: the next session is a normal one
        (on(9), on(11), Race(SUNDAY, RaceDistance.MARATHON), None),
        # weeks after the comeback, a real break again
        (on(9), on(30), Race(SUNDAY, RaceDistance.MARATHON), Comeback(ComebackKind.BREAK, 21)),
    ],
)
def test_a_comeback_is_one_rung_lower_once(
    last: date | None, today: date, race: Race | None, expected: Comeback | None
) -> None:
    assert comeback(last, today, race) == expected
