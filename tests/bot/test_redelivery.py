"""A redelivered message update is handled once (issue 11, point 5), on SQLite and PostgreSQL.

Telegram delivers an update again when the bot did not confirm it before a crash; the bot
confirms only after handling, so this happens. Messages are recorded in their own transaction
and skipped when they come again; button presses are left to their state tokens.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.clock import ManualClock
from bot.flows import setup
from bot.redelivery import PRUNE_JOB, once_only_id, prune_handled_updates
from storage import handled
from storage.db import create_engine, create_sessionmaker
from storage.models import HandledUpdate, Runner
from tests.harness import DEFAULT_NOW, BotHarness, create_schema, running_bot


@pytest.fixture
async def any_bot(db_url: str, clock: ManualClock) -> AsyncIterator[BotHarness]:
    """The real bot on SQLite and on PostgreSQL."""
    async with running_bot(db_url, clock) as harness:
        yield harness


async def handled_ids(bot: BotHarness) -> list[int]:
    async with bot.session() as db:
        return list(await db.scalars(select(HandledUpdate.update_id)))


async def test_a_message_delivered_twice_is_answered_once(any_bot: BotHarness) -> None:
    runner = any_bot.runner(first_name="Robin")
    mark = runner.mark()
    update = await runner.send("/start")
    first = runner.texts_since(mark)
    assert "1/6" in first[-1]

    await any_bot.application.process_update(update)  # Telegram delivers it again
    assert runner.texts_since(mark) == first
    assert await handled_ids(any_bot) == [update.update_id]


async def test_a_redelivery_after_a_restart_is_skipped_too(any_bot: BotHarness) -> None:
    runner = any_bot.runner()
    await runner.send("/start")
    await runner.press("Beginner")
    mark = runner.mark()
    update = await runner.send("/help")
    answered = runner.texts_since(mark)  # the help, and back to the pending question
    assert "What I can do" in answered[0]
    await any_bot.restart()
    await any_bot.application.process_update(update)
    assert runner.texts_since(mark) == answered  # the redelivery said nothing more


async def test_a_failed_message_is_not_recorded_and_is_handled_again(
    any_bot: BotHarness, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = any_bot.runner()
    start = setup.start
    failures = [RuntimeError("the handler fails, once")]

    async def fails_once(*args: Any, **kwargs: Any) -> Any:
        if failures:
            raise failures.pop()
        return await start(*args, **kwargs)

    monkeypatch.setattr(setup, "start", fails_once)
    with caplog.at_level(logging.ERROR):
        update = await runner.send("/start")
    assert "handler failed" in caplog.text
    assert await handled_ids(any_bot) == []  # rolled back with the update

    mark = runner.mark()
    await any_bot.application.process_update(update)
    assert "1/6" in runner.last_text and len(runner.texts_since(mark)) == 2
    assert await handled_ids(any_bot) == [update.update_id]


async def test_button_presses_are_not_recorded(any_bot: BotHarness) -> None:
    runner = any_bot.runner()
    start = await runner.send("/start")
    await runner.press("Beginner")
    assert await handled_ids(any_bot) == [start.update_id]


def test_only_messages_are_recorded() -> None:
    from telegram import Update

    message = Update.de_json(
        {
            "update_id": 7,
            "message": {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}},
        },
        None,
    )
    press = Update.de_json(
        {
            "update_id": 8,
            "callback_query": {
                "id": "q",
                "from": {"id": 1, "is_bot": False, "first_name": "A"},
                "chat_instance": "c",
                "data": "x",
            },
        },
        None,
    )
    assert once_only_id(message) == 7
    assert once_only_id(press) is None
    assert once_only_id(object()) is None


async def test_a_copy_handled_at_the_same_moment_loses_at_record(db_url: str) -> None:
    """Two transactions record the same update: the second waits for the first and loses."""
    engine = create_engine(db_url)
    await create_schema(engine)
    sessions = create_sessionmaker(engine)
    now = DEFAULT_NOW
    try:
        async with sessions() as first, sessions() as second:
            assert await handled.record(first, 42, now)
            racing = asyncio.create_task(handled.record(second, 42, now))
            await first.commit()
            assert await racing is False
            await second.rollback()
            assert await handled.already_handled(second, 42)
    finally:
        await engine.dispose()


async def test_old_records_are_pruned_by_the_hourly_job(
    any_bot: BotHarness, clock: ManualClock
) -> None:
    runner = any_bot.runner()
    await runner.send("/start")
    jobs = any_bot.application.job_queue.get_jobs_by_name(PRUNE_JOB)
    assert len(jobs) == 1  # scheduled by post_init, once, even after restarts
    await any_bot.restart()
    assert len(any_bot.application.job_queue.get_jobs_by_name(PRUNE_JOB)) == 1

    class Context:
        application = any_bot.application

    clock.advance(handled.KEEP_FOR - timedelta(minutes=1))
    await prune_handled_updates(Context())  # type: ignore[arg-type]
    assert len(await handled_ids(any_bot)) == 1
    clock.advance(timedelta(minutes=2))
    await prune_handled_updates(Context())  # type: ignore[arg-type]
    assert await handled_ids(any_bot) == []
    async with any_bot.session() as db:  # nothing else was touched
        assert await db.scalar(select(func.count()).select_from(Runner)) == 1
