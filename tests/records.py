"""Stored history for record tests: sessions, exercises and set logs written directly (the
chat would take minutes to log ten thousand sets)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from content import ladder
from content.library import default_library
from content.model import Level
from content.session import choose_exercises
from storage.models import LegSession, SessionItem, SetLog


async def seed_sessions(
    engine: AsyncEngine,
    runner_id: int,
    *,
    sessions: int,
    start: datetime,
    every: timedelta = timedelta(days=2),
    sets_each: int | None = None,
) -> int:
    """``sessions`` finished sessions from ``start``, five exercises each with their rungs'
    sets (or ``sets_each``); returns the number of sets logged."""
    library = default_library()
    logged = 0
    async with engine.begin() as connection:
        for number in range(sessions):
            started = start + every * number
            session_id = (
                await connection.execute(
                    insert(LegSession)
                    .values(
                        runner_id=runner_id,
                        status="finished",
                        warmup="",
                        current_position=5,
                        started_at=started,
                        finished_at=started + timedelta(minutes=21),
                    )
                    .returning(LegSession.id)
                )
            ).scalar_one()
            rows = []
            for position, exercise_id in enumerate(choose_exercises(Level.BEGINNER, number)):
                exercise = library.get(exercise_id)
                rung = exercise.ladder[min(number // 10, len(exercise.ladder) - 1)]
                dose = ladder.prescription(exercise, rung)
                count = sets_each or dose.sets
                item_id = (
                    await connection.execute(
                        insert(SessionItem)
                        .values(
                            session_id=session_id,
                            position=position,
                            exercise_id=exercise_id,
                            rung_id=rung.id,
                            sets=count,
                            reps=dose.reps,
                            unit=str(dose.unit),
                            per_side=dose.per_side,
                            status="done",
                            sets_done=count,
                        )
                        .returning(SessionItem.id)
                    )
                ).scalar_one()
                rows += [
                    {
                        "session_id": session_id,
                        "item_id": item_id,
                        "runner_id": runner_id,
                        "exercise_id": exercise_id,
                        "rung_id": rung.id,
                        "set_number": set_number,
                        "reps": dose.reps + set_number % 2,
                        "unit": str(dose.unit),
                        "side": "each" if dose.per_side else None,
                        "logged_at": started + timedelta(seconds=20 * (len(rows) + set_number)),
                    }
                    for set_number in range(1, count + 1)
                ]
            await connection.execute(insert(SetLog), rows)
            logged += len(rows)
    return logged
