"""Races make one of everything (issue 11, points 2 and 3): on SQLite, and on two bot
instances sharing one PostgreSQL database."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select, text

from bot.clock import ManualClock
from bot.offline import ChatDriver, FakeBotApi
from storage import migrate
from storage.db import create_engine
from storage.models import LegSession, Runner
from tests.factories import onboard
from tests.harness import DEFAULT_NOW, BotHarness, running_bot, sqlite_url


async def _count(bot: BotHarness, model: type, **where: object) -> int:
    async with bot.session() as db:
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return int(await db.scalar(query) or 0)


def _apologies(bot: BotHarness, runner: ChatDriver) -> list[str]:
    said = [call.params.get("text") or "" for call in bot.api.calls_to("answerCallbackQuery")]
    said += runner.texts_since(0)
    return [text for text in said if "went wrong" in text]


@asynccontextmanager
async def _second_instance(first: BotHarness) -> AsyncIterator[BotHarness]:
    """Another bot process on the same database and the same Telegram."""
    url = first.engine.url.render_as_string(hide_password=False)
    engine = create_engine(url)
    second = BotHarness(engine=engine, clock=first.clock, api=first.api, settings=first.settings)
    await second.start()
    try:
        yield second
    finally:
        await second.stop()
        await engine.dispose()


async def _double_tap_start(bot: BotHarness, other: BotHarness | None) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("profile")
    plan = bot.api.last_message(runner.chat_id)
    data = next(
        b.callback_data for row in plan.buttons for b in row if b.label.startswith("Start")
    )
    assert data is not None
    twin = runner
    if other is not None:
        twin = ChatDriver(other.application, bot.api, runner.user_id, first_name="Alex")
    await asyncio.gather(
        runner.press_data(plan.message_id, data), twin.press_data(plan.message_id, data)
    )
    assert await _count(bot, LegSession, status="active") == 1
    assert not _apologies(bot, runner)
    texts = runner.texts_since(0)
    # the loser was answered with the current card
    assert sum("1/5 Squat jump" in t for t in texts) == 2
    assert any("You have a session going" in t for t in texts)
    await runner.command("stop")
    assert await _count(bot, LegSession, status="active") == 0


async def test_a_double_tap_on_start_makes_one_session_on_sqlite(bot: BotHarness) -> None:
    await _double_tap_start(bot, None)


async def test_a_double_tap_on_two_instances_makes_one_session(pg_bot: BotHarness) -> None:
    async with _second_instance(pg_bot) as other:
        await _double_tap_start(pg_bot, other)


async def _two_first_updates(bot: BotHarness, other: BotHarness | None) -> None:
    runner = bot.runner()
    twin = runner
    if other is not None:
        twin = ChatDriver(other.application, bot.api, runner.user_id, first_name="Alex")
    await asyncio.gather(runner.command("start"), twin.send("hello"))
    assert await _count(bot, Runner) == 1
    assert not _apologies(bot, runner)


async def test_two_first_updates_of_a_new_user_make_one_runner_on_sqlite(
    bot: BotHarness,
) -> None:
    await _two_first_updates(bot, None)


async def test_two_first_updates_on_two_instances_make_one_runner(pg_bot: BotHarness) -> None:
    async with _second_instance(pg_bot) as other:
        for _ in range(5):  # a few rounds, so the inserts really overlap at least once
            await _two_first_updates(pg_bot, other)
            async with pg_bot.session() as db:
                await db.execute(text("DELETE FROM runner"))
                await db.commit()


async def test_the_migration_closes_duplicate_active_sessions_keeping_the_newest(
    db_url: str,
) -> None:
    engine = create_engine(db_url)
    try:
        await migrate.upgrade(engine, "0003")
        started = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO runner (id, telegram_user_id, chat_id, first_name, language, "
                    "equipment, running_days, hard_days, draft, onboarded, paused, blocked) "
                    "VALUES (1, 11, 11, 'A', 'en', '[]', '[]', '[]', '{}', true, false, false)"
                )
            )
            for session_id in (1, 2, 3):
                await connection.execute(
                    text(
                        "INSERT INTO leg_session (id, runner_id, status, warmup, "
                        "current_position, started_at) "
                        "VALUES (:id, 1, 'active', '', 0, :started)"
                    ),
                    {"id": session_id, "started": started.replace(tzinfo=None)},
                )
                await connection.execute(
                    text(
                        "INSERT INTO session_item (id, session_id, position, exercise_id, "
                        "rung_id, sets, reps, unit, per_side, status, sets_done) VALUES "
                        "(:id, :id, 0, 'squat', 'body_weight', 3, 8, 'reps', false, "
                        "'active', 0)"
                    ),
                    {"id": session_id},
                )
        await migrate.upgrade(engine)
        async with engine.connect() as connection:
            rows = (
                await connection.execute(text("SELECT id, status FROM leg_session ORDER BY id"))
            ).all()
            items = (
                await connection.execute(text("SELECT id, status FROM session_item ORDER BY id"))
            ).all()
        assert [tuple(row) for row in rows] == [(1, "stopped"), (2, "stopped"), (3, "active")]
        assert [tuple(row) for row in items] == [(1, "not_done"), (2, "not_done"), (3, "active")]
    finally:
        await engine.dispose()


async def test_two_clean_instances_on_sqlite_share_nothing_in_memory(
    tmp_path: object, pictures_dir: Path
) -> None:
    """Sanity for the helpers above: a second instance sees the first one's runner."""
    clock = ManualClock(DEFAULT_NOW)
    url = sqlite_url(tmp_path)
    async with running_bot(url, clock, pictures_dir) as bot, _second_instance(bot) as other:
        runner = bot.runner()
        await runner.command("start")
        twin = ChatDriver(other.application, bot.api, runner.user_id, first_name="Alex")
        await twin.press("Beginner")
        assert await _count(bot, Runner, level="beginner") == 1
    assert isinstance(bot.api, FakeBotApi)
