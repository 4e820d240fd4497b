"""aiosqlite with one thread hop per statement, for SQLAlchemy's async engine.

aiosqlite runs each sqlite3 call on its own worker thread, and SQLAlchemy's adapter makes
four calls per statement (open a cursor, execute, fetch the rows, close the cursor), each a
hop to that thread and back through the event loop. On this bot's short statements the hops
cost more than SQLite itself: a press spends most of its database time waiting for them.

This adapter does the same four steps in one call on the worker thread, so a statement is one
hop; rows, ``description``, ``rowcount`` and ``lastrowid`` come back together. Everything
else (transactions, the pool, isolation levels, error translation) is SQLAlchemy's own
aiosqlite dialect, unchanged. It is written here because neither library offers it: the
cursor protocol SQLAlchemy adapts is the DB-API's step-by-step one.

It uses ``aiosqlite.Connection._execute`` (queue a function on the worker thread), the same
private door SQLAlchemy's own adapter uses for isolation levels; tests/storage pin that it
still exists.
"""

from __future__ import annotations

import collections
import sqlite3
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util import EMPTY_DICT

_Result = tuple[Any, int, int | None, list[Any], bool]


def _run(connection: sqlite3.Connection, operation: str, parameters: Any) -> _Result:
    cursor = connection.cursor()
    try:
        if parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        description = cursor.description
        rows = cursor.fetchall() if description else []
        return description, cursor.rowcount, cursor.lastrowid, rows, connection.in_transaction
    finally:
        cursor.close()


def _run_many(connection: sqlite3.Connection, operation: str, parameters: Any) -> _Result:
    cursor = connection.cursor()
    try:
        cursor.executemany(operation, parameters)
        return cursor.description, cursor.rowcount, cursor.lastrowid, [], connection.in_transaction
    finally:
        cursor.close()


class OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    """A cursor whose execute is one call on aiosqlite's thread (see the module docstring)."""

    __slots__ = ("_description", "_lastrowid", "_rowcount")

    _adapt_connection: OneTripConnection

    def __init__(self, adapt_connection: Any) -> None:
        # no aiosqlite cursor is opened here: each execute opens and closes its own sqlite3
        # cursor on the worker thread
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int:
        return self._lastrowid  # type: ignore[return-value]

    @property
    def arraysize(self) -> int:
        return 1

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        pass

    async def _async_soft_close(self) -> None:
        return None  # the sqlite3 cursor is already closed

    def close(self) -> None:
        self._rows.clear()

    async def _execute_async(self, operation: Any, parameters: Any) -> Any:
        self._adapt_connection._in_transaction = True  # unknown until the call answers
        async with self._adapt_connection._execute_mutex:
            result = await self._connection._execute(
                _run, self._connection._conn, operation, parameters
            )
        self._keep(result)
        return None

    async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> Any:
        self._adapt_connection._in_transaction = True
        async with self._adapt_connection._execute_mutex:
            result = await self._connection._execute(
                _run_many, self._connection._conn, operation, seq_of_parameters
            )
        self._keep(result)
        return None

    def _keep(self, result: _Result) -> None:
        self._description, self._rowcount, self._lastrowid, rows, open_ = result
        self._rows = collections.deque(rows)
        self._adapt_connection._in_transaction = open_


class OneTripConnection(AsyncAdapt_aiosqlite_connection):
    """Also skips the hop of a commit or rollback with no transaction open.

    sqlite3 opens a transaction only before a write, so a read-only update's commit, and the
    pool's rollback when a connection comes back after a commit, have nothing to do. Whether
    one is open is sqlite3's own ``in_transaction``, read on the worker thread after every
    statement; after a failed statement it is taken as open.
    """

    __slots__ = ("_in_transaction",)

    _cursor_cls = OneTripCursor

    def __init__(self, dbapi: Any, connection: Any) -> None:
        super().__init__(dbapi, connection)
        self._in_transaction = True  # not known yet

    def commit(self) -> None:
        if self._in_transaction:
            super().commit()
            self._in_transaction = False

    def rollback(self) -> None:
        if self._in_transaction:
            super().rollback()
            self._in_transaction = False


class OneTripDBAPI(AsyncAdapt_aiosqlite_dbapi):
    """The DB-API module SQLAlchemy's aiosqlite dialect is given instead of its own."""

    def connect(self, *arg: Any, **kw: Any) -> OneTripConnection:
        adapted = super().connect(*arg, **kw)
        return OneTripConnection(self, adapted._connection)


def dbapi() -> OneTripDBAPI:
    """A fresh module object, for ``create_async_engine(..., module=dbapi())``."""
    return OneTripDBAPI(aiosqlite, sqlite3)
