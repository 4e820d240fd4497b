"""Harder and Easier on the fast path (``storage.presses.move``), on SQLite and PostgreSQL:
the item's new rung, the runner's progression and the event are written together, and a
press on a card that is out of date writes none of them. On PostgreSQL the three writes
are one statement; a unit of one statement (a second Harder, held) is sent alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.flows.press import Action, PressOutcome, press_fast, rung_token
from content.ladder import ChangeKind, Direction, ProgressionState, rung_index
from content.ladder import move as ladder_move
from content.library import default_library
from content.model import Equipment, Prescription, Unit
from storage import migrate, presses, progressions, sessions
from storage.db import create_engine, create_sessionmaker
from storage.enums import EventKind, ItemStatus, SessionStatus
from storage.fast import FastPath
from storage.models import ProgressionEvent
from tests.factories import make_runner

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
PLAN = [Prescription("squat", "body_weight", 3, 10, Unit.REPS, False)]


async def test_a_move_writes_the_item_the_state_and_the_event_or_nothing(db_url: str) -> None:
    engine = create_engine(db_url)
    autocommit = create_engine(db_url, isolation_level="AUTOCOMMIT")
    fast = FastPath(autocommit)
    library = default_library()
    try:
        await migrate.upgrade(engine)
        async with create_sessionmaker(engine)() as db:
            runner = await make_runner(db, equipment=[Equipment.HIP_BAND])
            started = await sessions.create(db, runner.id, warmup="w", items=PLAN, now=NOW)
            assert started is not None
            await db.commit()
        item = started.items[0]
        user = runner.telegram_user_id
        before = await presses.view(fast, item.id, user)
        assert before is not None
        first_rung = rung_index(library.get("squat"), item.rung_id)

        moved = await press_fast(
            fast, library, user, item.id, Action.HARDER, rung_token(first_rung), NOW
        )
        assert moved is not None and moved.outcome is PressOutcome.MOVED
        after = await presses.view(fast, item.id, user)
        assert after is not None and after.item.rung_id != item.rung_id
        assert after.item.moved_up is True
        async with create_sessionmaker(engine)() as db:
            state = await progressions.get_state(db, runner.id, "squat")
            assert state is not None and state.rung_id == after.item.rung_id
            kinds = (await db.execute(select(ProgressionEvent.kind))).scalars().all()
            assert kinds == [EventKind.HARDER.value]

        # the same press again from the old card (the rung it showed is gone): nothing moves
        exercise = library.get("squat")
        here = ProgressionState("squat", item.rung_id, item.reps, sets=item.sets)
        equipment = frozenset({Equipment.NONE, Equipment.HIP_BAND})
        new_state, change = ladder_move(exercise, here, Direction.UP, equipment)
        assert change.kind is ChangeKind.UP
        target = exercise.rung(new_state.rung_id)
        assert target is not None
        stale = await presses.move(
            fast,
            before,
            rung_id=target.id,
            reps=new_state.reps,
            sets=3,
            per_side=False,
            unit=Unit.REPS,
            state=replace(new_state, top_streak=9),
            kind=EventKind.HARDER,
            change=change,
            now=NOW,
            moved_up=True,
        )
        assert stale is False
        async with create_sessionmaker(engine)() as db:
            state = await progressions.get_state(db, runner.id, "squat")
            assert state is not None and state.top_streak != 9  # not written
            count = await db.scalar(select(func.count()).select_from(ProgressionEvent))
            assert count == 1

        # a Harder held (the state remembers to offer it next time): a unit of one
        # statement, sent alone on PostgreSQL; the rung stays
        await presses.hold(fast, after, replace(new_state, harder_next=True), NOW)
        async with create_sessionmaker(engine)() as db:
            state = await progressions.get_state(db, runner.id, "squat")
            assert state is not None and state.harder_next is True
        again = await presses.view(fast, item.id, user)
        assert again is not None and again.item.rung_id == after.item.rung_id
    finally:
        await fast.close()
        await autocommit.dispose()
        await engine.dispose()


async def test_closing_an_exercise_makes_the_next_current_or_writes_nothing(
    db_url: str,
) -> None:
    engine = create_engine(db_url)
    autocommit = create_engine(db_url, isolation_level="AUTOCOMMIT")
    fast = FastPath(autocommit)
    plan = [
        Prescription("squat", "body_weight", 3, 10, Unit.REPS, False),
        Prescription("calf_raise", "two_leg", 3, 15, Unit.REPS, False),
    ]
    try:
        await migrate.upgrade(engine)
        async with create_sessionmaker(engine)() as db:
            runner = await make_runner(db)
            earlier = await sessions.create(db, runner.id, warmup="w", items=plan[1:], now=NOW)
            assert earlier is not None
            await sessions.set_message(db, earlier.items[0].id, 5)  # calf raises were shown
            await sessions.finish(db, earlier.id, SessionStatus.FINISHED, NOW)
            started = await sessions.create(db, runner.id, warmup="w", items=plan, now=NOW)
            assert started is not None
            await db.commit()
        first, second = started.items

        advanced = await presses.close_and_advance(fast, first, ItemStatus.SKIPPED)
        assert advanced is not None and advanced.next_item is not None
        assert advanced.next_item.id == second.id
        assert advanced.next_item.status is ItemStatus.ACTIVE
        assert advanced.next_item.met is True  # its card went out in the earlier session
        # the same close again (a double tap): nothing is written, nothing moves on
        assert await presses.close_and_advance(fast, first, ItemStatus.SKIPPED) is None
        async with create_sessionmaker(engine)() as db:
            stored = await sessions.load(db, started.id)
            assert stored is not None and stored.current_position == 1
            assert [item.status for item in stored.items] == [
                ItemStatus.SKIPPED,
                ItemStatus.ACTIVE,
            ]

        last = await presses.close_and_advance(fast, advanced.next_item, ItemStatus.DONE)
        assert last is not None and last.next_item is None  # the session's last exercise
        async with create_sessionmaker(engine)() as db:
            stored = await sessions.load(db, started.id)
            assert stored is not None and stored.current is None
            assert stored.items[1].status is ItemStatus.DONE
        # an old Skip on the first card now: it moves nothing back (the next exercise is
        # not made current again, the session's place stays past the end)
        assert await presses.close_and_advance(fast, first, ItemStatus.SKIPPED) is None
        async with create_sessionmaker(engine)() as db:
            again = await sessions.load(db, started.id)
            assert again == stored
    finally:
        await fast.close()
        await autocommit.dispose()
        await engine.dispose()
