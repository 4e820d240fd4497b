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
import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler

_SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"  # SQLAlchemy's own storage format for SQLite


class OneTrip:
    """A prebuilt statement with named bind parameters, run in one round trip."""

    def __init__(self, statement: ClauseElement | Mapping[str, ClauseElement]) -> None:
        """``statement``, or one per dialect name (an upsert is spelled per dialect)."""
        self._statements: Mapping[str, ClauseElement] | None = None
        self._statement: ClauseElement | None = None
        if isinstance(statement, Mapping):
            self._statements = statement
        else:
            self._statement = statement
        self._compiled: dict[str, tuple[str, list[str], dict[str, Any]]] = {}
        self._columns: dict[str, tuple[list[str], list[Any]]] = {}

    def _compile(self, engine: AsyncEngine) -> tuple[str, list[str], dict[str, Any]]:
        name = engine.dialect.name
        compiled = self._compiled.get(name)
        if compiled is None:
            statement = self._statements[name] if self._statements else self._statement
            assert statement is not None
            result = statement.compile(dialect=engine.dialect)
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

    def columns(self, engine: AsyncEngine) -> tuple[list[str], list[Any]]:
        """The names of the columns this statement returns and SQLAlchemy's result
        processor for each (None where the driver's value is already the Python one)."""
        name = engine.dialect.name
        found = self._columns.get(name)
        if found is None:
            statement = self._statements[name] if self._statements else self._statement
            assert statement is not None
            result = statement.compile(dialect=engine.dialect)
            assert isinstance(result, SQLCompiler)
            found = (
                [column.keyname for column in result._result_columns],
                [
                    column.type._cached_result_processor(engine.dialect, None)
                    for column in result._result_columns
                ],
            )
            self._columns[name] = found
        return found

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


# a step bound for the driver: SQL, its values (a list of value lists when many), many, required
_Bound = tuple[str, list[Any], bool, bool]


def _sqlite_unit(connection: sqlite3.Connection, steps: list[_Bound]) -> list[list[Any]] | None:
    """:meth:`FastPath.unit` on SQLite, run on aiosqlite's thread: one hop for the lot."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        results: list[list[Any]] = []
        for sql, values, many, required in steps:
            if many:
                if values:
                    connection.executemany(sql, values)
                rows: list[Any] = []
            else:
                rows = connection.execute(sql, values).fetchall()
            if required and not rows:
                connection.execute("ROLLBACK")
                return None
            results.append(rows)
        connection.execute("COMMIT")
        return results
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


@dataclass(frozen=True, slots=True)
class Step:
    """One statement of a :meth:`FastPath.unit`.

    ``required``: the statement must return a row (a conditional update that matched), or
    the whole unit is rolled back and returns None. ``rows``: run once per parameter set
    (an executemany), for inserting or updating several rows in one trip.
    """

    statement: OneTrip
    params: Mapping[str, Any] = field(default_factory=dict)
    required: bool = False
    rows: Sequence[Mapping[str, Any]] | None = None


def json_list(value: Any) -> list[Any]:
    """A JSON column read on the driver connection (SQLite and asyncpg give text)."""
    if value is None:
        return []
    if isinstance(value, str):
        loaded = json.loads(value)
        return loaded if isinstance(loaded, list) else []
    return list(value)


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

    async def fetch_typed(self, statement: OneTrip, **params: Any) -> dict[str, Any] | None:
        """Run the statement; its first row by column name, each value converted as the ORM
        would (JSON, dates, booleans on SQLite), or None."""
        row = await self.fetch_one(statement, **params)
        if row is None:
            return None
        names, processors = statement.columns(self.engine)
        return {
            name: value if process is None else process(value)
            for name, process, value in zip(names, processors, row, strict=True)
        }

    async def fetch_all(self, statement: OneTrip, **params: Any) -> list[Sequence[Any]]:
        """Run the statement and return all its rows."""
        sql, values = statement.bind(self.engine, params)
        async with self._lock:
            driver = await self._held()
            try:
                if self.engine.dialect.name == "sqlite":
                    return list(await driver.execute_fetchall(sql, values))
                return list(await driver.fetch(sql, *values))
            except Exception:
                await self._drop()
                raise

    async def unit(self, steps: Sequence[Step]) -> list[list[Sequence[Any]]] | None:
        """Run ``steps`` as one transaction, a round trip each; the rows each returned, or
        None when a ``required`` step matched nothing (then nothing was written). On
        PostgreSQL a unit of one statement is sent alone (autocommit makes it atomic).

        On SQLite the transaction starts ``IMMEDIATE``, taking the write lock at once, so it
        cannot fail half-way on a lock upgrade, and the whole of it is one call on aiosqlite's
        thread (one hop, not one per statement; see storage.sqlitetrip).
        """
        sqlite = self.engine.dialect.name == "sqlite"
        async with self._lock:
            driver = await self._held()
            if sqlite:
                # the whole transaction in one call on aiosqlite's thread (storage.sqlitetrip)
                bound = [self._bind_step(step) for step in steps]
                try:
                    result: list[list[Sequence[Any]]] | None = await driver._execute(
                        _sqlite_unit, driver._conn, bound
                    )
                    return result
                except Exception:
                    await self._drop()
                    raise
            try:
                if len(steps) == 1 and steps[0].rows is None:
                    # one statement is a transaction of its own: no BEGIN and COMMIT trips
                    rows = await self._run_step(driver, steps[0])
                    return None if steps[0].required and not rows else [rows]
                await driver.execute("BEGIN")
                results: list[list[Sequence[Any]]] = []
                for step in steps:
                    rows = await self._run_step(driver, step)
                    if step.required and not rows:
                        await driver.execute("ROLLBACK")
                        return None
                    results.append(rows)
                await driver.execute("COMMIT")
                return results
            except Exception:
                await self._drop()
                raise

    def _bind_step(self, step: Step) -> _Bound:
        if step.rows is not None:
            bound = [step.statement.bind(self.engine, dict(row)) for row in step.rows]
            sql = bound[0][0] if bound else ""
            return sql, [values for _sql, values in bound], True, step.required
        sql, values = step.statement.bind(self.engine, dict(step.params))
        return sql, values, False, step.required

    async def _run_step(self, driver: Any, step: Step) -> list[Sequence[Any]]:
        sql, values, many, _required = self._bind_step(step)
        if many:
            if values:
                await driver.executemany(sql, values)
            return []
        return list(await driver.fetch(sql, *values))

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
