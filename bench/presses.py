"""``presses``: every kind of press end to end, against the bare same-card handler of ``taps``.

Each figure is one kind of update through the real Application on a real database, timed
update by update (``time.perf_counter`` around ``process_update``), as presses per second; the
ratio is the bare same-card handler's rate (measured before and after, in the same run) over
it. Kinds: Harder and Easier (alternating on one exercise, with all the kit), Skip, Done,
a whole session per update (/workout, every Done, the summary), the session start, the
summary (the last Done), /profile, /next, and an onboarding answer (a level pressed from
/settings, which saves and shows the plan card).

The floor rows put the database's share in the same units: one indexed one-row SELECT through
an update's ORM session (in a transaction), the smallest update transaction (begin, that
SELECT, commit), and the SELECT on the driver connection alone. Their ratio says how many
such statements cost one bare update, which is what limits the paths that must read and write
several rows (docs/PERFORMANCE.md).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select, update

from bench.common import database, machine
from bench.taps import TOKEN, _bare_rate
from bot.app import build_application
from bot.clock import ManualClock
from bot.config import Settings
from bot.offline import ChatDriver, FakeBotApi
from storage.base import Base
from storage.db import create_engine, create_sessionmaker
from storage.models import LegSession, Runner

KINDS = (
    "harder",
    "easier",
    "skip",
    "done",
    "fewer",
    "fewer_count",
    "effort",
    "session_per_update",
    "session_start",
    "summary",
    "profile",
    "next",
    "onboarding_answer",
)


class _Timer:
    def __init__(self) -> None:
        self.seconds: dict[str, list[float]] = defaultdict(list)

    async def time(self, kind: str, action: Callable[[], Awaitable[object]]) -> None:
        started = time.perf_counter()
        await action()
        self.seconds[kind].append(time.perf_counter() - started)

    def rate(self, kind: str) -> float:
        spent = self.seconds[kind]
        return len(spent) / sum(spent)


async def _onboard(driver: ChatDriver) -> None:
    await driver.command("start")
    await driver.press("Intermediate")
    for kit in ("Hip-circle band", "Long band", "Dumbbells"):
        await driver.press(kit)
    await driver.press("Done")
    for day in ("Tue", "Thu", "Sat"):
        await driver.press(day)
    await driver.press("Done")
    await driver.press("Sat")
    await driver.press("Done")
    await driver.send("07:30")
    await driver.send("Europe/Berlin")
    await driver.press("Yes")


async def _measure(url: str, rounds: int) -> _Timer:
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    clock = ManualClock(datetime(2026, 11, 25, 8, 0, tzinfo=UTC))
    api = FakeBotApi(now=lambda: clock.now().timestamp())
    settings = Settings(database_url=url, _env_file=None)  # type: ignore[call-arg]
    application = build_application(
        settings,
        request=api,
        updates_request=api,
        clock=clock,
        engine=engine,
        rate_limit=False,
        token=TOKEN,
    )
    timer = _Timer()
    async with application:
        driver = ChatDriver(application, api, 42)
        await _onboard(driver)

        async def close_sessions() -> None:
            async with engine.begin() as connection:
                await connection.execute(
                    update(LegSession)
                    .where(LegSession.status == "active")
                    .values(status="finished")
                )

        async def workout() -> None:
            await driver.command("workout")

        def next_day() -> None:
            # sessions two days apart: the spacing rule (40 h, one a day) lets each start
            clock.advance(timedelta(days=2))

        for warm in (False, True):
            sessions = 3 if not warm else rounds
            for _ in range(sessions):
                scratch = _Timer()
                target = timer if warm else scratch
                next_day()
                await target.time("session_start", workout)
                for _ in range(10):
                    await target.time("harder", lambda: driver.press("Harder"))
                    await target.time("easier", lambda: driver.press("Easier"))
                whole = target.seconds["session_start"][-1]
                updates = 1
                while "Summary" not in driver.last_text:
                    started = time.perf_counter()
                    label = "Just right" if "How did it feel?" in driver.last_text else "Done"
                    await driver.press(label)
                    spent = time.perf_counter() - started
                    whole += spent
                    updates += 1
                    kind = "summary" if "Summary" in driver.last_text else "done"
                    target.seconds[kind].append(spent)
                target.seconds["session_per_update"].extend([whole / updates] * updates)
                next_day()
                first = api.last_message(42).message_id  # this session's messages follow
                await target.time("session_start", workout)
                # a session told set by set: Fewer, a count, and how each exercise felt
                while "Summary" not in driver.last_text:
                    if "How did it feel?" in driver.last_text:
                        await driver.press("Just right")  # the last one: ends the session
                        continue
                    questions = [
                        m
                        for m in api.messages(42)
                        if m.message_id > first
                        and "How did it feel?" in m.plain_text
                        and m.button_labels
                    ]
                    if questions:
                        question = questions[-1]
                        await target.time("effort", lambda q=question: driver.press("Easy", q))
                    await target.time("fewer", lambda: driver.press("Fewer"))
                    card = api.last_message(42)
                    one = next(b for row in card.buttons for b in row if b.label == "1")
                    assert one.callback_data is not None
                    data = one.callback_data
                    await target.time(
                        "fewer_count", lambda c=card, d=data: driver.press_data(c.message_id, d)
                    )
                next_day()
                await target.time("session_start", workout)
                while "Summary" not in driver.last_text:
                    started = time.perf_counter()
                    if "How did it feel?" in driver.last_text:
                        await driver.press("Just right")
                        continue
                    await driver.press("Skip")
                    if "Summary" not in driver.last_text:
                        target.seconds["skip"].append(time.perf_counter() - started)
                for _ in range(5):
                    await target.time("profile", lambda: driver.command("profile"))
                    await target.time("next", lambda: driver.command("next"))
                    await driver.command("settings")
                    await driver.press("Level")
                    await target.time("onboarding_answer", lambda: driver.press("Intermediate"))
                await close_sessions()
    assert application.post_shutdown is not None
    await application.post_shutdown(application)
    await engine.dispose()
    return timer


FLOORS = ("statement_orm", "transaction_orm", "statement_driver")


async def _floor(url: str, count: int) -> dict[str, float]:
    """Per second: one SELECT by primary key on an ORM session in a transaction, a whole
    transaction around it (begin, SELECT, commit, the session closed), and the SELECT on the
    driver connection (its SQL compiled once)."""
    engine = create_engine(url)
    sessionmaker = create_sessionmaker(engine)
    statement = select(Runner.id).where(Runner.id == bindparam("runner_id"))
    rates: dict[str, float] = {}
    try:
        async with sessionmaker() as db, db.begin():
            for _ in range(count // 10):
                await db.execute(statement, {"runner_id": 1})
            started = time.perf_counter()
            for _ in range(count):
                (await db.execute(statement, {"runner_id": 1})).first()
            rates["statement_orm"] = count / (time.perf_counter() - started)
            connection = await db.connection()
            driver = (await connection.get_raw_connection()).driver_connection
            assert driver is not None
            sql = str(statement.compile(dialect=engine.dialect))
            sqlite = engine.dialect.name == "sqlite"
            sql = sql.replace(":runner_id" if sqlite else "%(runner_id)s", "?" if sqlite else "$1")
            started = time.perf_counter()
            for _ in range(count):
                if sqlite:
                    await driver.execute_fetchall(sql, (1,))
                else:
                    await driver.fetchrow(sql, 1)
            rates["statement_driver"] = count / (time.perf_counter() - started)
        started = time.perf_counter()
        for _ in range(count // 4):
            async with sessionmaker() as db, db.begin():
                (await db.execute(statement, {"runner_id": 1})).first()
        rates["transaction_orm"] = (count // 4) / (time.perf_counter() - started)
    finally:
        await engine.dispose()
    return rates


async def run(db: str, quick: bool, argv: list[str]) -> tuple[list[list[Any]], dict[str, Any]]:
    rounds = 4 if quick else 30
    bare_presses = 300 if quick else 3000
    bare = [await _bare_rate(bare_presses, "card")]
    async with database(db) as url:
        timer = await _measure(url, rounds)
        floors = await _floor(url, 400 if quick else 4000)
    bare.append(await _bare_rate(bare_presses, "card"))
    baseline = sum(bare) / 2
    rows: list[list[Any]] = [["press", "updates/s", "ratio to bare same-card", "updates"]]
    result: dict[str, Any] = {"db": db, "bare_per_s": round(baseline, 1), "kinds": {}}
    for kind in KINDS:
        rate = timer.rate(kind)
        ratio = baseline / rate
        rows.append([kind, rate, ratio, len(timer.seconds[kind])])
        result["kinds"][kind] = {"per_s": round(rate, 1), "ratio": round(ratio, 2)}
    result["floor"] = {}
    for name in FLOORS:
        rate = floors[name]
        rows.append([f"floor: {name}", rate, baseline / rate, ""])
        result["floor"][name] = {"per_s": round(rate, 1), "ratio": round(baseline / rate, 2)}
    rows.append(["bare handler, same card", baseline, 1.0, bare_presses])
    rows.append([machine(), "", "", ""])
    return rows, result
