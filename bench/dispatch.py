"""``dispatch``: due reminders sent at the configured rate, through the real Dispatcher.

Two runs, each on a fresh database (SQLite by default, ``--db postgres``) seeded with Core
inserts: 3,000 due reminders at a limit of 30 a second, then 10,000 at 1,000 a second
(Telegram's paid broadcast). The bot is the real application (``build_application`` with its
AIORateLimiter at the same limit) over ``FakeBotApi(latency=0.1)``: every call is answered
after 100 ms, so sending one by one would reach only 10 a second. The dispatcher is the one
the application registers for its scheduler job, ticked once with the system clock, as the
job would.

Measured at the fake API, where Telegram would see the traffic: each ``sendMessage`` is
stamped when it *arrives* (before the simulated 100 ms). The achieved rate is
``(sends - 1) / (last arrival - first arrival)``: the sending window, first send to last, so
start-up and the last answer's 100 ms are not counted for or against it. Also checked: the
most sends that arrived in any one-second window (the limit must hold there too), every
reminder sent once (duplicates and lost counted against the recorded calls), and the
spacing of the chats that have two reminders due (Telegram allows one message a second per
chat).
"""

from __future__ import annotations

import bisect
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as wall_time
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from bench.common import database, machine
from bot.app import build_application, services_of
from bot.clock import SystemClock
from bot.config import Settings
from bot.offline import FakeBotApi
from content.reminders import ReminderKind, ReminderStatus
from storage import migrate
from storage.db import create_engine
from storage.models import Reminder, Runner

TOKEN = "123456:BENCH-token-not-a-real-one-xyz"
LATENCY = 0.1
FIRST_CHAT = 10_000_000
ZONE = "Europe/Berlin"


class RecordingApi(FakeBotApi):
    """The fake Bot API, stamping each sendMessage with the instant it arrived.

    ``sends`` holds ``(monotonic arrival, wall-clock arrival, chat id, ok)``: arrival is when
    Telegram would count the message against its limits, before the simulated latency.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sends: list[tuple[float, float, int, bool]] = []

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        arrived, arrived_wall = time.monotonic(), time.time()
        answer = await super().do_request(
            url,
            method,
            request_data,
            read_timeout,
            write_timeout,
            connect_timeout,
            pool_timeout,
        )
        # From the latency's end to here nothing awaits, so the last call recorded is ours.
        call = self.calls[-1]
        if call.method.lower() == "sendmessage":
            self.sends.append((arrived, arrived_wall, int(call.params["chat_id"]), call.ok))
        return answer


# -- seeding --------------------------------------------------------------------------------


def runner_row(number: int, chat_offset: int = FIRST_CHAT) -> dict[str, Any]:
    """A set-up runner (leg days Monday and Wednesday at 07:30 in Berlin), id ``number``."""
    return {
        "id": number,
        "telegram_user_id": chat_offset + number,
        "chat_id": chat_offset + number,
        "first_name": f"R{number}",
        "language": "en",
        "level": "beginner",
        "equipment": [],
        "running_days": [1, 3, 5],
        "hard_days": [5],
        "reminder_time": wall_time(7, 30),
        "time_zone": ZONE,
        "draft": {},
        "onboarded": True,
        "paused": False,
        "blocked": False,
    }


def reminder_row(
    runner_id: int, due_at: datetime, kind: str = ReminderKind.LEG_DAY
) -> dict[str, Any]:
    return {
        "runner_id": runner_id,
        "kind": kind,
        "local_date": due_at.date(),
        "due_at": due_at,
        "status": ReminderStatus.PENDING,
        "attempts": 0,
        "sent_at": None,
        "message_id": None,
    }


async def prepare_schema(engine: AsyncEngine) -> None:
    """The schema the bot runs on: every migration, as ``legcoach migrate`` applies them."""
    await migrate.upgrade(engine)


async def insert_runners(
    engine: AsyncEngine, first: int, count: int, *, chunk: int = 10_000
) -> None:
    """Runners ``first .. first + count - 1`` by Core executemany, in chunks."""
    for start in range(first, first + count, chunk):
        rows = [runner_row(n) for n in range(start, min(first + count, start + chunk))]
        async with engine.begin() as connection:
            await connection.execute(insert(Runner), rows)
    if engine.dialect.name == "postgresql":
        async with engine.begin() as connection:
            await connection.execute(
                text("SELECT setval(pg_get_serial_sequence('runner', 'id'), max(id)) FROM runner")
            )


async def insert_reminders(
    engine: AsyncEngine, rows: Sequence[dict[str, Any]], *, chunk: int = 10_000
) -> None:
    for start in range(0, len(rows), chunk):
        async with engine.begin() as connection:
            await connection.execute(insert(Reminder), list(rows[start : start + chunk]))


# -- measuring ------------------------------------------------------------------------------


@dataclass
class DispatchRun:
    """What one run measured."""

    limit: float
    reminders: int
    chats: int
    sends: int = 0
    window_s: float = 0.0
    achieved: float = 0.0
    max_in_1s: int = 0
    duplicates: int = 0
    lost: int = 0
    min_chat_gap_s: float | None = None
    tick_s: float = 0.0
    stale_slots: int = 0
    late_sends: int = 0
    statuses: dict[str, int] = field(default_factory=dict)

    @property
    def efficiency(self) -> float:
        return self.achieved / self.limit


def max_in_window(stamps: Sequence[float], window: float = 1.0) -> int:
    """The most stamps in any half-open window ``[t, t + window)`` (t at a stamp)."""
    ordered = sorted(stamps)
    return max(
        (bisect.bisect_left(ordered, at + window) - i for i, at in enumerate(ordered)), default=0
    )


def delivery_counts(
    expected: Counter[int], sends: Sequence[tuple[float, float, int, bool]]
) -> tuple[int, int]:
    """(duplicates, lost): accepted sendMessage calls per chat against reminders per chat."""
    got = Counter(chat for _, _, chat, ok in sends if ok)
    duplicates = sum(max(0, got[chat] - want) for chat, want in expected.items())
    duplicates += sum(n for chat, n in got.items() if chat not in expected)
    lost = sum(max(0, want - got[chat]) for chat, want in expected.items())
    return duplicates, lost


def min_chat_gap(sends: Sequence[tuple[float, float, int, bool]]) -> float | None:
    """The shortest time between two messages to one chat (None: no chat got two)."""
    by_chat: dict[int, list[float]] = defaultdict(list)
    for at, _, chat, _ok in sends:
        by_chat[chat].append(at)
    gaps = [
        later - earlier
        for stamps in by_chat.values()
        for earlier, later in zip(sorted(stamps), sorted(stamps)[1:], strict=False)
    ]
    return min(gaps) if gaps else None


async def run_once(url: str, limit: float, count: int, doubles: int) -> DispatchRun:
    """Seed ``count`` due reminders (``doubles`` chats get two: a leg day and a snooze) and
    send them with one tick of the application's dispatcher at ``limit`` a second."""
    engine = create_engine(url)
    await prepare_schema(engine)
    runners = count - doubles
    await insert_runners(engine, 1, runners)
    due = datetime.now(UTC) - timedelta(seconds=1)
    rows: list[dict[str, Any]] = []
    for n in range(1, runners + 1):
        rows.append(reminder_row(n, due))
        if n <= doubles:  # next in claim order: the limiter must hold it a second
            rows.append(reminder_row(n, due, ReminderKind.SNOOZE))
    await insert_reminders(engine, rows)
    expected = Counter(FIRST_CHAT + row["runner_id"] for row in rows)

    api = RecordingApi(latency=LATENCY)
    settings = Settings(  # type: ignore[call-arg]
        database_url=url, send_rate_per_second=limit, _env_file=None
    )
    application = build_application(
        settings, request=api, updates_request=api, engine=engine, token=TOKEN
    )
    async with application:
        await application.post_init(application)  # type: ignore[misc]
        dispatcher = services_of(application).dispatcher
        clock = SystemClock()
        started = time.monotonic()
        report = await dispatcher.tick(clock.now())
        tick_s = time.monotonic() - started
        late_sends = int(getattr(dispatcher.limiter, "late_sends", 0))
    async with engine.connect() as connection:
        statuses = dict(
            (
                await connection.execute(
                    select(Reminder.status, func.count())
                    .where(Reminder.due_at <= due)
                    .group_by(Reminder.status)
                )
            ).all()
        )
    await engine.dispose()

    result = DispatchRun(
        limit=limit,
        reminders=count,
        chats=runners,
        tick_s=tick_s,
        stale_slots=report.stale_slots,
        late_sends=late_sends,
    )
    result.statuses = {str(k): int(v) for k, v in statuses.items()}
    stamps = sorted(at for at, _, _, ok in api.sends if ok)
    result.sends = len(stamps)
    if len(stamps) > 1:
        result.window_s = stamps[-1] - stamps[0]
        result.achieved = (len(stamps) - 1) / result.window_s
    result.max_in_1s = max_in_window(stamps)
    result.duplicates, result.lost = delivery_counts(expected, api.sends)
    result.min_chat_gap_s = min_chat_gap(api.sends)
    return result


