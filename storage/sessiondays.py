"""What a runner's sessions of one day hold, and what a session was started as.

Reads for two rules: an extra session never moves a progression twice in one day (which
exercises an earlier session today already did), and a gentle session replaces a session
ended by a pain report at most once (``leg_session.replaces_id`` is unique). Nothing here
commits; the caller does.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from storage.enums import ItemStatus, SessionStatus
from storage.models import LegSession, SessionItem

_ENDED = (SessionStatus.FINISHED, SessionStatus.STOPPED)


async def set_kind(
    db: AsyncSession, session_id: int, kind: str, replaces_id: int | None = None
) -> None:
    """Store what a new session was started as, and the session it replaces."""
    await db.execute(
        update(LegSession)
        .where(LegSession.id == session_id)
        .values(kind=kind, replaces_id=replaces_id)
    )


async def done_since(
    db: AsyncSession, runner_id: int, since: datetime, *, excluding: int
) -> frozenset[str]:
    """The exercises completed in the runner's sessions that ended at ``since`` or later,
    other than session ``excluding``."""
    rows = await db.scalars(
        select(SessionItem.exercise_id)
        .join(LegSession, LegSession.id == SessionItem.session_id)
        .where(
            LegSession.runner_id == runner_id,
            LegSession.id != excluding,
            LegSession.status.in_(_ENDED),
            LegSession.finished_at >= since,
            SessionItem.status == ItemStatus.DONE,
        )
    )
    return frozenset(rows)


async def is_replacement(db: AsyncSession, session_id: int) -> bool:
    """Whether a session is a gentle one that replaced another."""
    replaces = await db.scalar(select(LegSession.replaces_id).where(LegSession.id == session_id))
    return replaces is not None


async def replaced(db: AsyncSession, session_id: int) -> bool:
    """Whether a gentle session already replaced this one."""
    found = await db.scalar(select(LegSession.id).where(LegSession.replaces_id == session_id))
    return found is not None
