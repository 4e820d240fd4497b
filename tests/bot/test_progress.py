"""/progress through the real Application: a PNG whose size and panels match the runner's
exercises, a sentence when there is nothing to chart, and the worker process itself."""

from __future__ import annotations

import asyncio
import io
import os
from datetime import date

import pytest
from PIL import Image
from sqlalchemy import select

from bot.charts import (
    ChartBusy,
    ChartFailed,
    ChartSpec,
    ChartWorker,
    colour,
    layout,
    layout_for,
    render_png,
)
from bot.flows.progress import (
    EXERCISE_ORDER,
    ExerciseProgress,
    Progress,
    colour_of,
    progress,
)
from bot.offline import ChatDriver
from bot.texts.chart import chart_spec
from content.library import default_library
from content.model import Unit
from storage.models import SetLog
from storage.runners import find_by_telegram_id
from tests.bot.test_history import do_session
from tests.factories import onboard
from tests.harness import BotHarness

LIBRARY = default_library()


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


async def logged_exercises(bot: BotHarness, runner: ChatDriver) -> set[str]:
    async with bot.session() as db:
        profile = await find_by_telegram_id(db, runner.user_id)
        assert profile is not None
        rows = await db.scalars(select(SetLog.exercise_id).where(SetLog.runner_id == profile.id))
        return set(rows)


async def test_a_runner_with_no_sessions_gets_a_sentence_not_a_chart(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("progress")
    assert "Nothing to chart yet" in runner.last_text
    assert bot.api.calls_to("sendPhoto") == []


async def test_the_chart_is_a_png_with_one_panel_per_exercise_done(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await do_session(bot, runner, skip=True)  # the second exercise skipped: no sets
    done = await logged_exercises(bot, runner)
    assert len(done) == 4

    await runner.command("progress")
    photo = runner.last_message
    assert photo.upload is not None and photo.kind == "photo"
    assert "Your progress" in (photo.plain_caption or "")
    async with bot.session() as db:
        profile = await find_by_telegram_id(db, runner.user_id)
        assert profile is not None
        found = await progress(db, LIBRARY, profile, bot.clock.now())
    assert found is not None
    grid = layout(chart_spec(found, LIBRARY))
    assert grid.exercise_panels == len(done) and grid.panels == len(done) + 2
    with Image.open(io.BytesIO(photo.upload)) as image:
        image.load()
        expected = layout_for(len(done))
        assert expected == grid
        assert image.format == "PNG"
        assert image.size == (expected.width, expected.height) == (1080, expected.height)
        colours = {found for _count, found in image.convert("RGB").getcolors(1 << 20) or []}
    for exercise_id in EXERCISE_ORDER:
        tint = rgb(colour(colour_of(LIBRARY, exercise_id)))
        # each exercise done has its panel, drawn in its own colour; the others have none
        assert (tint in colours) == (exercise_id in done), exercise_id


def small_spec() -> ChartSpec:
    data = Progress(
        weeks=(date(2026, 11, 16), date(2026, 11, 23)),
        exercises=(ExerciseProgress("squat", 1, 6, (Unit.REPS,), ((0.5, 1, 8), (1.5, 2, 9))),),
        sessions=(1, 2),
        planned=2,
        contacts=(0, 30),
        jump_colour=0,
    )
    return chart_spec(data, LIBRARY)


async def test_the_worker_draws_in_another_process_and_survives_a_crash() -> None:
    spec = small_spec()
    worker = ChartWorker()
    try:
        first, second = await asyncio.gather(worker.render(spec), worker.render(spec))
        assert first == second == render_png(spec)  # the same picture as drawn in-process
        pool = worker._pool
        assert pool is not None
        (process,) = pool._processes.values()  # type: ignore[attr-defined]
        assert process.pid != os.getpid()
        process.kill()
        process.join()
        with pytest.raises(ChartFailed):
            await worker.render(spec)
        again = await worker.render(spec)  # a fresh worker took over
        with Image.open(io.BytesIO(again)) as image:
            assert image.size == (layout(spec).width, layout(spec).height)
    finally:
        await worker.close()
    assert not worker.started


async def test_too_many_charts_waiting_are_turned_away() -> None:
    worker = ChartWorker(max_waiting=1)
    spec = small_spec()
    try:
        first = asyncio.ensure_future(worker.render(spec))
        await asyncio.sleep(0)  # the first is waiting on the worker now
        with pytest.raises(ChartBusy):
            await worker.render(spec)
        assert (await first).startswith(b"\x89PNG")
    finally:
        await worker.close()
