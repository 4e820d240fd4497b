"""The runner's language through the real Application: Telegram's on first contact, the
stored one afterwards, /language (buttons, typed, from /settings, mid-conversation), the
command menu and descriptions per language, and reminders composed in each runner's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.dispatch import message as reminder_module
from bot.dispatch.message import reminder_message
from bot.handlers import session as session_handler
from bot.i18n import current_language
from content.languages import Language
from content.reminders import ReminderKind, ReminderStatus, StoredReminder
from storage.claims import DueReminder
from storage.models import Runner
from storage.runners import RunnerProfile
from tests.factories import onboard
from tests.harness import BotHarness

HELP_HEADINGS = {
    "en": "What I can do",
    "de": "Das kann ich",
    "es": "Lo que puedo hacer",
    "fr": "Ce que je sais faire",
}


async def stored_language(bot: BotHarness, user_id: int) -> str:
    async with bot.session() as db:
        row = await db.scalar(select(Runner).where(Runner.telegram_user_id == user_id))
        assert row is not None
        return row.language


@pytest.mark.parametrize(
    ("telegram", "heading"),
    [
        ("de", HELP_HEADINGS["de"]),
        ("de-AT", HELP_HEADINGS["de"]),
        ("es", HELP_HEADINGS["es"]),
        ("fr-CA", HELP_HEADINGS["fr"]),
        ("en", HELP_HEADINGS["en"]),
        ("pt-BR", HELP_HEADINGS["en"]),  # not spoken yet: English
        (None, HELP_HEADINGS["en"]),
    ],
)
async def test_help_comes_in_the_language_telegram_says_on_first_contact(
    bot: BotHarness, telegram: str | None, heading: str
) -> None:
    runner = bot.runner(language_code=telegram)
    await runner.command("help")
    assert runner.last_text.startswith(heading)
    assert await stored_language(bot, runner.user_id) == (telegram or "en")


async def test_a_german_user_gets_help_in_german(bot: BotHarness) -> None:
    runner = bot.runner(language_code="de")
    await runner.command("help")
    text = runner.last_text
    assert "/workout - Jetzt ein Beintraining starten" in text
    assert "/language - Meine Sprache ändern: English, Deutsch, Español, Français" in text
    assert "wie mache ich eine Brücke?" in text
    assert "Start a leg session now" not in text
    await runner.command("nxt")
    assert runner.last_text == "/nxt kenne ich nicht. Meintest du /next? /help zeigt dir alles."


async def test_the_stored_language_wins_over_telegrams(bot: BotHarness) -> None:
    runner = bot.runner(language_code="de")
    await runner.command("language", "english")
    assert runner.last_text.startswith("From now on I'll speak English with you.")
    await runner.command("help")
    assert runner.last_text.startswith(HELP_HEADINGS["en"])
    assert await stored_language(bot, runner.user_id) == "en"


async def test_language_offers_four_buttons_and_switches_at_once(bot: BotHarness) -> None:
    runner = bot.runner(language_code="de-AT")
    await runner.command("language")
    choice = runner.last_message
    assert choice.plain_text == "In welcher Sprache soll ich mit dir sprechen?"
    assert choice.button_labels == ["English", "Deutsch ✅", "Español", "Français"]
    await runner.press("Español")
    edited = runner.api.message(runner.chat_id, choice.message_id)
    assert edited is not None and edited.button_labels == []
    assert edited.plain_text.startswith("A partir de ahora te hablo en español.")
    # the region Telegram gave stays: it picks formats and the weight unit, never the words
    assert await stored_language(bot, runner.user_id) == "es-AT"
    await runner.command("help")
    assert runner.last_text.startswith(HELP_HEADINGS["es"])
    await runner.command("language")
    assert runner.last_message.button_labels == ["English", "Deutsch", "Español ✅", "Français"]


@pytest.mark.parametrize(
    ("typed", "language", "answer"),
    [
        ("Deutsch", "de", "Ab jetzt spreche ich Deutsch mit dir."),
        ("francés", "fr", "À partir de maintenant, je te parle en français."),
        ("ES", "es", "A partir de ahora te hablo en español."),
        ("englisch", "en", "I'm already speaking English with you."),
    ],
)
async def test_language_with_a_name_in_any_of_the_four_languages(
    bot: BotHarness, typed: str, language: str, answer: str
) -> None:
    runner = bot.runner(language_code="en")
    await runner.command("language", typed)
    assert runner.last_text.startswith(answer)
    assert await stored_language(bot, runner.user_id) == language


async def test_language_names_what_it_cannot_speak_and_offers_the_four(bot: BotHarness) -> None:
    runner = bot.runner(language_code="fr")
    await runner.command("language", "klingon")
    assert runner.last_text.startswith("Je ne parle pas encore «\xa0klingon\xa0».")
    assert runner.last_message.button_labels[3] == "Français ✅"
    assert await stored_language(bot, runner.user_id) == "fr"


async def test_language_switches_in_the_middle_of_setting_up(bot: BotHarness) -> None:
    runner = bot.runner(language_code="de")
    await runner.command("start")
    await runner.command("language")
    choice = next(m for m in runner.replies if m.button_labels[:1] == ["English"])
    await runner.press("English", choice)
    edited = runner.api.message(runner.chat_id, choice.message_id)
    assert edited is not None
    assert edited.plain_text.startswith("From now on I'll speak English with you.")
    # an aside: the pending question is pointed back to, last on screen
    assert runner.last_text.startswith("Back to question 1:")
    await runner.command("help")
    assert runner.replies[0].plain_text.startswith(HELP_HEADINGS["en"])
    # the question still takes its answer
    await runner.send("Beginner")
    assert "question 1" not in runner.last_text.lower()
    async with bot.session() as db:
        row = await db.scalar(select(Runner).where(Runner.telegram_user_id == runner.user_id))
        assert row is not None and (row.level, row.language) == ("beginner", "en")


async def test_language_switches_in_the_middle_of_a_session(bot: BotHarness) -> None:
    runner = bot.runner(language_code="en")
    await onboard(runner)
    await runner.command("workout")
    card = runner.last_message
    assert "Done" in " ".join(card.button_labels)
    await runner.command("language", "français")
    assert runner.replies[0].plain_text.startswith("À partir de maintenant, je te parle")
    await runner.command("nope")
    assert runner.last_text.startswith("Je ne connais pas /nope.")
    # the card still works after the switch
    await runner.press("Done")
    assert await stored_language(bot, runner.user_id) == "fr"


async def test_settings_list_the_language_and_open_the_choice(bot: BotHarness) -> None:
    runner = bot.runner(language_code="es")
    await onboard(runner)
    await runner.command("settings")
    assert "Idioma: Español" in runner.last_text
    assert runner.last_message.button_labels[-1] == "Idioma"
    await runner.press("Idioma")
    assert runner.last_text == "¿En qué idioma quieres que te hable?"
    await runner.press("Deutsch")
    await runner.command("settings")
    assert "Sprache: Deutsch" in runner.last_text
    assert runner.last_message.button_labels[-1] == "Sprache"


async def test_the_command_menu_and_descriptions_in_each_language(bot: BotHarness) -> None:
    api = bot.api
    default = api.commands()
    names = [command["command"] for command in default]
    assert "language" in names and names[0] == "start"
    assert default[0]["description"] == "Set up, or see your plan"
    expected = {
        "de": "Einrichten oder deinen Plan ansehen",
        "es": "Configurar o ver tu plan",
        "fr": "Configurer ou voir ton plan",
    }
    for code, first in expected.items():
        menu = api.commands(language_code=code)
        assert [command["command"] for command in menu] == names
        assert menu[0]["description"] == first
        assert all(1 <= len(command["description"]) <= 256 for command in menu)
        assert api.description(code) and api.description(code) != api.description()
        assert 0 < len(api.short_description(code)) <= 120
        assert len(api.description(code)) <= 512
    assert api.short_description("de").startswith("Kurze Beinkraft-Einheiten")
    assert api.description_for("de-AT") == api.description("")  # Telegram matches codes exactly
    assert api.short_description().startswith("Short leg-strength sessions")


def _due(language: str) -> DueReminder:
    now = datetime(2026, 11, 30, 6, 30, tzinfo=UTC)
    runner = RunnerProfile(
        id=1,
        telegram_user_id=1,
        chat_id=1,
        first_name="Kim",
        running_days=(1, 3, 5),
        hard_days=(5,),
        time_zone="Europe/Berlin",
        onboarded=True,
        language=language,
    )
    reminder = StoredReminder(1, 1, ReminderKind.LEG_DAY, now.date(), now, ReminderStatus.CLAIMED)
    return DueReminder(reminder, runner, now + timedelta(minutes=5))


def test_each_reminder_is_composed_in_its_runners_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    heard: list[Language] = []
    leg_day = reminder_module.texts.leg_day

    def listening(**kwargs: object) -> str:
        heard.append(current_language())
        return leg_day(**kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reminder_module.texts, "leg_day", listening)
    for code in ("de-AT", "fr", "en", "pt"):
        text, _markup = reminder_message(_due(code), datetime(2026, 11, 30, 6, 30, tzinfo=UTC))
        assert text
    assert heard == [Language.DE, Language.FR, Language.EN, Language.EN]
    assert current_language() is Language.EN


async def test_the_rest_timer_speaks_the_language_of_the_press(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The timer's job runs outside any update: it carries the language with it."""
    runner = bot.runner(language_code="fr")
    await onboard(runner)
    await runner.command("workout")
    await runner.press("Fait")  # the card speaks French
    queue = bot.application.job_queue
    (job,) = queue.get_jobs_by_name(f"{session_handler.REST_JOB}:{runner.chat_id}")
    assert job.data.language == "fr"
    heard: list[Language] = []
    card_text = session_handler.texts.exercise_card

    def listening(card: object) -> str:
        heard.append(current_language())
        return card_text(card)  # type: ignore[arg-type]

    monkeypatch.setattr(session_handler.texts, "exercise_card", listening)
    await job.run(bot.application)
    assert heard == [Language.FR]
    assert current_language() is Language.EN
