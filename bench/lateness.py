"""``lateness``: how long after its due instant each reminder reaches Telegram, under load.

The real application is started (``Application.start``: its JobQueue ticks the dispatcher
every ``SCHEDULER_TICK_SECONDS`` = 1 s on the system clock, as in production) over
``FakeBotApi(latency=0.1)``, with a limit of 30 a second. The database holds reminders due
at spread-out instants from a few seconds ahead on: 20 a second (two thirds of the limit),
each at a random instant within its 50 ms, for 45 s (15 s with ``--quick``). The delay of a
reminder is the instant its sendMessage arrived at the fake API (wall clock) minus its due
instant; p50, p99 and the worst are reported. Target: p99 at most the tick interval + 2 s.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from bench.common import database, machine
from bench.dispatch import (
    FIRST_CHAT,
    TOKEN,
    RecordingApi,
    insert_reminders,
    insert_runners,
    prepare_schema,
    reminder_row,
)
from bot.app import build_application
from bot.config import Settings
from storage.db import create_engine

LATENCY = 0.1
LIMIT = 30.0
LOAD = 20.0  # due reminders a second
TICK = 1.0
LEAD = 4.0  # seconds from start-up to the first due instant


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


async def run(db: str, quick: bool, argv: list[str]) -> tuple[list[list[Any]], dict[str, Any]]:
    seconds = 15 if quick else 45
    count = int(LOAD * seconds)
    rng = random.Random(8)
    async with database(db) as url:
        engine = create_engine(url)
        await prepare_schema(engine)
        await insert_runners(engine, 1, count)
        start = datetime.now(UTC) + timedelta(seconds=LEAD)
        dues = {
            FIRST_CHAT + n + 1: start + timedelta(seconds=(n + rng.random()) / LOAD)
            for n in range(count)
        }
        await insert_reminders(
            engine, [reminder_row(chat - FIRST_CHAT, due) for chat, due in dues.items()]
        )
        api = RecordingApi(latency=LATENCY)
        settings = Settings(  # type: ignore[call-arg]
            database_url=url,
            send_rate_per_second=LIMIT,
            scheduler_tick_seconds=TICK,
            _env_file=None,
        )
        application = build_application(
            settings, request=api, updates_request=api, engine=engine, token=TOKEN
        )
        async with application:
            await application.start()  # the JobQueue: a tick every second, real time
            # until the last reminder is due, and a few ticks more to send it
            await asyncio.sleep(max(dues.values()).timestamp() + 3 * TICK - time.time())
            await application.stop()
        await engine.dispose()

    delays = [wall - dues[chat].timestamp() for _, wall, chat, ok in api.sends if ok]
    sent_chats = {chat for *_, chat, ok in api.sends if ok}
    missing = len(set(dues) - sent_chats)
    p50, p99 = percentile(delays, 0.50), percentile(delays, 0.99)
    worst, mean = max(delays), statistics.fmean(delays)
    rows = [
        ["due/s", "limit/s", "tick s", "reminders", "sent", "missing", "p50 s", "p99 s", "max s"],
        [LOAD, LIMIT, TICK, count, len(delays), missing, p50, p99, worst],
        [f"{db}; {seconds} s; {machine()}", "", "", "", "", "", "", "", ""],
    ]
    return rows, {
        "due_per_s": LOAD,
        "limit_per_s": LIMIT,
        "tick_s": TICK,
        "reminders": count,
        "sent": len(delays),
        "missing": missing,
        "p50_s": round(p50, 3),
        "p99_s": round(p99, 3),
        "max_s": round(worst, 3),
        "mean_s": round(mean, 3),
        "target_p99_s": TICK + 2.0,
        "db": db,
    }
