"""Spacing: leg sessions never on consecutive local days and at least 40 hours apart.

COACHING.md ("Spacing"): the strength loss and soreness of a hard session last 24-72 hours,
so the next leg session starts at least about 40 hours after the end of the last one and
never on the next local day (Monday, Wednesday and Friday at a fixed time pass), unless the
runner insists. A second session on one local day is the plainest case: once is enough, and
a second one never moves a ladder again that day.

Pure functions of instants and a zone; ``content.agenda`` applies them to planning, the
session flow to starting one now.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Final
from zoneinfo import ZoneInfo

MIN_REST: Final = timedelta(hours=40)


def local_day(instant: datetime, zone: str) -> date:
    return instant.astimezone(ZoneInfo(zone)).date()


def earliest_next(session_end: datetime, zone: str) -> datetime:
    """The first instant the next leg session may start after one that ended at
    ``session_end``: 40 hours on, and not before the local day after next."""
    day_after_next = datetime.combine(
        local_day(session_end, zone) + timedelta(days=2), time(0), tzinfo=ZoneInfo(zone)
    ).astimezone(UTC)
    return max(session_end + MIN_REST, day_after_next)


def far_enough(session_end: datetime | None, start: datetime, zone: str) -> bool:
    """Whether a session starting at ``start`` keeps the rule (no last session: it does)."""
    return session_end is None or start >= earliest_next(session_end, zone)


class TooSoon(StrEnum):
    """Why a session now breaks the spacing rule; the runner may still confirm it."""

    SAME_DAY = "same_day"  # there was a session today already: once is enough
    NEXT_DAY = "next_day"  # yesterday's session: two days running
    UNDER_REST = "under_rest"  # under 40 hours since the last one ended


@dataclass(frozen=True, slots=True)
class Wait:
    """Why now is too soon, the hours since the last session ended, and when it is not."""

    reason: TooSoon
    hours_since: int
    earliest: datetime


def too_soon(session_end: datetime | None, now: datetime, zone: str) -> Wait | None:
    """Whether a leg session started now comes too soon after the last one, and why."""
    if session_end is None or far_enough(session_end, now, zone):
        return None
    hours = max(0, int((now - session_end).total_seconds() // 3600))
    earliest = earliest_next(session_end, zone)
    gap = (local_day(now, zone) - local_day(session_end, zone)).days
    if gap <= 0:
        return Wait(TooSoon.SAME_DAY, hours, earliest)
    if gap == 1:
        return Wait(TooSoon.NEXT_DAY, hours, earliest)
    return Wait(TooSoon.UNDER_REST, hours, earliest)


def anticipated_end(start: datetime, minutes: int) -> datetime:
    """When a session that starts at ``start`` and takes about ``minutes`` ends."""
    return start + timedelta(minutes=minutes)


def may_progress(done_now: Collection[str], done_earlier_today: Collection[str]) -> frozenset[str]:
    """The exercises of a session whose ladders may move: an extra session never moves a
    progression twice in one day, so those done in an earlier session today wait."""
    return frozenset(done_now) - frozenset(done_earlier_today)


def extra_session(last_end: datetime | None, now: datetime, zone: str) -> bool:
    """Whether a session going ``now`` is an extra one: another ended earlier that local day."""
    return last_end is not None and local_day(last_end, zone) == local_day(now, zone)


def may_move(
    last_end: datetime | None, moved_at: datetime | None, now: datetime, zone: str
) -> bool:
    """Whether Harder may move an exercise's ladder ``now`` (Easier always may). An extra
    session never moves a progression up twice in one day: in a session after another one
    that day, an exercise that already moved that day (a press, or the automatic step at the
    end of the earlier session) stays where it is. ``last_end`` is when the runner's last
    session ended, ``moved_at`` when this exercise last moved in another session (None:
    never)."""
    if not extra_session(last_end, now, zone) or moved_at is None:
        return True
    return local_day(moved_at, zone) != local_day(now, zone)
