"""Plain-row access through a session: the one query style of the reminder side.

``storage.reminders``, ``storage.claims`` and ``storage.runners.load_profiles`` run Core
statements on the tables and return plain dataclasses; they never load ORM objects. At a
thousand reminders a second the ORM's per-row cost was a large share of the CPU, and with no
``Reminder`` object in any session, nothing a handler holds can go stale after a reminder
write. A session may still hold a runner as an ORM ``Runner`` (the update's own runner is
read as a plain row, ``storage.runners.get_or_create``); two things keep such an object
right:

* reads see the session's pending changes: ``Session.execute`` autoflushes before Core
  statements as before ORM ones (SQLAlchemy 2.0.16 on, issue 9809);
* runner rows are written only by ``storage.runners``, through ORM-enabled ``UPDATE``s
  (``update_runner`` is one, with ``RETURNING``) that synchronize the objects the session
  holds; a Core ``UPDATE runner`` would leave the session's object stale
  (``tests/storage/test_reminder_rows.py`` checks both).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

CHUNK = 500  # ids per IN (...) list, well under every driver's parameter limit


def dialect(db: AsyncSession) -> str:
    return db.get_bind().dialect.name


def chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


async def insert_ignoring_duplicates(
    db: AsyncSession, table: Table, rows: list[dict[str, Any]], keys: Sequence[str]
) -> None:
    """Insert rows; one already stored with the same ``keys`` wins (``ON CONFLICT DO
    NOTHING``, which PostgreSQL and SQLite spell alike)."""
    if not rows:
        return
    insert = postgresql.insert if dialect(db) == "postgresql" else sqlite.insert
    await db.execute(insert(table).on_conflict_do_nothing(index_elements=list(keys)), rows)


class Columns:
    """Some of a row's values as attributes, by column name (part of a joined row, or a row
    read on the fast path), for the functions that turn rows into plain data."""

    __slots__ = ("__dict__",)

    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__ = values
