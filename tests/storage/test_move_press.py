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
from storage.enums import EventKind
from storage.fast import FastPath
from storage.models import ProgressionEvent
from tests.factories import make_runner

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
PLAN = [Prescription("squat", "body_weight", 3, 10, Unit.REPS, False)]


async def test_a_move_writes_the_item_the_state_and_the_event_or_nothing(db_url: str) -> None:
    engine = create_engine(db_url)
    fast = FastPath(create_engine(db_url, isolation_level="AUTOCOMMIT"))
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
        await engine.dispose()
