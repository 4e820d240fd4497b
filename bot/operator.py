"""The operator's figures wherever they are asked for: /stats, ``/metrics`` and
``legcoach stats`` all come here, so the three always agree.

The bot's start instant is kept in the application (set when /stats is registered, on the
application's clock) for the uptime. Figures are computed at most once per
``CACHE_FOR`` in a process: a Prometheus server scraping every few seconds (or several of
them) costs the database one set of counting queries per period, not one per scrape.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import datetime, timedelta
from typing import Any, Final

from telegram.ext import Application

from bot.clock import SystemClock
from bot.config import Settings
from bot.context import services_of
from bot.flows.stats import OperatorStats, operator_stats
from bot.texts.stats import stats_lines
from storage.db import create_engine, create_sessionmaker

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

STARTED_KEY: Final = "legcoach.started_at"
CACHE_KEY: Final = "legcoach.operator_stats"
CACHE_FOR: Final = timedelta(seconds=15)


def mark_started(application: AnyApplication, now: datetime) -> None:
    application.bot_data.setdefault(STARTED_KEY, now)


def started_at(application: AnyApplication) -> datetime | None:
    found = application.bot_data.get(STARTED_KEY)
    return found if isinstance(found, datetime) else None


async def figures(application: AnyApplication, *, fresh: bool = False) -> OperatorStats:
    """The figures now (or from the last ``CACHE_FOR``, unless ``fresh``)."""
    services = services_of(application)
    now = services.clock.now()
    cached = application.bot_data.get(CACHE_KEY)
    if (
        not fresh
        and isinstance(cached, OperatorStats)
        and timedelta(0) <= now - cached.at < CACHE_FOR
    ):
        return cached
    async with services.sessionmaker() as db:
        found = await operator_stats(db, now, started_at(application))
    application.bot_data[CACHE_KEY] = found
    return found


async def _from_database(settings: Settings) -> OperatorStats:
    engine = create_engine(settings.database_url)
    try:
        async with create_sessionmaker(engine)() as db:
            return await operator_stats(db, SystemClock().now())
    finally:
        await engine.dispose()


def print_stats(settings: Settings) -> int:
    """``legcoach stats``: the figures of the database in DATABASE_URL, one per line."""
    try:
        found = asyncio.run(_from_database(settings))
    except Exception as exc:  # no database, no tables yet: say so in one line
        reason = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
        print(
            f"legcoach: could not read the figures ({type(exc).__name__}) {reason}",
            file=sys.stderr,
        )
        return 1
    for line in stats_lines(found):
        print(line)
    return 0
