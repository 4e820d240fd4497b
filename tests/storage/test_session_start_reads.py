"""A session start's one read and its claim (``storage.starts``), on SQLite and PostgreSQL,
on the migrated schema: what each pair of the joined rows gives back, and whether the first
exercise was met before."""

from __future__ import annotations

from datetime import UTC, date, datetime

from content.ladder import ProgressionState
from content.model import Area, Prescription, Unit, WeightUnit
from content.pain import PainAnswer
from storage import migrate, pain, progressions, sessions, starts
from storage.db import create_engine, create_sessionmaker
from storage.enums import SessionStatus
from tests.factories import make_runner

NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
PLAN = [
    Prescription("squat_jump", "body_weight", 3, 6, Unit.CONTACTS, False),
    Prescription("moving_lunge", "body_weight", 2, 8, Unit.REPS, True),
]


async def test_one_read_gives_the_active_session_count_sore_areas_and_states(
    db_url: str,
) -> None:
    engine = create_engine(db_url)
    try:
        await migrate.upgrade(engine)
        async with create_sessionmaker(engine)() as db:
            runner = await make_runner(db)
            other = await make_runner(db)
            fresh = await starts.reads(db, runner.id)
            assert fresh == starts.StartReads(None, 0, (), {})

            # two finished sessions, an active one; another runner's rows must not mix in
            for _ in range(2):
                done = await sessions.create(db, runner.id, warmup="w", items=PLAN, now=NOW)
                assert done is not None
                await sessions.finish(db, done.id, SessionStatus.FINISHED, NOW, any_open=True)
            active = await sessions.create(db, runner.id, warmup="w", items=PLAN, now=NOW)
            assert active is not None
            await sessions.create(db, other.id, warmup="w", items=PLAN, now=NOW)
            await pain.report(db, other.id, [Area.HIP], date(2026, 11, 20), NOW)
            # three sore areas and three ladders: nine joined rows, taken apart
            await pain.report(
                db, runner.id, [Area.CALF, Area.KNEE, Area.ANKLE], date(2026, 11, 20), NOW
            )
            await pain.record_answer(db, runner.id, Area.KNEE, PainAnswer.SAME, NOW)
            states = [
                ProgressionState("squat", "banded_squat", 12, top_streak=1, sets=3),
                ProgressionState(
                    "single_leg_deadlift",
                    "dumbbell_single_leg_deadlift",
                    8,
                    load=12.5,
                    load_unit=WeightUnit.KG,
                    harder_next=True,
                ),
                ProgressionState("calf_raise", "two_leg_calf_raise", 15, struggle_streak=2),
            ]
            await progressions.save_states(db, runner.id, states)
            await db.commit()

            found = await starts.reads(db, runner.id)
            assert found.active_id == active.id
            assert found.finished == 2
            assert found.sore == await pain.sore_of(db, runner.id)
            assert [item.area for item in found.sore] == [
                area for area in Area if area in {Area.CALF, Area.KNEE, Area.ANKLE}
            ]
            knee = next(item for item in found.sore if item.area is Area.KNEE)
            assert knee.answer is PainAnswer.SAME and knee.since == date(2026, 11, 20)
            assert found.states == await progressions.all_states(db, runner.id)
            assert found.states["single_leg_deadlift"].load == 12.5
            assert found.states["single_leg_deadlift"].load_unit is WeightUnit.KG
            assert found.states["single_leg_deadlift"].harder_next is True
            assert found.states["calf_raise"].struggle_streak == 2
            assert len(found.states) == 3

            assert await starts.reads(db, 10**9) == starts.StartReads(None, 0, (), {})
    finally:
        await engine.dispose()


async def test_the_claim_says_whether_the_first_exercise_was_shown_before(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        await migrate.upgrade(engine)
        async with create_sessionmaker(engine)() as db:
            runner = await make_runner(db)
            other = await make_runner(db)
            # another runner was shown a squat jump card: not this runner's meeting
            theirs = await sessions.create(db, other.id, warmup="w", items=PLAN, now=NOW)
            assert theirs is not None
            await sessions.set_message(db, theirs.items[0].id, 7)

            first = await starts.claim(
                db, runner.id, warmup="march:60s", now=NOW, first_exercise="squat_jump"
            )
            assert first is not None and first.first_met is False
            # one active session per runner: a second claim is refused
            assert await starts.claim(db, runner.id, warmup="w", now=NOW) is None
            stored = await sessions.load(db, first.id)
            assert stored is not None
            assert (stored.status, stored.warmup, stored.started_at) == (
                SessionStatus.ACTIVE,
                "march:60s",
                NOW,
            )

            items = await sessions.add_items(db, first.id, PLAN)
            await sessions.finish(db, first.id, SessionStatus.FINISHED, NOW, any_open=True)
            # an item without a message id was never shown: still not met
            again = await starts.claim(
                db, runner.id, warmup="w", now=NOW, first_exercise="squat_jump"
            )
            assert again is not None and again.first_met is False
            await sessions.finish(db, again.id, SessionStatus.FINISHED, NOW, any_open=True)

            await sessions.set_message(db, items[0].id, 41)  # its card went out
            third = await starts.claim(
                db, runner.id, warmup="w", now=NOW, first_exercise="squat_jump"
            )
            assert third is not None and third.first_met is True
            await sessions.finish(db, third.id, SessionStatus.FINISHED, NOW, any_open=True)
            other_first = await starts.claim(
                db, runner.id, warmup="w", now=NOW, first_exercise="moving_lunge"
            )
            assert other_first is not None and other_first.first_met is False
    finally:
        await engine.dispose()
