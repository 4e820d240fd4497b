"""A leg-day reminder and the session its Start button begins, in German, Spanish and French,
through the real dispatcher and Application: no English in the reminder, its buttons, or
what Start sends (issue 16)."""

from __future__ import annotations

import pytest

from bot.i18n import pgettext, speaking
from content.model import Level
from tests.harness import BotHarness
from tests.i18n.leaks import assert_no_english
from tests.scheduling.conftest import LegDays, stored_runner

OPENERS = {
    "de": "Beintag, Kim!",
    "es": "¡Día de piernas, Kim!",
    "fr": "Jour de jambes, Kim\u00a0!",
}


@pytest.mark.parametrize("language", ["de", "es", "fr"])
async def test_a_reminder_and_its_session_speak_the_runners_language(
    bot: BotHarness, days: LegDays, language: str
) -> None:
    profile = await stored_runner(bot, level=Level.BEGINNER, language=language)
    await days.deliver_next(profile.id)
    runner = bot.runner(user_id=profile.telegram_user_id, language_code="en")
    reminder = bot.api.last_message(runner.chat_id)
    assert reminder.plain_text.splitlines()[0] == OPENERS[language]
    assert_no_english(reminder.plain_text)
    for label in reminder.button_labels:
        assert_no_english(label)

    mark = runner.mark()
    await runner.press(reminder.button_labels[0])  # Start, as the runner reads it
    sent = runner.sent_since(mark)
    assert len(sent) >= 2  # the session's opening line and its first card
    for message in [*sent, *runner.edits]:
        assert_no_english(message.plain_text)
        for label in message.button_labels:
            assert_no_english(label)
    with speaking(language):
        done = pgettext("card button", "Done")
    assert bot.api.last_message(runner.chat_id).button_labels[0].startswith(done)
