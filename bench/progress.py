"""``progress``: a year of history charted, and other runners' presses while charts render.

One runner has a year of leg sessions (three a week, five exercises, three sets each, the
rungs and reps climbing), stored directly; twenty others are onboarded through the chat and
each has a session running with endless sets. Through the real Application on a real
database, with the chart worker warmed first (``ChartWorker.warm``):

- *chart*: the worker's round trip for the year's chart (the spec pickled over, drawn,
  the PNG back), and ``/progress`` end to end (read the sets, build the spec, render, send
  the photo to the fake Bot API), with the CPU it costs the bot's own process (what the
  event loop and its threads pay; the drawing is the worker's);
- *latency*: Done presses of the other runners, one at a time, each timed around
  ``process_update``, first with nothing else running, then while a task asks for the
  year's chart over and over, then both again (the machine is shared and noisy: the two
  conditions alternate in the same run).
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, update

from bench.common import database, machine
from bench.taps import TOKEN
from bot.app import build_application
from bot.charts import ChartWorker, layout
from bot.clock import ManualClock
from bot.config import Settings
from bot.flows.progress import progress
from bot.handlers.progress import worker_of
from bot.offline import ChatDriver, FakeBotApi
from bot.texts.chart import chart_spec
from content import ladder
from content.library import default_library
from content.model import Level
from content.session import choose_exercises
from storage import runners
from storage.base import Base
from storage.db import create_engine, create_sessionmaker
from storage.models import LegSession, SessionItem, SetLog

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
WEEKS = 52
OTHERS = 20
YEAR_USER = 4242


async def _seed_year(engine: Any, user_id: int) -> int:
    """A runner with a year of sessions on Tue, Thu and Sat; returns the set count."""
    library = default_library()
    sessionmaker = create_sessionmaker(engine)
    async with sessionmaker() as db:
        profile, _ = await runners.get_or_create(
            db, telegram_user_id=user_id, chat_id=user_id, first_name="Year"
        )
        await runners.update_runner(
            db,
            profile.id,
            level=Level.INTERMEDIATE,
            running_days=[0, 2, 4, 6],
            hard_days=[6],
            time_zone="Europe/Berlin",
            onboarded=True,
        )
        runner_id = profile.id
        await db.commit()
    first_monday = (NOW - timedelta(weeks=WEEKS)).date()
    first_monday -= timedelta(days=first_monday.weekday())
    sets = 0
    number = 0
    async with engine.begin() as connection:
        for week in range(WEEKS):
            for weekday in (1, 3, 5):
                started = datetime.combine(
                    first_monday + timedelta(weeks=week, days=weekday),
                    datetime.min.time(),
                    UTC,
                ) + timedelta(hours=17)
                session_id = (
                    await connection.execute(
                        insert(LegSession)
                        .values(
                            runner_id=runner_id,
                            status="finished",
                            warmup="",
                            current_position=5,
                            started_at=started,
                            finished_at=started + timedelta(minutes=25),
                        )
                        .returning(LegSession.id)
                    )
                ).scalar_one()
                logs = []
                for position, exercise_id in enumerate(
                    choose_exercises(Level.INTERMEDIATE, number)
                ):
                    exercise = library.get(exercise_id)
                    rung_index = min(len(exercise.ladder) - 1, week // 9)
                    rung = exercise.ladder[rung_index]
                    dose = ladder.prescription(exercise, rung)
                    span = rung.rep_max - rung.rep_min + 1
                    reps = rung.rep_min + (week * 3 + weekday) % span
                    item_id = (
                        await connection.execute(
                            insert(SessionItem)
                            .values(
                                session_id=session_id,
                                position=position,
                                exercise_id=exercise_id,
                                rung_id=rung.id,
                                sets=dose.sets,
                                reps=reps,
                                unit=str(dose.unit),
                                per_side=dose.per_side,
                                status="done",
                                sets_done=dose.sets,
                            )
                            .returning(SessionItem.id)
                        )
                    ).scalar_one()
                    for set_number in range(1, dose.sets + 1):
                        logs.append(
                            {
                                "session_id": session_id,
                                "item_id": item_id,
                                "runner_id": runner_id,
                                "exercise_id": exercise_id,
                                "rung_id": rung.id,
                                "set_number": set_number,
                                "reps": reps,
                                "unit": str(dose.unit),
                                "side": "each" if dose.per_side else None,
                                "logged_at": started + timedelta(minutes=2 * len(logs)),
                            }
                        )
                await connection.execute(insert(SetLog), logs)
                sets += len(logs)
                number += 1
    return sets


async def _onboard(driver: ChatDriver) -> None:
    await driver.command("start")
    await driver.press("Beginner")
    await driver.press("None")
    await driver.press("Done")
    await driver.press("Tue")
    await driver.press("Done")
    await driver.press("None")
    await driver.send("07:30")
    await driver.send("Europe/Berlin")
    await driver.press("Yes")


async def _watch_loop(stop: asyncio.Event, stalls: list[float]) -> None:
    """How late a 1 ms sleep wakes up, over and over: the longest is the longest stretch
    the event loop was held (by our code, or by the OS giving the process no core)."""
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(0.001)
        stalls.append(time.perf_counter() - started - 0.001)


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def run(db: str, quick: bool, argv: list[str]) -> tuple[list[list[Any]], dict[str, Any]]:
    charts = 5 if quick else 15
    presses = 100 if quick else 600
    async with database(db) as url:
        engine = create_engine(url)
        async with engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        sets = await _seed_year(engine, YEAR_USER)
        clock = ManualClock(NOW)
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
        async with application:
            worker: ChartWorker = worker_of(application)
            started = time.perf_counter()
            await worker.warm()
            warm_up = time.perf_counter() - started
            year = ChatDriver(application, api, YEAR_USER)
            others = [ChatDriver(application, api, 5000 + n) for n in range(OTHERS)]
            for driver in others:
                await _onboard(driver)
                await driver.command("workout")
            async with engine.begin() as connection:
                await connection.execute(update(SessionItem).values(sets=10_000_000))
            # the year's chart: the worker alone, then /progress end to end
            sessionmaker = create_sessionmaker(engine)
            async with sessionmaker() as session:
                profile = await runners.find_by_telegram_id(session, YEAR_USER)
                assert profile is not None
                found = await progress(session, default_library(), profile, NOW)
            assert found is not None
            spec = chart_spec(found, default_library())
            render: list[float] = []
            for _ in range(charts):
                started = time.perf_counter()
                png = await worker.render(spec)
                render.append(time.perf_counter() - started)
            end_to_end: list[float] = []
            main_cpu: list[float] = []
            stalls: list[float] = []
            watching = asyncio.Event()
            watch = asyncio.create_task(_watch_loop(watching, stalls))
            for _ in range(charts):
                started, cpu = time.perf_counter(), time.process_time()
                await year.command("progress")
                end_to_end.append(time.perf_counter() - started)
                main_cpu.append(time.process_time() - cpu)
            watching.set()
            await watch
            assert year.last_message.upload is not None
            for driver in others:  # warm the press path
                for _ in range(5):
                    await driver.press("Done")

            async def presses_timed() -> list[float]:
                spent = []
                for number in range(presses):
                    driver = others[number % OTHERS]
                    started = time.perf_counter()
                    await driver.press("Done")
                    spent.append(time.perf_counter() - started)
                return spent

            async def charting(stop: asyncio.Event, drawn: list[int]) -> None:
                while not stop.is_set():
                    await year.command("progress")
                    drawn[0] += 1

            quiet: list[float] = []
            busy: list[float] = []
            drawn = [0]
            for _round in range(2):
                quiet += await presses_timed()
                stop = asyncio.Event()
                task = asyncio.create_task(charting(stop, drawn))
                await asyncio.sleep(0.05)  # the first chart is on its way
                busy += await presses_timed()
                stop.set()
                await task
        assert application.post_shutdown is not None
        await application.post_shutdown(application)
        await engine.dispose()
    grid = layout(spec)
    rows: list[list[Any]] = [["what", "n", "p50 ms", "p90 ms", "p99 ms", "max ms"]]
    rows.append(["chart, worker round trip", charts, *_figures(render)])
    rows.append(["/progress end to end", charts, *_figures(end_to_end)])
    rows.append(["/progress, CPU of the bot's own process", charts, *_figures(main_cpu)])
    rows.append(["event loop held, while /progress ran", len(stalls), *_figures(stalls)])
    rows.append(["Done press, no chart rendering", len(quiet), *_figures(quiet)])
    rows.append([f"Done press, charts rendering ({drawn[0]})", len(busy), *_figures(busy)])
    rows.append(
        [f"{sets} sets, {grid.width}x{grid.height} px, {len(png):,} bytes", "", "", "", "", ""]
    )
    rows.append([f"worker start and warm-up {warm_up:.2f} s; {machine()}", "", "", "", "", ""])
    result = {
        "db": db,
        "sets": sets,
        "chart_bytes": len(png),
        "size": [grid.width, grid.height],
        "warm_up_s": round(warm_up, 3),
        "render_p50_ms": round(_ms(render, 0.5), 1),
        "render_max_ms": round(max(render) * 1000, 1),
        "progress_p50_ms": round(_ms(end_to_end, 0.5), 1),
        "progress_max_ms": round(max(end_to_end) * 1000, 1),
        "progress_bot_cpu_p50_ms": round(_ms(main_cpu, 0.5), 1),
        "loop_held_max_ms": round(max(stalls) * 1000, 1),
        "press_quiet_p50_ms": round(_ms(quiet, 0.5), 2),
        "press_quiet_p99_ms": round(_ms(quiet, 0.99), 2),
        "press_busy_p50_ms": round(_ms(busy, 0.5), 2),
        "press_busy_p99_ms": round(_ms(busy, 0.99), 2),
        "charts_during_presses": drawn[0],
    }
    return rows, result


def _figures(values: list[float]) -> list[float]:
    return [_ms(values, 0.5), _ms(values, 0.9), _ms(values, 0.99), max(values) * 1000]


__all__ = ["run"]
