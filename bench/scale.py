"""``scale``: start-up, memory and one tick against databases of 1k to 1M runners.

For each size the parent prepares a database (every migration, then Core executemany
inserts, never the bot): N set-up runners, each with one sent reminder two days back
(history) and one pending: 1 % of them due a minute ago, 100 others due five minutes ago
(a fixed-size tick, the same at every size), the rest due over the coming week. On
PostgreSQL the tables are ANALYZEd, as autovacuum would have done in production.

Then a fresh process per size (``python -m bench.scale child URL``), so memory is its own:

* **start-up**: what ``legcoach run`` does before serving: the migration check (``alembic
  upgrade head``, a no-op on an up-to-date database), ``build_application``, ``initialize``
  and ``post_init``. Nothing there reads the runners.
* **memory**: resident set size (``/proc/self/statm``) after start-up, and the peak after
  the ticks (``getrusage``).
* **ticks**: the dispatcher the application registers, over the fake Bot API answering at
  once with a limit of 100,000 a second, so the tick measures legcoach's own cost and not
  the rate limit: first the fixed 100 due reminders, then the 1 %.

Sizes: 1k, 10k, 100k (and 1M with ``--db postgres``); ``--quick`` 1k and 10k;
``--sizes 1000,50000`` overrides.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text

from bench.common import database, machine
from bench.dispatch import (
    TOKEN,
    insert_reminders,
    insert_runners,
    prepare_schema,
    reminder_row,
)
from content.reminders import ReminderStatus
from storage.db import create_engine

FIXED_DUE = 100
HIGH_LIMIT = 100_000.0


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def process_age_s() -> float:
    """Seconds since this process started (interpreter start-up and imports so far)."""
    with open("/proc/self/stat") as stat:
        started_ticks = int(stat.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as uptime:
        up = float(uptime.read().split()[0])
    return up - started_ticks / os.sysconf("SC_CLK_TCK")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def seed(url: str, size: int, now: datetime) -> None:
    engine = create_engine(url)
    await prepare_schema(engine)
    await insert_runners(engine, 1, size)
    due_now = max(1, size // 100)
    week = timedelta(days=7).total_seconds()
    rows: list[dict[str, Any]] = []
    for n in range(1, size + 1):
        history = reminder_row(n, now - timedelta(days=2))
        history |= {"status": ReminderStatus.SENT, "sent_at": history["due_at"], "message_id": 1}
        rows.append(history)
        if n <= FIXED_DUE:
            due = now - timedelta(minutes=5)
        elif n <= FIXED_DUE + due_now:
            due = now - timedelta(minutes=1)
        else:
            due = now + timedelta(seconds=60 + (n * 7919 % 1000) / 1000 * week)
        rows.append(reminder_row(n, due))
        if len(rows) >= 20_000:
            await insert_reminders(engine, rows)
            rows = []
    await insert_reminders(engine, rows)
    if engine.dialect.name == "postgresql":
        async with engine.connect() as connection:
            await connection.execute(text("ANALYZE runner"))
            await connection.execute(text("ANALYZE reminder"))
            await connection.commit()
    await engine.dispose()


async def claim_plan(url: str, now: datetime) -> str:
    """The database's plan for the claim's candidate query (index or scan?)."""
    engine = create_engine(url)
    at = now.isoformat(sep=" ")
    query = (
        "SELECT id FROM reminder WHERE status IN ('pending', 'claimed') "
        f"AND due_at <= '{at}' AND (claimed_until IS NULL OR claimed_until <= '{at}') "
        "ORDER BY due_at LIMIT 500"
    )
    explain = "EXPLAIN " if engine.dialect.name == "postgresql" else "EXPLAIN QUERY PLAN "
    async with engine.connect() as connection:
        rows = (await connection.execute(text(explain + query))).all()
    await engine.dispose()
    return " | ".join(str(row[-1]).strip() for row in rows)


async def child(url: str, now_iso: str) -> dict[str, Any]:
    """One fresh bot process on a prepared database: start-up, memory, two ticks."""
    # (imported here, in the child process: ``imports_s`` measures them)
    from bot.app import build_application, services_of
    from bot.cli import migrate
    from bot.clock import ManualClock
    from bot.config import Settings
    from bot.offline import FakeBotApi

    imports_s = process_age_s()  # the interpreter and every import, up to here
    now = datetime.fromisoformat(now_iso)
    clock = ManualClock(now - timedelta(minutes=4))
    api = FakeBotApi()
    settings = Settings(database_url=url, _env_file=None)  # type: ignore[call-arg]
    # Far above Telegram's 1,000/s (which the setting caps): the tick then measures our own
    # cost, not the rate limit.
    settings = settings.model_copy(update={"send_rate_per_second": HIGH_LIMIT})
    started = time.perf_counter()
    await migrate(settings)
    application = build_application(
        settings, request=api, updates_request=api, clock=clock, token=TOKEN
    )
    await application.initialize()
    await application.post_init(application)  # type: ignore[misc]
    startup_s = time.perf_counter() - started
    rss_started = rss_mb()
    dispatcher = services_of(application).dispatcher
    ticked = time.perf_counter()
    fixed = await dispatcher.tick(clock.now())
    fixed_s = time.perf_counter() - ticked
    clock.set(now)
    ticked = time.perf_counter()
    due = await dispatcher.tick(clock.now())
    due_s = time.perf_counter() - ticked
    rss_ticked = rss_mb()
    await application.shutdown()
    await application.post_shutdown(application)  # type: ignore[misc]
    return {
        "imports_s": round(imports_s, 3),
        "startup_s": round(startup_s, 3),
        "rss_mb": round(rss_started, 1),
        "rss_after_ticks_mb": round(rss_ticked, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "fixed_tick_sent": fixed.sent,
        "fixed_tick_s": round(fixed_s, 3),
        "due_tick_sent": due.sent,
        "due_tick_s": round(due_s, 3),
    }


async def measure(db: str, size: int) -> dict[str, Any]:
    now = datetime.now(UTC).replace(microsecond=0)
    async with database(db) as url:
        seeded = time.perf_counter()
        await seed(url, size, now)
        seed_s = time.perf_counter() - seeded
        plan = await claim_plan(url, now)
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.scale",
            "child",
            url,
            now.isoformat(),
            stdout=asyncio.subprocess.PIPE,
        )
        out, _ = await process.communicate()
        if process.returncode:
            raise RuntimeError(f"the bot process failed at {size} runners")
    result: dict[str, Any] = json.loads(out.decode().strip().splitlines()[-1])
    result |= {"runners": size, "seed_s": round(seed_s, 1), "claim_plan": plan}
    result["due_tick_us_per_reminder"] = round(
        result["due_tick_s"] / max(1, result["due_tick_sent"]) * 1e6
    )
    return result


async def run(db: str, quick: bool, argv: list[str]) -> tuple[list[list[Any]], dict[str, Any]]:
    parser = argparse.ArgumentParser(prog="python -m bench scale")
    parser.add_argument("--sizes", help="comma-separated runner counts")
    args = parser.parse_args(argv)
    if args.sizes:
        sizes = [int(size) for size in args.sizes.split(",")]
    elif quick:
        sizes = [1_000, 10_000]
    else:
        sizes = [1_000, 10_000, 100_000] + ([1_000_000] if db == "postgres" else [])
    results = [await measure(db, size) for size in sizes]
    rows: list[list[Any]] = [
        [
            "runners",
            "start-up s",
            "RSS MB",
            "RSS ticked",
            "peak MB",
            "tick 100 due s",
            "1% due",
            "tick 1% s",
            "us/reminder",
            "imports s",
        ]
    ]
    for r in results:
        rows.append(
            [
                r["runners"],
                r["startup_s"],
                r["rss_mb"],
                r["rss_after_ticks_mb"],
                r["peak_rss_mb"],
                r["fixed_tick_s"],
                r["due_tick_sent"],
                r["due_tick_s"],
                r["due_tick_us_per_reminder"],
                r["imports_s"],
            ]
        )
    rows.append([f"{db}; {machine()}"] + [""] * 9)
    first, last = results[0], results[-1]
    return rows, {
        "db": db,
        "sizes": results,
        "startup_ratio_last_first": round(last["startup_s"] / first["startup_s"], 2),
        "rss_growth_mb": round(last["rss_mb"] - first["rss_mb"], 1),
        "fixed_tick_ratio_last_first": round(last["fixed_tick_s"] / first["fixed_tick_s"], 2),
    }


if __name__ == "__main__":
    _, role, child_url, child_now = sys.argv
    assert role == "child"
    print(json.dumps(asyncio.run(child(child_url, child_now))))
