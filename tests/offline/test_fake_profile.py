"""The bot's profile per language, and a driver whose user speaks a language."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import BotCommand, BotCommandScopeAllPrivateChats, BotCommandScopeChat, Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler

from bot.offline import ChatDriver, FakeBotApi
from tests.offline.conftest import TOKEN

App = Application[Any, Any, Any, Any, Any, Any]
START_EN = [BotCommand("start", "Begin"), BotCommand("week", "This week")]
START_DE = [BotCommand("start", "Los geht's"), BotCommand("week", "Diese Woche")]


def names(commands: list[dict[str, Any]]) -> list[str]:
    return [command["description"] for command in commands]


async def test_commands_are_kept_per_scope_and_language(bot: Any, api: FakeBotApi) -> None:
    await bot.set_my_commands(START_EN)
    await bot.set_my_commands(START_DE, language_code="de")
    await bot.set_my_commands([BotCommand("admin", "Admin")], scope=BotCommandScopeChat(7))

    assert [c.description for c in await bot.get_my_commands(language_code="de")] == [
        "Los geht's",
        "Diese Woche",
    ]
    assert await bot.get_my_commands(language_code="fr") == ()  # exactly as set: nothing
    assert names(api.commands(language_code="de")) == ["Los geht's", "Diese Woche"]
    assert names(api.commands({"type": "chat", "chat_id": 7})) == ["Admin"]

    await bot.delete_my_commands(language_code="de")
    assert api.commands(language_code="de") == []
    assert names(api.commands()) == ["Begin", "This week"]


async def test_users_see_commands_by_telegrams_fallback(bot: Any, api: FakeBotApi) -> None:
    await bot.set_my_commands(START_EN)
    await bot.set_my_commands(START_DE, language_code="de")
    await bot.set_my_commands(
        [BotCommand("today", "Heute")], scope=BotCommandScopeAllPrivateChats(), language_code="de"
    )
    await bot.set_my_commands([BotCommand("admin", "Admin")], scope=BotCommandScopeChat(9))

    assert names(api.commands_for(7, "de")) == ["Heute"]  # narrower scope wins
    assert names(api.commands_for(7, "fr")) == ["Begin", "This week"]  # default language
    assert names(api.commands_for(9, "de")) == ["Admin"]  # chat scope, any language
    assert names(api.commands_for(-100, "de")) == ["Los geht's", "Diese Woche"]  # a group


async def test_descriptions_are_kept_per_language(bot: Any, api: FakeBotApi) -> None:
    await bot.set_my_description("Leg strength for runners.")
    await bot.set_my_description("Beinkraft für Läufer.", language_code="de")
    await bot.set_my_short_description("Strong legs, faster runs.")
    await bot.set_my_short_description("Starke Beine.", language_code="de")

    assert (await bot.get_my_description(language_code="de")).description == (
        "Beinkraft für Läufer."
    )
    assert (await bot.get_my_description()).description == "Leg strength for runners."
    assert (await bot.get_my_short_description("de")).short_description == "Starke Beine."
    assert api.description("de") == "Beinkraft für Läufer."
    assert api.description("fr") == ""
    assert api.description_for("fr") == "Leg strength for runners."
    assert api.short_description_for("de") == "Starke Beine."

    await bot.set_my_description("", language_code="de")  # removes the German one
    assert api.description("de") == ""
    assert api.description_for("de") == "Leg strength for runners."


# -- the driver ---------------------------------------------------------------------------------


class Seen:
    """Every update the application received."""

    def __init__(self) -> None:
        self.updates: list[Update] = []

    async def __call__(self, update: object, _context: ContextTypes.DEFAULT_TYPE) -> None:
        assert isinstance(update, Update)
        self.updates.append(update)


@pytest.fixture
def seen() -> Seen:
    return Seen()


@pytest.fixture
async def app(api: FakeBotApi, seen: Seen) -> AsyncIterator[App]:
    application = ApplicationBuilder().token(TOKEN).request(api).get_updates_request(api).build()
    application.add_handler(TypeHandler(Update, seen))
    async with application:
        yield application


async def test_a_driver_carries_its_language_and_may_switch(
    app: App, api: FakeBotApi, seen: Seen
) -> None:
    runner = ChatDriver(app, api, user_id=7, language_code="de")
    await runner.send("Hallo")
    runner.language_code = "fr"
    await runner.press_data(1, "x")
    runner.language_code = None
    await runner.send("?")

    languages = [u.effective_user.language_code for u in seen.updates if u.effective_user]
    assert languages == ["de", "fr", None]
    assert runner.language_code is None


async def test_a_driver_sends_documents_and_voice(app: App, api: FakeBotApi, seen: Seen) -> None:
    runner = ChatDriver(app, api, user_id=7)

    await runner.send_document("runs.csv", b"date,km\n", caption="my runs")
    await runner.send_voice(duration=4)

    document, voice = (update.message for update in seen.updates)
    assert document is not None and document.document is not None
    assert (document.document.file_name, document.document.mime_type) == ("runs.csv", "text/csv")
    assert (document.document.file_size, document.caption) == (8, "my runs")
    assert voice is not None and voice.voice is not None
    assert voice.voice.duration.total_seconds() == 4
