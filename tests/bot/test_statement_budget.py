"""How many times each kind of update goes to the database: a budget per path.

Speed is measured in ``bench presses`` (docs/PERFORMANCE.md), never here; what is pinned here
is what does not depend on the machine: the statements an update runs on its ORM session
(counted with an engine event) and its calls on the fast path's held connection (one round
trip each; a unit is one call on SQLite's thread, one round trip per step on PostgreSQL).
A change that adds one fails here and has to raise the budget on purpose.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import event

from bot.context import SERVICES_KEY
from bot.offline import ChatDriver
from storage.fast import FastPath
from tests.factories import EFFORT_QUESTION, finish_session, onboard
from tests.harness import BotHarness, running_bot


@dataclass
class Trips:
    statements: list[str] = field(default_factory=list)
    fast: list[str] = field(default_factory=list)

    def describe(self) -> str:
        lines = [f"  orm: {sql.split(chr(10))[0][:100]}" for sql in self.statements]
        return "\n".join([*lines, *(f"  fast: {name}" for name in self.fast)])


@contextmanager
def counting(bot: BotHarness) -> Iterator[Trips]:
    trips = Trips()

    def on_statement(*args: Any) -> None:
        trips.statements.append(args[2])

    fast: FastPath = bot.application.bot_data[SERVICES_KEY].fast
    originals = {name: getattr(fast, name) for name in ("fetch_one", "fetch_all", "unit")}

    def counted(name: str) -> Callable[..., Awaitable[Any]]:
        async def call(*args: Any, **kwargs: Any) -> Any:
            trips.fast.append(name)
            return await originals[name](*args, **kwargs)

        return call

    event.listen(bot.engine.sync_engine, "before_cursor_execute", on_statement)
    for name in originals:
        setattr(fast, name, counted(name))
    try:
        yield trips
    finally:
        event.remove(bot.engine.sync_engine, "before_cursor_execute", on_statement)
        for name, original in originals.items():
            setattr(fast, name, original)


async def measure(bot: BotHarness, action: Callable[[], Awaitable[object]]) -> Trips:
    with counting(bot) as trips:
        await action()
    return trips


# (statements on the ORM session, calls on the fast path) at most, per kind of update
BUDGET = {
    "session start": (5, 2),
    "Harder": (0, 2),
    "Done": (0, 1),
    "Skip": (0, 3),
    "summary": (13, 2),
    "/profile": (3, 2),
    "/next": (2, 2),
    "onboarding answer": (3, 1),
}


async def test_each_kind_of_update_stays_within_its_round_trips(db_url: str) -> None:
    async with running_bot(db_url) as bot:
        runner: ChatDriver = bot.runner()
        await onboard(runner, level="Intermediate", equipment=("Dumbbells",))
        seen: dict[str, Trips] = {}
        bot.clock.advance(timedelta(days=2))
        await runner.command("workout")  # every exercise met once: its picture is sent
        await finish_session(runner)
        bot.clock.advance(timedelta(days=2))
        seen["session start"] = await measure(bot, lambda: runner.command("workout"))
        seen["Harder"] = await measure(bot, lambda: runner.press("Harder"))
        seen["Done"] = await measure(bot, lambda: runner.press("Done"))
        seen["Skip"] = await measure(bot, lambda: runner.press("Skip"))
        for _ in range(60):
            if EFFORT_QUESTION in runner.last_text:
                trips = await measure(bot, lambda: runner.press("Just right"))
                if "Summary" in runner.last_text:
                    seen["summary"] = trips
                    break
            else:
                await runner.press("Done")
        assert "Summary" in runner.last_text
        seen["/profile"] = await measure(bot, lambda: runner.command("profile"))
        assert "Level" in runner.last_text or "level" in runner.last_text
        seen["/next"] = await measure(bot, lambda: runner.command("next"))
        assert "leg day" in runner.last_text.lower()
        await runner.command("settings")
        await runner.press("Level")
        seen["onboarding answer"] = await measure(bot, lambda: runner.press("Intermediate"))

        report = {kind: (len(t.statements), len(t.fast)) for kind, t in seen.items()}
        over = {
            kind: f"{report[kind]} > {limit}\n{seen[kind].describe()}"
            for kind, limit in BUDGET.items()
            if report[kind][0] > limit[0] or report[kind][1] > limit[1]
        }
        assert not over, f"over budget: {over}"
        assert seen["Done"].statements == []  # the hot press never opens an ORM session
