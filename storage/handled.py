"""Handled message updates: skip a redelivered one. Never commits (the caller does).

Telegram delivers an update again when the bot did not confirm it (polling) or did not answer
it (webhook) before a crash. The bot confirms only after handling, so a redelivery of an
update that was already handled and committed is possible; these rows make it harmless for
updates that are not idempotent by themselves (typed answers, commands). Button presses are
not recorded: their state tokens already make a second press of the same card a no-op, and
the Done press must stay one statement (docs/PERFORMANCE.md).

``record`` runs inside the update's own transaction, right before its commit: an update that
failed is rolled back together with its row and is handled again if it comes back.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final, cast

from sqlalchemy import Table, bindparam, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql import Executable

from storage.fast import FastPath, OneTrip
from storage.models import HandledUpdate

# Telegram keeps an unconfirmed update for 24 hours; twice that leaves room for clock skew
# and a long outage without keeping the table growing.
KEEP_FOR: Final = timedelta(hours=48)


async def already_handled(db: AsyncSession, update_id: int) -> bool:
    """Whether this update was handled (and committed) before."""
    found = await db.scalar(
        select(HandledUpdate.update_id).where(HandledUpdate.update_id == update_id)
    )
    return found is not None


_SEEN: Final = OneTrip(
    select(HandledUpdate.update_id).where(HandledUpdate.update_id == bindparam("update_id"))
)


async def seen(fast: FastPath, update_id: int) -> bool:
    """``already_handled`` in one round trip on the fast path's connection, before the
    update's own transaction is opened (it sees the same committed rows)."""
    return await fast.fetch_one(_SEEN, update_id=update_id) is not None


_HANDLED = cast(Table, HandledUpdate.__table__)


_VALUES: Final = {
    "update_id": bindparam("update_id", type_=_HANDLED.c.update_id.type),
    "handled_at": bindparam("handled_at", type_=_HANDLED.c.handled_at.type),
}
_KEY: Final = [_HANDLED.c.update_id]
# Built once per dialect (every message update runs it): only the two supported databases
# (bot/config.py); both know ON CONFLICT DO NOTHING.
_RECORD: Final[dict[str, Executable]] = {
    "postgresql": postgresql.insert(_HANDLED)
    .values(_VALUES)
    .on_conflict_do_nothing(index_elements=_KEY),
    "sqlite": sqlite.insert(_HANDLED).values(_VALUES).on_conflict_do_nothing(index_elements=_KEY),
}


async def record(db: AsyncSession, update_id: int, at: datetime) -> bool:
    """Record the update as handled; False when another copy of it got there first.

    On PostgreSQL a copy being handled at the same moment by another instance makes this wait
    for that transaction, then answers False if it committed.
    """
    statement = _RECORD[db.get_bind().dialect.name]
    result = await db.execute(statement, {"update_id": update_id, "handled_at": at})
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def prune(db: AsyncSession, now: datetime, keep_for: timedelta = KEEP_FOR) -> int:
    """Forget updates handled more than ``keep_for`` ago; the number of rows removed."""
    cutoff = now - keep_for
    result = await db.execute(delete(HandledUpdate).where(HandledUpdate.handled_at < cutoff))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
