"""A claim takes at most its limit, on SQLite and PostgreSQL (the batch is the unit of
pipelining and of sharing between processes: a claim that overran it took every due
reminder for one process and left none to the other)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import insert, select

from storage import claims
from storage.db import create_engine, create_sessionmaker
from storage.models import Reminder, Runner
from tests.harness import create_schema

NOW = datetime(2026, 11, 30, 6, 31, tzinfo=UTC)


async def test_a_claim_takes_at_most_its_limit_and_the_next_takes_the_rest(
    db_url: str,
) -> None:
    engine = create_engine(db_url)
    try:
        await create_schema(engine)
        maker = create_sessionmaker(engine)
        async with maker() as db:
            await db.execute(
                insert(Runner),
                [
                    {
                        "telegram_user_id": 70_000 + n,
                        "chat_id": 70_000 + n,
                        "level": "beginner",
                        "running_days": [1, 3, 5],
                        "hard_days": [5],
                        "reminder_time": time(7, 30),
                        "time_zone": "Europe/Berlin",
                        "onboarded": True,
                    }
                    for n in range(120)
                ],
            )
            ids = list(await db.scalars(select(Runner.id)))
            await db.execute(
                insert(Reminder),
                [
                    {
                        "runner_id": runner_id,
                        "local_date": NOW.date(),
                        "due_at": NOW - timedelta(seconds=n),
                    }
                    for n, runner_id in enumerate(ids)
                ],
            )
            await db.commit()
        sizes = []
        for claimer in ("a", "b", "c", "d", "e"):
            async with maker() as db:
                batch = await claims.claim_due(db, NOW, 30, claimer, timedelta(minutes=5))
                await db.commit()
            sizes.append(len(batch))
            # oldest first, and each batch carries its runners
            dues = [due.reminder.due_at for due in batch]
            assert dues == sorted(dues)
            assert all(due.runner.id == due.reminder.runner_id for due in batch)
        assert sizes == [30, 30, 30, 30, 0]
    finally:
        await engine.dispose()
