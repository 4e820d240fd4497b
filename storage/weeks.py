"""What the weekly recap reads for a batch of runners: the sessions with a set logged, the
jump sets, and the rung changes, each in one statement per chunk of runners. Plain rows
out; ``content.recap`` and ``content.record`` decide what they add up to. Nothing here
commits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from content.model import Unit
from storage.models import ProgressionEvent, SetLog
from storage.rows import chunks


async def session_starts(
    db: AsyncSession, runner_ids: Sequence[int], since: datetime, until: datetime
) -> dict[int, list[datetime]]:
    """Each runner's sessions with a set logged from ``since`` to before ``until``: when its
    first set was logged, by runner id."""
    found: dict[int, list[datetime]] = defaultdict(list)
    for chunk in chunks(sorted(set(runner_ids))):
        rows = await db.execute(
            select(SetLog.runner_id, func.min(SetLog.logged_at))
            .where(
                SetLog.runner_id.in_(chunk),
                SetLog.logged_at >= since,
                SetLog.logged_at < until,
            )
            .group_by(SetLog.runner_id, SetLog.session_id)
        )
        for runner_id, first in rows:
            found[runner_id].append(first)
    return found


async def jump_sets(
    db: AsyncSession, runner_ids: Sequence[int], since: datetime, until: datetime
) -> dict[int, list[tuple[datetime, int, str | None]]]:
    """Each runner's logged jump sets (counted in contacts) in the window: (when, count,
    side)."""
    found: dict[int, list[tuple[datetime, int, str | None]]] = defaultdict(list)
    for chunk in chunks(sorted(set(runner_ids))):
        rows = await db.execute(
            select(SetLog.runner_id, SetLog.logged_at, SetLog.reps, SetLog.side).where(
                SetLog.runner_id.in_(chunk),
                SetLog.unit == Unit.CONTACTS.value,
                SetLog.logged_at >= since,
                SetLog.logged_at < until,
            )
        )
        for runner_id, at, reps, side in rows:
            found[runner_id].append((at, reps, side))
    return found


async def rung_changes(
    db: AsyncSession, runner_ids: Sequence[int], since: datetime, until: datetime
) -> dict[int, list[tuple[datetime, str, str, str]]]:
    """Each runner's progression changes that moved a rung in the window: (when, exercise
    id, from rung, to rung), up or down."""
    found: dict[int, list[tuple[datetime, str, str, str]]] = defaultdict(list)
    for chunk in chunks(sorted(set(runner_ids))):
        rows = await db.execute(
            select(
                ProgressionEvent.runner_id,
                ProgressionEvent.created_at,
                ProgressionEvent.exercise_id,
                ProgressionEvent.from_rung,
                ProgressionEvent.to_rung,
            ).where(
                ProgressionEvent.runner_id.in_(chunk),
                ProgressionEvent.from_rung != ProgressionEvent.to_rung,
                ProgressionEvent.created_at >= since,
                ProgressionEvent.created_at < until,
            )
        )
        for runner_id, at, exercise_id, from_rung, to_rung in rows:
            found[runner_id].append((at, exercise_id, from_rung, to_rung))
    return found
