"""Run Alembic migrations from async code, on an engine the caller owns.

Every instance runs ``upgrade`` when it starts (``legcoach run``). On PostgreSQL several
instances starting at once take turns: the whole migration runs in one transaction that first
takes a transaction-level advisory lock, so the second waits for the first to commit and then
finds nothing left to do. (SQLite serves one process only; see docs/DEPLOY.md.)
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import create_engine

MIGRATIONS = Path(__file__).parent / "migrations"
# pg_advisory_xact_lock key of legcoach's migrations (any fixed bigint; "legcoach" in ASCII).
MIGRATION_LOCK_KEY = 0x6C6567636F616368


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def revisions() -> list[str]:
    """Every revision id, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    await _run(engine, lambda config: command.upgrade(config, revision))


async def downgrade(engine: AsyncEngine, revision: str) -> None:
    await _run(engine, lambda config: command.downgrade(config, revision))


async def current(engine: AsyncEngine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    def _current(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with engine.connect() as connection:
        return await connection.run_sync(_current)


async def _run(engine: AsyncEngine, action: object) -> None:
    def _sync(connection: Connection) -> None:
        if connection.dialect.name == "postgresql":
            # Held until this transaction commits or rolls back, even if the process dies.
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY}
            )
        config = alembic_config()
        config.attributes["connection"] = connection
        action(config)  # type: ignore[operator]

    async with engine.begin() as connection:
        await connection.run_sync(_sync)


async def upgrade_url(url: str) -> None:
    """Upgrade the database at ``url`` to the latest revision, on an engine of its own."""

    engine = create_engine(url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()
