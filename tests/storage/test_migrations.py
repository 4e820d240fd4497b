"""Migrations: the stairway (up, down, up each revision) and models matching migrations."""

from __future__ import annotations

import asyncio

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection

from storage import migrate
from storage.base import Base
from storage.db import create_engine
from tests.harness import postgres_database

TABLES = {
    "runner",
    "progression",
    "progression_event",
    "leg_session",
    "session_item",
    "set_log",
    "reminder",
    "media_file",
    "send_budget",
    "handled_update",
}


async def test_stairway(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        revisions = migrate.revisions()
        assert revisions, "no migrations found"
        previous = "base"
        for revision in revisions:
            await migrate.upgrade(engine, revision)
            assert await migrate.current(engine) == revision
            await migrate.downgrade(engine, previous)
            assert await migrate.current(engine) == (None if previous == "base" else previous)
            await migrate.upgrade(engine, revision)
            previous = revision
        async with engine.connect() as connection:
            names = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
        assert names >= TABLES
    finally:
        await engine.dispose()


async def test_models_match_migrations(db_url: str) -> None:
    """A model change without a migration fails here, not in production."""
    engine = create_engine(db_url)
    try:
        await migrate.upgrade(engine)

        def diff(connection: Connection) -> list[object]:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            return list(compare_metadata(context, Base.metadata))

        async with engine.connect() as connection:
            assert await connection.run_sync(diff) == []
    finally:
        await engine.dispose()


async def test_sqlite_is_tuned_for_a_bot(tmp_path: object) -> None:
    from sqlalchemy import text

    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/sub/dir/bot.db")
    try:
        async with engine.connect() as connection:
            journal = (await connection.execute(text("PRAGMA journal_mode"))).scalar()
            timeout = (await connection.execute(text("PRAGMA busy_timeout"))).scalar()
            fks = (await connection.execute(text("PRAGMA foreign_keys"))).scalar()
        assert (journal, timeout, fks) == ("wal", 5000, 1)
    finally:
        await engine.dispose()


@pytest.mark.postgres
async def test_instances_starting_at_once_take_turns_to_migrate() -> None:
    """Two upgrades at once on one PostgreSQL (two instances starting): both succeed.

    Without the advisory lock the second fails creating tables the first is creating.
    """
    async with postgres_database() as url:
        engines = [create_engine(url) for _ in range(3)]
        try:
            upgrades = asyncio.gather(*(migrate.upgrade(engine) for engine in engines))
            await asyncio.wait_for(upgrades, 30)
            assert await migrate.current(engines[0]) == migrate.revisions()[-1]
        finally:
            for engine in engines:
                await engine.dispose()


@pytest.mark.postgres
async def test_an_upgrade_waits_for_the_migration_lock() -> None:
    async with postgres_database() as url:
        holder = create_engine(url)
        engine = create_engine(url)
        try:
            async with holder.connect() as connection:
                await connection.execute(
                    text("SELECT pg_advisory_lock(:key)"), {"key": migrate.MIGRATION_LOCK_KEY}
                )
                upgrade = asyncio.create_task(migrate.upgrade(engine))
                await wait_until_someone_waits_for_a_lock(connection, upgrade)
                assert await migrate.current(holder) is None  # nothing ran meanwhile
                await connection.execute(
                    text("SELECT pg_advisory_unlock(:key)"), {"key": migrate.MIGRATION_LOCK_KEY}
                )
                await connection.commit()
                await upgrade
            assert await migrate.current(engine) == migrate.revisions()[-1]
        finally:
            await holder.dispose()
            await engine.dispose()


async def wait_until_someone_waits_for_a_lock(
    connection: AsyncConnection, task: asyncio.Task[None]
) -> None:
    """Poll pg_locks until an advisory lock request is waiting (bounded, never a fixed sleep)."""
    query = text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
    for _ in range(500):
        assert not task.done(), "the upgrade did not wait for the lock"
        if (await connection.execute(query)).scalar_one():
            return
        await connection.commit()
        await asyncio.sleep(0.02)
    raise AssertionError("the upgrade never asked for the migration lock")
