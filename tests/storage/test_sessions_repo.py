"""The session repository on SQLite and PostgreSQL, on the migrated schema (not create_all)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from content.model import Prescription, Unit
from storage import migrate, sessions
from storage.db import create_engine, create_sessionmaker
from storage.fast import FastPath
from storage.models import SetLog
from tests.factories import make_runner

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
PLAN = [
    Prescription("squat_jump", "body_weight", 3, 6, Unit.CONTACTS, False),
    Prescription("moving_lunge", "body_weight", 2, 8, Unit.REPS, True),
]


async def test_log_set_is_one_atomic_idempotent_statement(db_url: str) -> None:
    engine = create_engine(db_url)
    autocommit = create_engine(db_url, isolation_level="AUTOCOMMIT")
    fast = FastPath(autocommit)
    try:
        await migrate.upgrade(engine)
        async with create_sessionmaker(engine)() as db:
            runner = await make_runner(db)
            other = await make_runner(db)
            # another runner's session in the same tables: counts must not mix
            await sessions.create(db, other.id, warmup="w", items=PLAN * 2, now=NOW)
            session = await sessions.create(db, runner.id, warmup="w", items=PLAN, now=NOW)
            await db.commit()
        first = session.items[0]
        logged = await sessions.log_set(
            fast,
            item_id=first.id,
            telegram_user_id=runner.telegram_user_id,
            expected_done=0,
            now=NOW,
        )
        assert logged is not None
        item, total = logged.item, logged.total
        assert (item.sets_done, item.sets, total) == (1, 3, 2)
        assert logged.rest_timer is True
        # a double tap (same expected count) and someone else's press change nothing
        assert (
            await sessions.log_set(
                fast,
                item_id=first.id,
                telegram_user_id=runner.telegram_user_id,
                expected_done=0,
                now=NOW,
            )
            is None
        )
        assert (
            await sessions.log_set(
                fast,
                item_id=first.id,
                telegram_user_id=other.telegram_user_id,
                expected_done=1,
                now=NOW,
            )
            is None
        )
        # the next exercise is not current yet
        assert (
            await sessions.log_set(
                fast,
                item_id=session.items[1].id,
                telegram_user_id=runner.telegram_user_id,
                expected_done=0,
                now=NOW,
            )
            is None
        )
        async with create_sessionmaker(engine)() as db:
            logs = list(await db.scalars(select(SetLog)))
            assert await db.scalar(select(func.count()).select_from(SetLog)) == 1
        log = logs[0]
        assert (log.runner_id, log.exercise_id, log.set_number, log.reps) == (
            runner.id,
            "squat_jump",
            1,
            6,
        )
        assert log.logged_at == NOW and log.side is None
    finally:
        await fast.close()
        await autocommit.dispose()
        await engine.dispose()


async def test_finish_closes_open_items_and_only_once(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        await migrate.upgrade(engine)
        async with create_sessionmaker(engine)() as db:
            runner = await make_runner(db)
            session = await sessions.create(db, runner.id, warmup="w", items=PLAN, now=NOW)
            assert await sessions.finish(db, session.id, sessions.STOPPED, NOW)
            assert not await sessions.finish(db, session.id, sessions.FINISHED, NOW)
            await db.commit()
            view = await sessions.load(db, session.id)
        assert view is not None and view.status == sessions.STOPPED
        assert {item.status for item in view.items} == {"not_done"}
    finally:
        await engine.dispose()
