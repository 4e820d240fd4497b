"""/deletedata and /privacy through the real Application, on SQLite and PostgreSQL: one
runner's every row erased in one go, the other runner's rows all unchanged, forged and
stale presses refused, and a later /start beginning from nothing."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Table, select

from bot.clock import ManualClock
from bot.offline import ChatDriver
from storage.base import Base
from storage.erase import NOT_PERSONAL, PERSONAL
from storage.models import LegSession, Reminder, Runner
from storage.runners import find_by_telegram_id
from tests.bot.test_history import do_session
from tests.factories import onboard
from tests.harness import DEFAULT_NOW, BotHarness, running_bot

Snapshot = dict[str, set[tuple[Any, ...]]]


@pytest.fixture
async def either_bot(db_url: str) -> AsyncIterator[BotHarness]:
    """The real bot on SQLite, and on the real PostgreSQL server."""
    async with running_bot(db_url, ManualClock(DEFAULT_NOW)) as harness:
        yield harness


async def snapshot(bot: BotHarness) -> Snapshot:
    """Every row of every table that holds runners' data (the bot's own bookkeeping, such as
    the update ids it has handled, moves on with every message anyone sends)."""
    found: Snapshot = {}
    async with bot.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name == "handled_update":
                continue
            rows = await connection.execute(select(table))
            found[table.name] = {tuple(_hashable(value) for value in row) for row in rows}
    return found


def _hashable(value: Any) -> Any:
    """JSON columns (lists, dicts) as their sorted JSON text."""
    return json.dumps(value, sort_keys=True) if isinstance(value, list | dict) else value


def rows_of(before: Snapshot, runner_id: int) -> Snapshot:
    """The rows of ``before`` that belong to one runner."""
    tables = {table.name: table for table in Base.metadata.sorted_tables}

    def column(table: Table, name: str) -> int:
        return [c.name for c in table.columns].index(name)

    sessions = {
        row[column(tables["leg_session"], "id")]
        for row in before["leg_session"]
        if row[column(tables["leg_session"], "runner_id")] == runner_id
    }
    owned: Snapshot = {}
    for name, rows in before.items():
        table = tables[name]
        names = [c.name for c in table.columns]
        if name == "runner":
            owned[name] = {row for row in rows if row[names.index("id")] == runner_id}
        elif "runner_id" in names:
            owned[name] = {row for row in rows if row[names.index("runner_id")] == runner_id}
        elif name == "session_item":
            owned[name] = {row for row in rows if row[names.index("session_id")] in sessions}
        else:
            owned[name] = set()
    return owned


async def runner_of(bot: BotHarness, driver: ChatDriver) -> int:
    async with bot.session() as db:
        profile = await find_by_telegram_id(db, driver.user_id)
    assert profile is not None
    return profile.id


def answer_text(bot: BotHarness) -> str:
    return str(bot.api.calls_to("answerCallbackQuery")[-1].params.get("text", ""))


async def two_runners_with_history(bot: BotHarness) -> tuple[ChatDriver, ChatDriver]:
    alex, kim = bot.runner(first_name="Alex"), bot.runner(first_name="Kim")
    for driver in (alex, kim):
        await onboard(driver)
    for number in range(3):
        await do_session(bot, alex, skip=number == 1)
        await do_session(bot, kim, stop_early=number == 2)
    await alex.send("my calf is a bit sore")  # a sore area remembered
    return alex, kim


async def test_deleting_erases_every_row_of_one_runner_and_no_other(
    either_bot: BotHarness,
) -> None:
    bot = either_bot
    alex, kim = await two_runners_with_history(bot)
    alex_id = await runner_of(bot, alex)
    before = await snapshot(bot)
    alex_rows = rows_of(before, alex_id)
    assert all(alex_rows[name] for name in PERSONAL)  # something to erase in every table

    await alex.command("deletedata")
    question = alex.last_message
    assert "Erase everything I keep about you?" in question.plain_text
    assert "3 sessions" in question.plain_text
    assert question.button_labels == ["Delete everything", "Cancel"]

    # Kim presses a copy of Alex's button (a forged press): refused, nothing erased
    _message, button = bot.api.find_button(alex.chat_id, "Delete everything")
    assert button.callback_data is not None
    await kim.press_data(question.message_id, button.callback_data)
    assert answer_text(bot) == "That button isn't for you."
    assert await snapshot(bot) == before

    await alex.press("Delete everything")
    done = alex.last_message
    assert done.message_id == question.message_id and done.button_labels == []
    assert "everything is erased" in done.plain_text
    sets = len(alex_rows["set_log"])
    assert f"{sets} sets logged" in done.plain_text
    assert f"{len(alex_rows['reminder'])} reminder" in done.plain_text

    after = await snapshot(bot)
    expected = {name: rows - alex_rows[name] for name, rows in before.items()}
    assert after == expected  # Alex's rows gone, every other row exactly as it was
    assert rows_of(after, alex_id) == {name: set() for name in before}

    # a later /start begins from nothing: a new profile, the first question again
    await alex.command("start")
    async with bot.session() as db:
        fresh = await db.scalar(select(Runner).where(Runner.telegram_user_id == alex.user_id))
        assert fresh is not None and fresh.id != alex_id and not fresh.onboarded
        assert await db.scalar(select(LegSession).where(LegSession.runner_id == fresh.id)) is None
        assert await db.scalar(select(Reminder).where(Reminder.runner_id == fresh.id)) is None
    await alex.command("history")
    assert "No sessions yet" in alex.last_text

    # the old button erases nothing more: its data is gone
    await alex.press_data(question.message_id, button.callback_data)
    assert "already erased" in answer_text(bot)


async def test_cancel_and_an_expired_button_erase_nothing(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await do_session(bot, runner)
    before = await snapshot(bot)
    await runner.command("deletedata")
    await runner.press("Cancel")
    assert runner.last_text == "Nothing was erased. Your data stays as it is."
    await runner.command("deletedata")
    bot.clock.advance(timedelta(minutes=16))
    await runner.press("Delete everything")
    assert "expired" in answer_text(bot)
    after = await snapshot(bot)
    # only the runner row's bookkeeping may differ; nothing was erased
    assert {name: len(rows) for name, rows in after.items()} == {
        name: len(rows) for name, rows in before.items()
    }


async def test_forged_delete_data_presses_are_answered_as_stale(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("deletedata")
    question = runner.last_message
    for data in ("del:", "del:1:2:3", f"del:{runner.user_id}:x:1:y", "del:1:2:3:maybe"):
        await runner.press_data(question.message_id, data)
        assert answer_text(bot) == "That button no longer works. Here's where we are now."
    assert await runner_of(bot, runner)  # still there


async def test_privacy_says_what_is_kept_and_how_to_take_it_away(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.command("privacy")
    text = runner.last_text
    for words in ("What I keep about you", "How long", "/export", "/deletedata"):
        assert words in text


def test_every_table_is_either_a_runners_or_the_bots() -> None:
    tables = {table.name for table in Base.metadata.sorted_tables}
    assert tables == PERSONAL | NOT_PERSONAL
    assert not PERSONAL & NOT_PERSONAL
    for table in Base.metadata.sorted_tables:
        if "runner_id" in table.columns or table.name == "runner":
            assert table.name in PERSONAL
