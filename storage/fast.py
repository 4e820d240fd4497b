"""Single-round-trip statements for the hottest paths.

SQLAlchemy's async adapters spend several hops per statement (cursor, execute, fetch, close;
a thread hop each on aiosqlite), which costs more than the statement itself. A
:class:`OneTrip` statement is compiled once per dialect and run on the driver connection in
exactly one round trip, on an engine in autocommit mode.

Only for statements that stand alone (they are their own transaction). Everything else goes
through the ORM session of the update.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
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

    async def fetch_one(self, engine: AsyncEngine, **params: Any) -> Sequence[Any] | None:
        """Run the statement and return its first row (or None)."""
        sql, order, defaults = self._compile(engine)
        sqlite = engine.dialect.name == "sqlite"
        values = []
        for name in order:
            value = params[name] if name in params else defaults[name]
            if sqlite and isinstance(value, datetime):
                value = value.astimezone(UTC).strftime(_SQLITE_DATETIME)
            values.append(value)
        async with engine.connect() as connection:
            raw = await connection.get_raw_connection()
            driver: Any = raw.driver_connection
            if sqlite:
                rows = list(await driver.execute_fetchall(sql, values))
                return rows[0] if rows else None
            row: Sequence[Any] | None = await driver.fetchrow(sql, *values)
            return row
