"""The weekly recap as data: a week's sessions against its plan, and the streak of weeks on
plan. Pure; ``bot/texts/recap.py`` words it and the dispatcher sends it on the runner's last
day of the week (Sunday: weeks run Monday to Sunday, as in ``content.record``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from content.record import week_start

# The recap goes out on the week's last day (Monday is 0).
RECAP_WEEKDAY: Final = 6


@dataclass(frozen=True, slots=True)
class WeekCount:
    """One week's leg sessions: done (finished or stopped with a set logged) and planned."""

    monday: date
    done: int
    planned: int

    @property
    def on_plan(self) -> bool:
        """Every planned session done (a week with nothing planned counts as on plan)."""
        return self.done >= self.planned


@dataclass(frozen=True, slots=True)
class Recap:
    """What the week held: sessions against the plan, the exercises that moved up, the
    jump contacts, the streak of weeks on plan, and next week's leg days."""

    week: WeekCount
    moved_up: tuple[str, ...]  # exercise ids, in library order
    contacts: int
    streak: int
    next_days: tuple[date, ...]


def streak(weeks: Sequence[WeekCount]) -> int:
    """Weeks running on plan, counted back from the latest (``weeks`` oldest first)."""
    count = 0
    for week in reversed(weeks):
        if not week.on_plan:
            break
        count += 1
    return count


def recap_day(day: date) -> date:
    """The day of ``day``'s week the recap goes out."""
    return week_start(day) + timedelta(days=RECAP_WEEKDAY)


def planned_in(week_monday: date, leg_days: Sequence[int], skip: Sequence[date] = ()) -> int:
    """How many leg days the weekly plan holds in a week, leaving out paused days."""
    days = (week_monday + timedelta(days=weekday) for weekday in leg_days)
    return sum(day not in set(skip) for day in days)
