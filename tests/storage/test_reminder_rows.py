"""The reminder side reads and writes plain rows, and a handler's session, which holds the
runner as an ORM object, never sees stale data because of it (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import update

from bot.flows import plan as planning
from content.reminders import PlannedLegDay, ReminderKind, ReminderStatus
from storage import reminders, runners
from storage.db import create_engine, create_sessionmaker
from storage.models import Reminder, Runner
from tests.factories import make_runner
from tests.harness import create_schema

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)  # Wednesday, 09:00 in Berlin
MONDAY = date(2026, 11, 30)


async def test_a_handler_session_sees_its_changes_and_the_reminder_writes(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        await create_schema(engine)
        maker = create_sessionmaker(engine)
        async with maker() as db:
            stored = await make_runner(
                db, paused=True, paused_until=date(2026, 11, 20), weekly_recap=False
            )
            await db.commit()
        async with maker() as db:
            # as the per-update handler does: the runner loaded as an ORM object, and renamed
            # in memory (not flushed yet); the object is kept alive, as a handler may
            profile, _ = await runners.get_or_create(
                db,
                telegram_user_id=stored.telegram_user_id,
                chat_id=stored.chat_id,
                first_name="Robin",
            )
            held = await db.get(Runner, profile.id)
            assert held is not None
            # a plain-row read sees the change the session has not flushed
            (read,) = (await runners.load_profiles(db, [profile.id])).values()
            assert read.first_name == "Robin"
            # the expired pause is cleared, and the object the session holds knows it
            fresh = await planning.replan(db, profile, NOW)
            assert (fresh.paused, fresh.paused_until) == (False, None)
            assert (held.paused, held.paused_until) == (False, None)
            # a dispatcher's 403 marks the runner blocked; the object held sees that too
            await runners.block(db, profile.id)
            assert held.blocked
            again = await runners.get_runner(db, profile.id)
            assert again is not None and again.blocked
            (planned,) = await reminders.for_runner(db, profile.id)
            assert (planned.local_date, planned.status) == (MONDAY, ReminderStatus.PENDING)
            # reminders never enter the session as objects: nothing of theirs can go stale
            assert not any(isinstance(held, Reminder) for held in db.identity_map.values())
    finally:
        await engine.dispose()


async def test_answers_and_snoozes_are_conditional_row_writes(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        await create_schema(engine)
        async with create_sessionmaker(engine)() as db:
            runner = await make_runner(db, weekly_recap=False)
            await planning.replan(db, runner, NOW)
            (waiting,) = await reminders.for_runner(db, runner.id)
            # pending: nothing to answer yet
            assert not await reminders.answer(db, waiting.id, ReminderStatus.SKIPPED)
            await db.execute(
                update(Reminder)
                .where(Reminder.id == waiting.id)
                .values(status=ReminderStatus.SENT.value)
            )
            assert await reminders.answer(db, waiting.id, ReminderStatus.SNOOZED)
            assert not await reminders.answer(db, waiting.id, ReminderStatus.STARTED)  # twice
            again = PlannedLegDay(datetime(2026, 11, 30, 7, 30, tzinfo=UTC), MONDAY)
            first = await reminders.snooze(db, runner.id, again)
            later = PlannedLegDay(datetime(2026, 11, 30, 8, 45, tzinfo=UTC), MONDAY)
            second = await reminders.snooze(db, runner.id, later)
            # one snooze row per day, reused, pending again at the later time
            assert (first.id, first.kind) == (second.id, ReminderKind.SNOOZE)
            assert (second.due_at, second.status) == (later.due_at, ReminderStatus.PENDING)
            answered = await reminders.get(db, waiting.id)
            assert answered is not None and answered.status is ReminderStatus.SNOOZED
            monday = await reminders.recent_of(db, runner.id, MONDAY)
            assert sorted(row.id for row in monday) == sorted([waiting.id, first.id])
    finally:
        await engine.dispose()
