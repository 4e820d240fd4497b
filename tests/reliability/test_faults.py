"""Under 10% injected Telegram faults (429, 5xx, timeouts before and after Telegram acted,
network errors), every runner finishes onboarding and a whole session by pressing what is
on their screen, with no set lost or logged twice (issue 11, point 1)."""

from __future__ import annotations

from sqlalchemy import func, select

from storage.models import LegSession, Runner, SessionItem, SetLog
from tests.harness import BotHarness
from tests.reliability.screen import ScreenRunner

RUNNERS = 20
RATE = 0.1


async def _run(bot: BotHarness, seed: int) -> list[ScreenRunner]:
    runners = [ScreenRunner(bot.runner(first_name=f"R{n}"), bot.api) for n in range(RUNNERS)]
    plan = bot.api.inject_faults(rate=RATE, seed=seed)
    with plan:
        # interleaved, one step each in turn, like runners using the bot at the same time
        pending = list(runners)
        rounds = 0
        while pending:
            rounds += 1
            assert rounds < 500, "runners stuck"
            for runner in list(pending):
                if runner.finished_session:
                    pending.remove(runner)
                    continue
                assert runner.steps < 400, runner.presses[-12:]
                await runner.step()
    assert plan.injected > 50  # the faults really happened
    return runners


async def _check_database(bot: BotHarness) -> None:
    async with bot.session() as db:
        onboarded = await db.scalar(
            select(func.count()).select_from(Runner).where(Runner.onboarded.is_(True))
        )
        assert onboarded == RUNNERS
        finished = await db.scalar(
            select(func.count()).select_from(LegSession).where(LegSession.status == "finished")
        )
        assert finished == RUNNERS
        assert (
            await db.scalar(
                select(func.count()).select_from(LegSession).where(LegSession.status == "active")
            )
            == 0
        )
        items = list(await db.scalars(select(SessionItem)))
        assert items and all(item.status == "done" for item in items)
        assert all(item.sets_done == item.sets for item in items)
        logs = int(await db.scalar(select(func.count()).select_from(SetLog)) or 0)
        # every set logged exactly once: one row per set, none missing, none doubled
        assert logs == sum(item.sets for item in items)
        distinct = await db.scalar(
            select(func.count()).select_from(
                select(SetLog.item_id, SetLog.set_number).distinct().subquery()
            )
        )
        assert distinct == logs


async def test_twenty_runners_finish_under_ten_percent_faults_on_sqlite(
    bot: BotHarness,
) -> None:
    runners = await _run(bot, seed=11)
    assert all(runner.finished_session for runner in runners)
    await _check_database(bot)


async def test_twenty_runners_finish_under_ten_percent_faults_on_postgres(
    pg_bot: BotHarness,
) -> None:
    runners = await _run(pg_bot, seed=12)
    assert all(runner.finished_session for runner in runners)
    await _check_database(pg_bot)
