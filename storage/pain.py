"""Sore-area rows: what a runner reported, their answers, and Better taking it away.

Plain rows only (``storage.rows``: Core statements, ``content.pain.SoreArea`` out), so the
dispatcher can read a batch's sore areas in one statement. Every write is conditional: a
second report of a sore area keeps its first date, an answer about an area no longer sore
changes nothing (its caller says so), and Better deletes the row once. Nothing here
commits; the caller does.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Table, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from content.model import Area
from content.pain import PainAnswer, SoreArea
from storage.models import SoreArea as SoreAreaRow
from storage.rows import chunks, insert_ignoring_duplicates

_SORE = cast(Table, SoreAreaRow.__table__)
_COLUMNS = _SORE.c
_AREAS = {area.value: area for area in Area}
_ANSWERS = {answer.value: answer for answer in PainAnswer}


def sore_from_row(row: Any) -> SoreArea | None:
    """A sore area from its row's columns (by name); None for an area this version does
    not know."""
    area = _AREAS.get(row.area)
    if area is None:  # an area this version does not know: nothing to spare or ask
        return None
    return SoreArea(
        area, row.since, _ANSWERS.get(row.answer or ""), row.answered_at, row.reported_at
    )


async def sore_of_many(
    db: AsyncSession, runner_ids: Sequence[int]
) -> dict[int, tuple[SoreArea, ...]]:
    """Each runner's sore areas (only runners with some), by runner id."""
    found: dict[int, list[SoreArea]] = defaultdict(list)
    for chunk in chunks(sorted(set(runner_ids))):
        for row in await db.execute(select(_SORE).where(_COLUMNS.runner_id.in_(chunk))):
            sore = sore_from_row(row)
            if sore is not None:
                found[row.runner_id].append(sore)
    return {runner_id: in_area_order(items) for runner_id, items in found.items()}


def in_area_order(items: Iterable[SoreArea]) -> tuple[SoreArea, ...]:
    """Sore areas in ``Area`` order, as every list of them is shown."""
    order = list(Area)
    return tuple(sorted(items, key=lambda item: order.index(item.area)))


async def sore_of(db: AsyncSession, runner_id: int) -> tuple[SoreArea, ...]:
    """One runner's sore areas, in ``Area`` order."""
    return (await sore_of_many(db, [runner_id])).get(runner_id, ())


async def report(
    db: AsyncSession, runner_id: int, areas: Iterable[Area], since: date, now: datetime
) -> None:
    """Remember these areas as sore from ``since``; one already remembered keeps its date."""
    rows = [
        {"runner_id": runner_id, "area": area.value, "since": since, "reported_at": now}
        for area in set(areas)
    ]
    await insert_ignoring_duplicates(db, _SORE, rows, ("runner_id", "area"))


async def record_answer(
    db: AsyncSession, runner_id: int, area: Area, answer: PainAnswer, now: datetime
) -> bool:
    """Store a Same or Worse; False when the area is not (any longer) sore."""
    result = await db.execute(
        update(_SORE)
        .where(_COLUMNS.runner_id == runner_id, _COLUMNS.area == area.value)
        .values(answer=answer.value, answered_at=now)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def clear(db: AsyncSession, runner_id: int, area: Area) -> bool:
    """Better: forget the area; False when it was not sore (a second press)."""
    result = await db.execute(
        delete(_SORE).where(_COLUMNS.runner_id == runner_id, _COLUMNS.area == area.value)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]
