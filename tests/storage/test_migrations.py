"""Migrations: the stairway (up, down, up each revision) and models matching migrations."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from storage import migrate
from storage.base import Base
from storage.db import create_engine

TABLES = {
    "runner",
    "progression",
    "progression_event",
    "leg_session",
    "session_item",
    "set_log",
    "reminder",
    "media_file",
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
