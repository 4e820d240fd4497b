"""The runner's record as data: what kind a past session was, weeks, and jump contacts.

Pure functions over plain values; the history, the progress chart and the export all read
the stored rows through them, so the three agree on what a week is and what a session was.

A session's kind (normal, light for a race taper, gentle around a sore area) is decided when
it starts but not stored with it today, so :func:`infer_kind` reads it back from the shape
of the stored plan: a light session is the only one planned with fewer than three sets of
an exercise (every rung prescribes three or four, and Harder/Easier re-prescribe the rung's
own sets), and every sore area's gentle session leaves the jumps out, which a normal
session always opens with. When sessions gain a stored kind, callers pass it and this
inference is only the fallback for older rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from enum import StrEnum

from content.model import Unit
from content.session import FIRST

# A light (taper) session caps every exercise at this many sets (content.session).
LIGHT_MAX_SETS = 2
# The chart shows at most this many weeks; the export has everything.
CHART_WEEKS = 52


class SessionKind(StrEnum):
    """What a past session was; bot/texts words each."""

    NORMAL = "normal"
    LIGHT = "light"
    GENTLE = "gentle"


def infer_kind(items: Sequence[tuple[str, int]]) -> SessionKind:
    """The kind of a stored session from its plan: ``(exercise id, planned sets)`` in order.

    An empty plan (nothing was stored) counts as normal.
    """
    if not items:
        return SessionKind.NORMAL
    if any(0 < sets <= LIGHT_MAX_SETS for _exercise, sets in items):
        return SessionKind.LIGHT
    if all(exercise_id != FIRST for exercise_id, _sets in items):
        return SessionKind.GENTLE
    return SessionKind.NORMAL


def week_start(day: date) -> date:
    """The Monday of ``day``'s week (weeks run Monday to Sunday, as ISO weeks do)."""
    return day - timedelta(days=day.weekday())


def weeks_between(first: date, last: date, *, most: int | None = None) -> list[date]:
    """The Mondays of every week from ``first``'s to ``last``'s, oldest first; with
    ``most``, only the latest ``most`` of them."""
    start, end = week_start(first), week_start(last)
    if end < start:
        return []
    count = (end - start).days // 7 + 1
    if most is not None and count > most:
        start += timedelta(weeks=count - most)
        count = most
    return [start + timedelta(weeks=offset) for offset in range(count)]


def weekly_totals(amounts: Iterable[tuple[date, int]], weeks: Sequence[date]) -> list[int]:
    """The sum of ``amounts`` per week of ``weeks`` (their Mondays); days outside them are
    left out."""
    index = {monday: number for number, monday in enumerate(weeks)}
    totals = [0] * len(weeks)
    for day, amount in amounts:
        number = index.get(week_start(day))
        if number is not None:
            totals[number] += amount
    return totals


def jump_contacts(reps: int, unit: Unit | str, side: str | None) -> int:
    """Foot contacts in one logged set: its count for a jump (twice when it was done on each
    side), nothing for other exercises."""
    if unit != Unit.CONTACTS:
        return 0
    return reps * (2 if side else 1)
