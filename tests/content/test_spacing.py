"""Spacing (content.spacing): never consecutive local days, 40 hours from the end of one
session to the start of the next, and a ladder moves once a day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from content.spacing import (
    MIN_REST,
    TooSoon,
    anticipated_end,
    earliest_next,
    extra_session,
    far_enough,
    may_move,
    may_progress,
    too_soon,
)

BERLIN = "Europe/Berlin"


def berlin(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    """A Berlin wall-clock time in late 2026 (UTC+1), as a UTC instant."""
    return datetime(2026, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=1)


@pytest.mark.parametrize(
    ("ended", "start", "ok"),
    [
        # Mon/Wed/Fri at a fixed time passes: 47.5 h from the end of a 30-minute session
        (berlin(30, 8, 0), berlin(2, 7, 30, month=12), True),
        # a session ending late on Sunday evening: Monday evening is the next day (16.5 h)
        (berlin(29, 19, 30), berlin(30, 12, 0), False),
        # Tuesday evening is two days on but under 40 h from a late Sunday
        (berlin(29, 22, 0), berlin(1, 7, 30, month=12), False),
        # ... 40 h on is fine
        (berlin(29, 22, 0), berlin(1, 14, 0, month=12), True),
        # 40 h but the next local day: never (a session at 00:30, the next at 16:30 next day)
        (berlin(29, 0, 30), berlin(30, 16, 30), False),
        # same day: never
        (berlin(29, 7, 0), berlin(29, 20, 0), False),
    ],
)
def test_the_next_session_keeps_its_distance(ended: datetime, start: datetime, ok: bool) -> None:
    assert far_enough(ended, start, BERLIN) is ok
    assert far_enough(None, start, BERLIN)


def test_the_earliest_next_start_is_forty_hours_and_the_day_after_next() -> None:
    assert earliest_next(berlin(29, 22, 0), BERLIN) == berlin(29, 22, 0) + MIN_REST
    # an early end: the day after next's midnight comes later than 40 h
    assert earliest_next(berlin(29, 0, 30), BERLIN) == berlin(1, 0, 0, month=12)


@pytest.mark.parametrize(
    ("ended", "now", "reason", "hours"),
    [
        (berlin(25, 19, 0), berlin(25, 21, 0), TooSoon.SAME_DAY, 2),
        (berlin(24, 19, 0), berlin(25, 18, 0), TooSoon.NEXT_DAY, 23),
        (berlin(23, 21, 0), berlin(25, 9, 0), TooSoon.UNDER_REST, 36),
        (berlin(23, 8, 0), berlin(25, 9, 0), None, 0),
        (None, berlin(25, 9, 0), None, 0),
    ],
)
def test_why_now_is_too_soon(
    ended: datetime | None, now: datetime, reason: TooSoon | None, hours: int
) -> None:
    wait = too_soon(ended, now, BERLIN)
    assert (wait.reason if wait else None) is reason
    if wait is not None:
        assert wait.hours_since == hours
        assert wait.earliest >= now


def test_a_session_is_expected_to_end_after_its_minutes() -> None:
    assert anticipated_end(berlin(25, 21, 0), 25) == berlin(25, 21, 25)


@pytest.mark.parametrize(
    ("now", "earlier", "allowed"),
    [
        (["squat", "calf_raise"], [], {"squat", "calf_raise"}),
        (["squat", "calf_raise"], ["squat"], {"calf_raise"}),
        (["squat"], ["squat", "calf_raise"], set()),
    ],
)
def test_a_ladder_moves_once_a_day(now: list[str], earlier: list[str], allowed: set[str]) -> None:
    assert may_progress(now, earlier) == allowed


@pytest.mark.parametrize(
    ("last_end", "moved_at", "now", "allowed"),
    [
        # the first session of the day: a press moves, whatever moved before
        (None, None, berlin(25, 19), True),
        (berlin(24, 19), berlin(24, 19), berlin(25, 19), True),
        (berlin(24, 23, 50), berlin(25, 0, 5), berlin(25, 19), True),  # not an extra one
        # an extra session: what did not move today may move
        (berlin(25, 18), None, berlin(25, 19), True),
        (berlin(25, 18), berlin(24, 18), berlin(25, 19), True),
        # an extra session: what moved today stays (a press or the end of the first)
        (berlin(25, 18), berlin(25, 17, 40), berlin(25, 19), False),
        (berlin(25, 18), berlin(25, 18), berlin(25, 19), False),
        (berlin(25, 0, 30), berlin(25, 0, 10), berlin(25, 23, 59), False),
        # local days, not UTC ones: 00:30 Berlin is still the day before in UTC
        (berlin(25, 0, 30), berlin(25, 0, 20), berlin(25, 1), False),
        (berlin(24, 23, 30), berlin(24, 23, 0), berlin(25, 0, 30), True),
    ],
)
def test_an_extra_session_never_moves_a_ladder_twice_in_a_day(
    last_end: datetime | None, moved_at: datetime | None, now: datetime, allowed: bool
) -> None:
    assert may_move(last_end, moved_at, now, BERLIN) is allowed


def test_an_extra_session_follows_another_the_same_local_day() -> None:
    assert extra_session(berlin(25, 0, 30), berlin(25, 23, 59), BERLIN)
    assert not extra_session(berlin(24, 23, 59), berlin(25, 0, 1), BERLIN)
    assert not extra_session(None, berlin(25, 12), BERLIN)
    # in UTC the same two instants fall on one day
    assert extra_session(berlin(24, 23, 59), berlin(25, 0, 1), "UTC")
