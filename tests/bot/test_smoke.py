"""The real Application answers /start through the real handlers and database."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Runner
from tests.harness import BotHarness


async def test_start_replies_and_stores_the_runner(bot: BotHarness) -> None:
    runner = bot.runner(first_name="Sam")
    await runner.command("start")
    texts = bot.api.texts(runner.chat_id)
    assert any("Hi Sam" in text for text in texts)
    assert "How much strength training" in texts[-1]
    assert bot.api.last_message(runner.chat_id).button_labels[:3] == [
        "Beginner",
        "Intermediate",
        "Advanced",
    ]
    async with bot.session() as db:
        stored = await db.scalar(select(Runner).where(Runner.telegram_user_id == runner.user_id))
    assert stored is not None
    assert stored.pending_question == "level"


async def test_command_menu_is_registered_at_start_up(bot: BotHarness) -> None:
    calls = bot.api.calls_to("setMyCommands")
    assert calls, "setMyCommands was not called"
    names = [command["command"] for command in calls[-1].params["commands"]]
    assert {"start", "workout", "how", "settings", "help"} <= set(names)
