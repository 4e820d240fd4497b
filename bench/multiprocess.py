"""``multiprocess``: two bot processes dispatching from one PostgreSQL database together.

The parent seeds due reminders (Core inserts), then starts two OS processes running
``python -m bench.multiprocess child ...``. Each builds the real application over its own
fake Bot API (``FakeBotApi(latency=0.1)``: a fake cannot be shared across processes) and
ticks the dispatcher the application registers, which on PostgreSQL paces its sends over the
send budget shared through the database (``storage.sendbudget``). Both start at one agreed
wall-clock instant. Each child writes every sendMessage with its wall-clock arrival instant
to a file; the parent merges the two and checks the combined traffic as Telegram would see
it: the rate over the sending window (first arrival to last, either process), the most
arrivals in any one second against the one global limit, and every reminder sent exactly
once (duplicates and lost counted per chat).

PostgreSQL only (SQLite assumes one bot process); ``--db`` is ignored.
"""

from __future__ import annotations

import asyncio
import json
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bench.common import database, machine
from bench.dispatch import (
    FIRST_CHAT,
    TOKEN,
    RecordingApi,
    delivery_counts,
    insert_reminders,
    insert_runners,
    max_in_window,
    prepare_schema,
    reminder_row,
)
from bot.app import build_application, services_of
from bot.clock import SystemClock
from bot.config import Settings
from storage.db import create_engine

LATENCY = 0.1
PROCESSES = 2


async def child(url: str, limit: float, out: Path, start_at: float) -> None:
    """One bot process: the application's dispatcher, one tick, sends written to ``out``."""
    api = RecordingApi(latency=LATENCY)
    settings = Settings(  # type: ignore[call-arg]
        database_url=url, send_rate_per_second=limit, _env_file=None
    )
    application = build_application(settings, request=api, updates_request=api, token=TOKEN)
    async with application:
        dispatcher = services_of(application).dispatcher
        await asyncio.sleep(max(0.0, start_at - time.time()))
        started = time.time()
        report = await dispatcher.tick(SystemClock().now())
        limiter = dispatcher.limiter
    stats = {
        "limiter": type(limiter).__name__,
        "grants": getattr(limiter, "grants", 0),
        "stale": limiter.stale,
        "late_sends": getattr(limiter, "late_sends", 0),
        "claimed": report.claimed,
        "sent": report.sent,
        "late_start_s": round(started - start_at, 3),
    }
    lines = [json.dumps(stats)]
    lines += [json.dumps([wall, chat, ok]) for _, wall, chat, ok in api.sends]
    _write_lines(out, lines)


def _write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n")


def _read_lines(path: Path) -> list[str]:
    return path.read_text().splitlines()


async def run_pair(url: str, limit: float, count: int, folder: Path) -> dict[str, Any]:
    engine = create_engine(url)
    await prepare_schema(engine)
    await insert_runners(engine, 1, count)
    due = datetime.now(UTC) - timedelta(seconds=1)
    await insert_reminders(engine, [reminder_row(n, due) for n in range(1, count + 1)])
    await engine.dispose()
    expected = Counter(FIRST_CHAT + n for n in range(1, count + 1))

    start_at = time.time() + 4.0  # both processes imported and connected by then
    outs = [folder / f"sends-{limit:g}-{n}.jsonl" for n in range(PROCESSES)]
    children = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.multiprocess",
            "child",
            url,
            str(limit),
            str(out),
            repr(start_at),
        )
        for out in outs
    ]
    codes = [await process.wait() for process in children]
    if any(codes):
        raise RuntimeError(f"a dispatching process failed: exit codes {codes}")

    sends: list[tuple[float, float, int, bool]] = []
    shares: list[int] = []
    stats: list[dict[str, Any]] = []
    for out in outs:
        first, *rest = _read_lines(out)
        stats.append(json.loads(first))
        mine = [(wall, wall, int(chat), bool(ok)) for wall, chat, ok in map(json.loads, rest)]
        shares.append(sum(1 for *_, ok in mine if ok))
        sends += mine
    stamps = sorted(at for at, _, _, ok in sends if ok)
    window = stamps[-1] - stamps[0] if len(stamps) > 1 else 0.0
    achieved = (len(stamps) - 1) / window if window else 0.0
    duplicates, lost = delivery_counts(expected, sends)
    return {
        "limit_per_s": limit,
        "reminders": count,
        "achieved_per_s": round(achieved, 2),
        "efficiency": round(achieved / limit, 3),
        "max_in_any_1s": max_in_window(stamps),
        "duplicates": duplicates,
        "lost": lost,
        "per_process_sent": shares,
        "window_s": round(window, 2),
        "limiter": stats[0]["limiter"],
        "grants": [s["grants"] for s in stats],
        "stale_slots": [s["stale"] for s in stats],
        "late_sends": [s["late_sends"] for s in stats],
        "claimed": [s["claimed"] for s in stats],
    }


async def run(db: str, quick: bool, argv: list[str]) -> tuple[list[list[Any]], dict[str, Any]]:
    plan = [(30.0, 300), (1000.0, 2000)] if quick else [(30.0, 1500), (1000.0, 10_000)]
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="legcoach-mp-") as folder:
        for limit, count in plan:
            async with database("postgres") as url:
                results.append(await run_pair(url, limit, count, Path(folder)))
    rows: list[list[Any]] = [
        [
            "limit/s",
            "reminders",
            "sent A+B",
            "window s",
            "combined/s",
            "efficiency",
            "max in 1 s",
            "dup",
            "lost",
            "grants A/B",
            "stale A/B",
        ]
    ]
    for r in results:
        rows.append(
            [
                r["limit_per_s"],
                r["reminders"],
                "+".join(map(str, r["per_process_sent"])),
                r["window_s"],
                r["achieved_per_s"],
                f"{r['efficiency']:.3f}",
                r["max_in_any_1s"],
                r["duplicates"],
                r["lost"],
                "/".join(map(str, r["grants"])),
                "/".join(map(str, r["stale_slots"])),
            ]
        )
    rows.append([f"postgres, 2 processes; {machine()}"] + [""] * 10)
    slow, fast = results
    return rows, slow | {"db": "postgres", "processes": PROCESSES, "paid_broadcast": fast}


if __name__ == "__main__":
    _, role, child_url, child_limit, child_out, child_start = sys.argv
    assert role == "child"
    asyncio.run(child(child_url, float(child_limit), Path(child_out), float(child_start)))
