"""Single-round-trip statements for the hottest paths.

SQLAlchemy's async adapters spend several hops per statement (cursor, execute, fetch, close;
a thread hop each on aiosqlite), which costs more than the statement itself. A
:class:`OneTrip` statement is compiled once per dialect and run on the driver connection in
exactly one round trip, on an engine in autocommit mode.

Only for statements that stand alone (they are their own transaction). Everything else goes
through the ORM session of the update.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

_SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"  # SQLAlchemy's own storage format for SQLite


class OneTrip:
    """A prebuilt statement with named bind parameters, run in one round trip."""

    def __init__(self, statement: ClauseElement) -> None:
        self._statement = statement
        self._compiled: dict[str, tuple[str, list[str], dict[str, Any]]] = {}

    def _compile(self, engine: AsyncEngine) -> tuple[str, list[str], dict[str, Any]]:
        name = engine.dialect.name
        compiled = self._compiled.get(name)
        if compiled is None:
            result = self._statement.compile(dialect=engine.dialect)
            assert isinstance(result, SQLCompiler)
            order = list(result.positiontup or ())
            defaults = {
                key: bind.effective_value
                for key, bind in result.binds.items()
                if not bind.required
            }
            compiled = (str(result), order, defaults)
            self._compiled[name] = compiled
        return compiled

    def bind(self, engine: AsyncEngine, params: dict[str, Any]) -> tuple[str, list[Any]]:
        """The SQL for this engine's dialect and its positional values."""
        sql, order, defaults = self._compile(engine)
        sqlite = engine.dialect.name == "sqlite"
        values = []
        for name in order:
            value = params[name] if name in params else defaults[name]
            if sqlite and isinstance(value, datetime):
                value = value.astimezone(UTC).strftime(_SQLITE_DATETIME)
            values.append(value)
        return sql, values


class FastPath:
    """Runs :class:`OneTrip` statements on one held autocommit connection.

    Checking a connection out of the pool costs about as much as the statement, so the hot
    path keeps one. A lock serialises users (the hot statements are short single writes, and
    SQLite serialises writers anyway); a broken connection is dropped and replaced.
    """

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._connection: AsyncConnection | None = None
        self._driver: Any = None
        self._lock = asyncio.Lock()

    async def fetch_one(self, statement: OneTrip, **params: Any) -> Sequence[Any] | None:
        """Run the statement and return its first row (or None)."""
        sql, values = statement.bind(self.engine, params)
        async with self._lock:
            driver = await self._held()
            try:
                if self.engine.dialect.name == "sqlite":
                    rows = list(await driver.execute_fetchall(sql, values))
                    return rows[0] if rows else None
                row: Sequence[Any] | None = await driver.fetchrow(sql, *values)
                return row
            except Exception:
                await self._drop()
                raise

    async def _held(self) -> Any:
        if self._connection is None:
            self._connection = await self.engine.connect()
            raw = await self._connection.get_raw_connection()
            self._driver = raw.driver_connection
        return self._driver

    async def _drop(self) -> None:
        connection, self._connection, self._driver = self._connection, None, None
        if connection is not None:
            with contextlib.suppress(Exception):
                await connection.invalidate()
                await connection.close()

    async def close(self) -> None:
        """Give the held connection back (at shutdown)."""
        async with self._lock:
            connection, self._connection, self._driver = self._connection, None, None
            if connection is not None:
                await connection.close()
