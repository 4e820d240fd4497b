"""The operator's figures as one dataclass: the same for /stats, ``legcoach stats`` and the
``/metrics`` endpoint.

Percentiles are nearest-rank over the reminders sent in the window (hand-written: a dozen
lines, where a statistics library would bring interpolation no operator reads).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib.metadata import PackageNotFoundError, version

from sqlalchemy.ext.asyncio import AsyncSession

from storage import stats
from storage.stats import ReminderFigures, RunnerFigures, SessionFigures

WINDOW = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class OperatorStats:
    at: datetime
    runners: RunnerFigures
    week_start: datetime  # Monday 00:00 UTC of this week
    sessions: SessionFigures  # started since week_start
    reminders: ReminderFigures  # due in the WINDOW before ``at``
    lateness_p50: float | None  # seconds
    lateness_p99: float | None
    database: str  # the dialect: sqlite, postgresql
    database_bytes: int | None
    uptime: timedelta | None  # None from the command line: not the bot's process
    version: str


def percentile(values: Sequence[float], fraction: float) -> float | None:
    """The nearest-rank percentile (``fraction`` 0.5 for the median); None when empty."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def package_version() -> str:
    try:
        return version("legcoach")
    except PackageNotFoundError:
        return "unknown"


async def operator_stats(
    db: AsyncSession, now: datetime, started_at: datetime | None = None
) -> OperatorStats:
    week_start = datetime.combine(
        (now - timedelta(days=now.weekday())).date(), datetime.min.time(), now.tzinfo
    )
    reminders = await stats.reminders(db, now - WINDOW, now)
    return OperatorStats(
        at=now,
        runners=await stats.runners(db, now),
        week_start=week_start,
        sessions=await stats.sessions(db, week_start),
        reminders=reminders,
        lateness_p50=percentile(reminders.lateness, 0.5),
        lateness_p99=percentile(reminders.lateness, 0.99),
        database=db.get_bind().dialect.name,
        database_bytes=await stats.database_bytes(db),
        uptime=now - started_at if started_at is not None else None,
        version=package_version(),
    )
