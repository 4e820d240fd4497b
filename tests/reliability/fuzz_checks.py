"""What the fuzz test checks in the database: each runner's rows, and the invariants.

A snapshot holds a digest of every row that belongs to a runner, table by table, keyed by
their Telegram user id, so a test can tell whose data an update changed. The invariants hold
at any quiet moment: at most one active session per runner, no item with more sets done than
it has (nor a set logged but not counted), and every rung a runner holds on its exercise's
ladder and within a kit they have had.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import Table, TextClause, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from content.ladder import is_open
from content.library import Library
from content.model import Equipment
from storage.models import (
    LegSession,
    Progression,
    ProgressionEvent,
    Reminder,
    Runner,
    SessionItem,
    SetLog,
    SoreArea,
)

# Every table whose rows belong to one runner (session items through their session).
OWNED: tuple[Any, ...] = (
    Runner,
    Progression,
    ProgressionEvent,
    LegSession,
    SessionItem,
    SoreArea,
    SetLog,
    Reminder,
)

# Per runner (Telegram user id), per table: a digest of all its rows in that table.
Snapshot = dict[int, dict[str, str]]


def _digests(table: Table, dialect: str) -> str:
    """SQL giving one row per runner with rows in ``table``: the table's name, the runner's
    Telegram user id and a digest of those rows (the rows as text, in key order)."""
    if table.name == "runner":
        owner, join = "t.telegram_user_id", ""
    elif table.name == "session_item":
        owner = "r.telegram_user_id"
        join = "JOIN leg_session s ON s.id = t.session_id JOIN runner r ON r.id = s.runner_id"
    else:
        owner, join = "r.telegram_user_id", "JOIN runner r ON r.id = t.runner_id"
    key = ", ".join(f"t.{column.name}" for column in table.primary_key.columns)
    name = f"'{table.name}'"
    if dialect == "postgresql":
        digest = f"md5(string_agg(t::text, '|' ORDER BY {key}))"
        return f"SELECT {name}, {owner}, {digest} FROM {table.name} t {join} GROUP BY {owner}"
    row = " || ',' || ".join(f"quote(t.{column.name})" for column in table.columns)
    ordered = f"SELECT {owner} AS owner, {row} AS line FROM {table.name} t {join} ORDER BY {key}"
    return f"SELECT {name}, owner, group_concat(line, '|') FROM ({ordered}) GROUP BY owner"


_STATEMENTS: dict[str, TextClause] = {}


def _statement(dialect: str) -> TextClause:
    """Every owned table's digests in one statement: a snapshot after each of thousands of
    updates costs one round trip and a few small rows, not every row of every table."""
    if dialect not in _STATEMENTS:
        parts = (_digests(model.__table__, dialect) for model in OWNED)
        union = " UNION ALL ".join(
            f"SELECT * FROM ({part}) AS q{number}" for number, part in enumerate(parts)
        )
        _STATEMENTS[dialect] = text(union)
    return _STATEMENTS[dialect]


async def snapshot(db: AsyncSession) -> Snapshot:
    """A digest of every runner's rows, table by table, by their Telegram user id."""
    found: Snapshot = defaultdict(dict)
    for table, user, digest in await db.execute(_statement(db.get_bind().dialect.name)):
        found[user][table] = digest
    return dict(found)


def changed(before: Snapshot, after: Snapshot) -> set[int]:
    """The Telegram user ids whose rows differ (created, changed or erased)."""
    return {user for user in before.keys() | after.keys() if before.get(user) != after.get(user)}


async def kits(db: AsyncSession) -> dict[int, frozenset[Equipment]]:
    """Each runner's kit now, by Telegram user id."""
    rows = await db.execute(select(Runner.telegram_user_id, Runner.equipment))
    return {user: frozenset(Equipment(item) for item in kit or ()) for user, kit in rows}


async def check_invariants(
    db: AsyncSession, library: Library, kit_held: dict[int, set[Equipment]]
) -> list[str]:
    """The broken invariants, as sentences (none: all hold). ``kit_held`` is every piece of
    kit each runner (by Telegram user id) has had: a rung reached with dumbbells stays stored
    when they go (``content.ladder.usable_rung`` steps down from it at planning time)."""
    broken: list[str] = []
    doubled = await db.execute(
        select(LegSession.runner_id, func.count())
        .where(LegSession.status == "active")
        .group_by(LegSession.runner_id)
        .having(func.count() > 1)
    )
    broken += [f"runner {runner} has {count} active sessions" for runner, count in doubled]
    over = await db.execute(
        select(SessionItem.id, SessionItem.sets_done, SessionItem.sets).where(
            (SessionItem.sets_done > SessionItem.sets) | (SessionItem.sets_done < 0)
        )
    )
    broken += [f"item {item}: {done} of {sets} sets done" for item, done, sets in over]
    logged = await db.execute(
        select(SessionItem.id, SessionItem.sets_done, func.count(SetLog.id))
        .outerjoin(SetLog, SetLog.item_id == SessionItem.id)
        .group_by(SessionItem.id, SessionItem.sets_done)
        .having(func.count(SetLog.id) != SessionItem.sets_done)
    )
    broken += [f"item {item}: {done} sets done, {logs} logged" for item, done, logs in logged]
    users = {
        row.id: row.telegram_user_id
        for row in await db.execute(select(Runner.id, Runner.telegram_user_id))
    }
    held = select(Progression.runner_id, Progression.exercise_id, Progression.rung_id)
    planned = (
        select(LegSession.runner_id, SessionItem.exercise_id, SessionItem.rung_id)
        .join(SessionItem, SessionItem.session_id == LegSession.id)
        .where(LegSession.status == "active")
    )
    for query, what in ((held, "holds"), (planned, "is doing")):
        for runner, exercise_id, rung_id in await db.execute(query):
            exercise = library.get(exercise_id)
            rung = exercise.rung(rung_id)
            kit = kit_held.get(users[runner], set())
            if rung is None:
                broken.append(f"runner {runner} {what} {exercise_id}/{rung_id}: no such rung")
            elif not is_open(rung, kit):
                broken.append(
                    f"runner {runner} {what} {exercise_id}/{rung_id}, needing "
                    f"{sorted(rung.equipment)}, with only {sorted(kit)} ever"
                )
    return broken
