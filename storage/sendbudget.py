"""The send budget row: one per bot, shared by every process sending for it.

Telegram limits a *bot*, not a process. ``send_budget`` holds ``next_at``, the next free send
slot on the database's clock; a process reserves ``count`` slots with one atomic upsert::

    INSERT INTO send_budget (name, next_at) VALUES (:name, now + count * interval)
    ON CONFLICT (name) DO UPDATE SET next_at = max(next_at, now) + count * interval
    RETURNING next_at, now

and owns the slots ``next_at - count * interval .. next_at``. The row lock serializes the
upserts, so no two grants overlap however many processes there are, and the database clock
is the only clock. This module is the statement only; ``bot.dispatch.ratelimit`` paces sends
over the grants (docs/SCHEDULING.md, "One limit for all processes"). Works on PostgreSQL
and SQLite; each call is its own transaction, committed at once (the row is the hot spot).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ColumnElement, Float, Table, func, literal, type_coerce
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.models import SendBudget

_BUDGET = cast(Table, SendBudget.__table__)


@dataclass(frozen=True, slots=True)
class Grant:
    """``count`` send slots ``interval`` apart from ``first`` (database clock, seconds since
    the epoch); ``db_now`` is that clock when the grant was made."""

    first: float
    count: int
    interval: float
    db_now: float

    def slots(self) -> list[float]:
        return [self.first + n * self.interval for n in range(self.count)]


def _db_now(dialect: str) -> ColumnElement[float]:
    """The database's clock, in seconds since the epoch."""
    if dialect == "postgresql":
        return type_coerce(func.extract("epoch", func.clock_timestamp()), Float)
    # SQLite: julianday('now') has millisecond resolution
    return type_coerce((func.julianday("now") - 2440587.5) * 86400.0, Float)


def _later(dialect: str, a: Any, b: Any) -> ColumnElement[float]:
    return func.greatest(a, b) if dialect == "postgresql" else func.max(a, b)


async def _upsert(
    connection: AsyncConnection, name: str, *, advance: float, at_least_ahead: float
) -> tuple[float, float]:
    """Set ``next_at = max(next_at, now + at_least_ahead) + advance``; returns the new
    ``next_at`` and the database's now."""
    dialect = connection.dialect.name
    now = _db_now(dialect)
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    values = insert(_BUDGET).values(
        name=name, next_at=now + literal(at_least_ahead + advance, Float)
    )
    statement = values.on_conflict_do_update(
        index_elements=[_BUDGET.c.name],
        set_={
            "next_at": _later(dialect, _BUDGET.c.next_at, now + literal(at_least_ahead, Float))
            + literal(advance, Float)
        },
    ).returning(_BUDGET.c.next_at, now)
    row = (await connection.execute(statement)).one()
    return float(row[0]), float(row[1])


async def reserve(engine: AsyncEngine, name: str, count: int, rate: float) -> Grant:
    """Reserve the next ``count`` send slots of budget ``name`` at ``rate`` a second, in one
    atomic statement (its own transaction: commit at once, the row lock is the hot spot)."""
    if count < 1 or rate <= 0:
        raise ValueError("count and rate must be positive")
    interval = 1.0 / rate
    async with engine.connect() as connection:
        next_at, db_now = await _upsert(
            connection, name, advance=count * interval, at_least_ahead=0.0
        )
        await connection.commit()
    return Grant(next_at - count * interval, count, interval, db_now)


async def hold(engine: AsyncEngine, name: str, seconds: float) -> None:
    """No slot of budget ``name`` starts within ``seconds`` from now (Telegram answered 429:
    its flood control applies to the whole bot, so to every process)."""
    async with engine.connect() as connection:
        await _upsert(connection, name, advance=0.0, at_least_ahead=seconds)
        await connection.commit()
