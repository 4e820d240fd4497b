"""/deletedata as a use case: what would be erased, and erasing it on confirmation.

The confirmation button names whose data it erases (their Telegram user id and runner id)
and when it was offered. A press by anyone else is refused; a press after the data is gone
(the runner id is no longer theirs) or more than ``CONFIRM_FOR`` later is stale and erases
nothing. Erasing is one transaction: every row goes, or none does (``storage.erase``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from storage import erase
from storage.erase import RowCounts
from storage.runners import RunnerProfile

CONFIRM_FOR = timedelta(minutes=15)


class EraseOutcome(StrEnum):
    ERASED = "erased"
    NOT_YOURS = "not_yours"  # someone else's button (forged)
    STALE = "stale"  # the data it named is already gone
    EXPIRED = "expired"  # offered too long ago: ask again


@dataclass(frozen=True, slots=True)
class Confirmation:
    """What the Delete everything button carries."""

    telegram_user_id: int
    runner_id: int
    offered_minute: int  # Unix minutes


@dataclass(frozen=True, slots=True)
class Erased:
    outcome: EraseOutcome
    counts: RowCounts = field(default_factory=RowCounts)


def minute_of(now: datetime) -> int:
    return int(now.timestamp() // 60)


async def preview(
    db: AsyncSession, runner: RunnerProfile, now: datetime
) -> tuple[RowCounts, Confirmation]:
    """What would be erased, and the confirmation to offer for it."""
    counts = await erase.count(db, runner.id)
    return counts, Confirmation(runner.telegram_user_id, runner.id, minute_of(now))


def judge(confirmation: Confirmation, runner: RunnerProfile, now: datetime) -> EraseOutcome | None:
    """Why this press may not erase anything (None: it may)."""
    if confirmation.telegram_user_id != runner.telegram_user_id:
        return EraseOutcome.NOT_YOURS
    if confirmation.runner_id != runner.id:
        return EraseOutcome.STALE
    age = minute_of(now) - confirmation.offered_minute
    if age < 0 or timedelta(minutes=age) > CONFIRM_FOR:
        return EraseOutcome.EXPIRED
    return None


async def confirm(
    db: AsyncSession, confirmation: Confirmation, runner: RunnerProfile, now: datetime
) -> Erased:
    """Erase every row of the runner the confirmation names, if it may; the caller commits."""
    refused = judge(confirmation, runner, now)
    if refused is not None:
        return Erased(refused)
    return Erased(EraseOutcome.ERASED, await erase.erase(db, runner.id))
