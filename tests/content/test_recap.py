"""The weekly recap's figures, one rule at a time."""

from __future__ import annotations

from datetime import date

import pytest

from content.recap import WeekCount, planned_in, recap_day, streak

MON = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("weeks", "expected"),
    [
        ([], 0),
        ([(2, 2)], 1),
        ([(2, 2), (3, 2), (1, 2)], 0),  # the latest week fell short
        ([(1, 2), (2, 2), (2, 2)], 2),
        ([(0, 0), (2, 2)], 2),  # a week with nothing planned (a pause) does not break it
    ],
)
def test_the_streak_counts_weeks_on_plan_back_from_the_latest(
    weeks: list[tuple[int, int]], expected: int
) -> None:
    counts = [WeekCount(MON, done, planned) for done, planned in weeks]
    assert streak(counts) == expected


def test_the_recap_day_is_the_sunday_of_the_week() -> None:
    assert recap_day(date(2026, 11, 25)) == date(2026, 11, 29)
    assert recap_day(date(2026, 11, 29)) == date(2026, 11, 29)
    assert recap_day(date(2026, 11, 30)) == date(2026, 12, 6)


def test_planned_leaves_out_paused_days() -> None:
    assert planned_in(MON, (0, 2, 4)) == 3
    assert planned_in(MON, (0, 2, 4), skip=(date(2026, 11, 25),)) == 2