def table(runs: Sequence[DispatchRun], db: str) -> list[list[Any]]:
    rows: list[list[Any]] = [
        [
            "limit/s",
            "reminders",
            "sent",
            "window s",
            "achieved/s",
            "efficiency",
            "max in 1 s",
            "dup",
            "lost",
            "min chat gap s",
            "tick s",
            "stale slots",
            "late sends",
        ]
    ]
    for run in runs:
        gap = "-" if run.min_chat_gap_s is None else f"{run.min_chat_gap_s:.3f}"
        rows.append(
            [
                run.limit,
                run.reminders,
                run.sends,
                run.window_s,
                run.achieved,
                f"{run.efficiency:.3f}",
                run.max_in_1s,
                run.duplicates,
                run.lost,
                gap,
                run.tick_s,
                run.stale_slots,
                run.late_sends,
            ]
        )
    rows.append([f"{db}; {machine()}"] + [""] * 12)
    return rows


def summary(run: DispatchRun) -> dict[str, Any]:
    return {
        "limit_per_s": run.limit,
        "achieved_per_s": round(run.achieved, 2),
        "efficiency": round(run.efficiency, 3),
        "duplicates": run.duplicates,
        "lost": run.lost,
        "reminders": run.reminders,
        "max_in_any_1s": run.max_in_1s,
        "min_chat_gap_s": None if run.min_chat_gap_s is None else round(run.min_chat_gap_s, 3),
        "window_s": round(run.window_s, 2),
        "stale_slots": run.stale_slots,
        "late_sends": run.late_sends,
    }


async def run(db: str, quick: bool, argv: list[str]) -> tuple[list[list[Any]], dict[str, Any]]:
    plan = (
        [(30.0, 300, 3), (1000.0, 2000, 20)]
        if quick
        else [(30.0, 3000, 30), (1000.0, 10_000, 100)]
    )
    runs: list[DispatchRun] = []
    for limit, count, doubles in plan:
        async with database(db) as url:
            runs.append(await run_once(url, limit, count, doubles))
    slow, fast = runs
    result = summary(slow) | {"db": db, "paid_broadcast": summary(fast)}
    return table(runs, db), result
