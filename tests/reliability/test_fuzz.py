"""Thousands of random updates from ten runners through the real Application (issue 11).

Hypothesis draws each batch of actions (``fuzz_actions``) against what is on the runners'
screens; the runners and the database carry over from batch to batch, so later batches find
runners mid-onboarding, mid-session, with reminders waiting. After every update: no error
reached the error handler, not even in an update with an injected Telegram fault (every call
to Telegram is forgiving: a failed one is logged and the update goes on), and no other
runner's rows changed. After every batch: the database invariants (``fuzz_checks``).

Derandomized (the same actions every run) and not shrunk: a failure prints the last actions.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings
from sqlalchemy import delete, func, select

from content.library import default_library
from content.model import Equipment
from storage.models import LegSession, Reminder, SessionItem, SetLog
from tests.factories import onboard
from tests.harness import BotHarness, postgres_database, running_bot, sqlite_url
from tests.reliability.fuzz_actions import Action, Batch, Fuzz, Kind, Step, batches
from tests.reliability.fuzz_checks import Snapshot, changed, check_invariants, kits, snapshot

# To explore beyond CI's fixed run: FUZZ_BATCHES=200 FUZZ_SEED=7 pytest ... -k sqlite -s
BATCHES = int(os.environ.get("FUZZ_BATCHES", "11"))
SEED = os.environ.get("FUZZ_SEED")
STEPS = 192  # per batch: less the time steps, some 2,050 updates in all
MIN_UPDATES = 2000


class ErrorLog(logging.Handler):
    """Every ERROR (or worse) logged anywhere while installed."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class World:
    """The fuzz's runners on one bot, what their rows looked like after the last update,
    and every piece of kit each has had."""

    def __init__(self, bot: BotHarness) -> None:
        self.bot = bot
        self.fuzz = Fuzz.create(bot)
        self.library = default_library()
        self.rows: Snapshot = {}
        self.kit_held: dict[int, set[Equipment]] = {}
        self.errors = ErrorLog()
        self.kinds: Counter[Kind] = Counter()
        self.faults: Counter[str] = Counter()  # updates with an injected fault, by fault

    async def look(self) -> Snapshot:
        """Every runner's rows now; and their kit, when a runner's own row changed."""
        async with self.bot.session() as db:
            rows = await snapshot(db)
            if any(
                self.rows.get(user, {}).get("runner") != tables.get("runner")
                for user, tables in rows.items()
            ):
                for user, kit in (await kits(db)).items():
                    self.kit_held.setdefault(user, set()).update(kit)
        return rows

    def context(self) -> str:
        return "\n".join(self.fuzz.log[-25:])

    async def step(self, action: Action) -> None:
        seen = len(self.errors.records)
        step = await self.fuzz.perform(action)
        self.kinds[step.kind] += 1
        if step.faulted:
            self.faults[action.fault] += 1
        self.bot.api.faults.forget_queued()
        after = await self.look()
        self._check_errors(step, self.errors.records[seen:])
        if step.update:
            others = changed(self.rows, after) - {step.actor}
            assert not others, (
                f"{step.kind} by {step.actor} changed the rows of {sorted(others)}\n"
                + self.context()
            )
        self.rows = after

    def _check_errors(self, step: Step, records: list[logging.LogRecord]) -> None:
        for record in records:
            error = record.exc_info[1] if record.exc_info else None
            raise AssertionError(
                f"{step.kind} logged an error: {record.getMessage()} ({error!r})\n"
                + self.context()
            ) from error

    async def batch(self, batch: list[Action]) -> None:
        for action in batch:
            await self.step(action)
        async with self.bot.session() as db:
            broken = await check_invariants(db, self.library, self.kit_held)
        assert not broken, "\n".join(broken) + "\n" + self.context()


@asynccontextmanager
async def world_on(database: str, folder: Path, pictures: Path) -> AsyncIterator[World]:
    async with AsyncExitStack() as stack:
        if database == "sqlite":
            url = sqlite_url(folder)
        else:
            url = await stack.enter_async_context(postgres_database())
        bot = await stack.enter_async_context(running_bot(url, pictures_dir=pictures))
        world = World(bot)
        world.rows = await world.look()
        yield world


async def _figures(bot: BotHarness) -> tuple[int, int, int]:
    async with bot.session() as db:
        sets = await db.scalar(select(func.count()).select_from(SetLog))
        finished = await db.scalar(
            select(func.count()).select_from(LegSession).where(LegSession.status == "finished")
        )
        sent = await db.scalar(
            select(func.count()).select_from(Reminder).where(Reminder.sent_at.is_not(None))
        )
    return int(sets or 0), int(finished or 0), int(sent or 0)


async def test_a_snapshot_sees_a_change_to_any_row_of_any_runner(db_url: str) -> None:
    async with running_bot(db_url) as bot:
        kim, lee = bot.runner(first_name="Kim"), bot.runner(first_name="Lee")
        for driver in (kim, lee):
            await onboard(driver)
        await kim.command("workout")
        async with bot.session() as db:
            before = await snapshot(db)
            item = await db.scalar(select(SessionItem).order_by(SessionItem.id))
            assert item is not None
            item.reps += 1
            await db.flush()
            assert changed(before, await snapshot(db)) == {kim.user_id}
            await db.execute(delete(Reminder))  # both have a leg day planned
            assert changed(before, await snapshot(db)) == {kim.user_id, lee.user_id}
            await db.rollback()
            assert changed(before, await snapshot(db)) == set()


@pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_thousands_of_random_updates_break_nothing_and_touch_only_their_runner(
    database: str, tmp_path: Path, pictures_dir: Path
) -> None:
    root = logging.getLogger()
    with asyncio.Runner() as loop:
        opened = world_on(database, tmp_path, pictures_dir)
        world = loop.run(opened.__aenter__())
        root.addHandler(world.errors)
        try:

            @settings(
                max_examples=BATCHES,
                derandomize=SEED is None,
                database=None,
                deadline=None,
                phases=(Phase.generate,),
                suppress_health_check=list(HealthCheck),
                verbosity=Verbosity.quiet,  # not hundreds of draws: the last actions say more
            )
            @seed(int(SEED or 0))
            @given(batches(STEPS))
            def batch(listed: Batch) -> None:
                loop.run(world.batch(listed))

            batch()
            figures = loop.run(_figures(world.bot))

        finally:
            root.removeHandler(world.errors)
            loop.run(opened.__aexit__(None, None, None))
    sets, finished, sent = figures
    summary = (
        f"{world.fuzz.updates} updates {dict(world.kinds)}; {sets} sets, {finished} sessions "
        f"finished, {sent} reminders sent; {sum(world.faults.values())} updates with an "
        f"injected fault {dict(world.faults)}, none reaching the error handler"
    )
    print(summary)
    assert world.fuzz.updates >= MIN_UPDATES, summary
    # the runners got deep: sessions done and reminders sent, not just /start
    assert sets > 50 and finished > 0 and sent > 0, summary
