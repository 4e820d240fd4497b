"""The exercise library in the runner's language through the real Application: how-to
questions asked in German, Spanish and French are answered with that language's words, and
every how-to text of every language fits Telegram's limits."""

from __future__ import annotations

import pytest

from bot.i18n import speaking
from bot.texts.howto import howto_text, picture_caption
from bot.texts.limits import CAPTION_LIMIT, TEXT_LIMIT, utf16_len
from content.languages import SUPPORTED, Language
from content.library import default_library
from tests.harness import BotHarness

LIBRARY = default_library()


async def test_a_german_question_gets_the_german_how_to(bot: BotHarness) -> None:
    runner = bot.runner(language_code="de")
    mark = runner.mark()
    await runner.send("Wie mache ich eine Kniebeuge?")
    (caption,) = runner.texts_since(mark)
    squat = LIBRARY.localized(Language.DE).get("squat")
    assert caption.startswith("Kniebeuge\n")
    assert "Kniebeuge, eigenes Körpergewicht" in caption  # where a beginner starts
    assert squat.cues[0] in caption
    assert "Squat" not in caption
    mark = runner.mark()
    await runner.press("Mehr")
    (card,) = runner.texts_since(mark)
    assert "Stell dich etwa hüftbreit hin, die Fußspitzen zeigen leicht nach außen." in card
    assert squat.why.split(".")[0] in card


@pytest.mark.parametrize(
    ("code", "asked", "name"),
    [
        ("es", "¿cómo se hace una zancada lateral?", "Zancada lateral"),
        ("es-MX", "como hago sentadilas", "Sentadilla"),
        ("fr", "comment on fait un pont fessier ?", "Pont fessier sur une jambe"),
        ("fr", "fente latéral", "Fente latérale"),
        ("de-AT", "wadenhebn", "Wadenheben"),
        ("de", "glute bridge", "Einbeiniges Beckenheben"),  # English is understood too
    ],
)
async def test_questions_in_each_language_name_the_exercise_in_it(
    bot: BotHarness, code: str, asked: str, name: str
) -> None:
    runner = bot.runner(language_code=code)
    mark = runner.mark()
    await runner.send(asked)
    (caption,) = runner.texts_since(mark)
    assert caption.split("\n")[0] == name


async def test_how_and_the_exercise_buttons_speak_the_runners_language(bot: BotHarness) -> None:
    runner = bot.runner(language_code="fr")
    await runner.command("how", "soulevé de terre")
    assert runner.texts_since(0)[-1].startswith("Soulevé de terre sur une jambe\n")
    await runner.command("exercises")
    labels = runner.last_message.button_labels
    assert "Fente latérale" in labels and "Squat sauté" in labels
    mark = runner.mark()
    await runner.press("Élévation des mollets")
    assert runner.texts_since(mark)[0].startswith("Élévation des mollets\n")


async def test_language_switches_the_how_to_too(bot: BotHarness) -> None:
    runner = bot.runner(language_code="de")
    await runner.command("language", "español")
    mark = runner.mark()
    await runner.send("Kniebeuge")  # German is no longer read, English and Spanish are
    assert not any(text.startswith("Sentadilla") for text in runner.texts_since(mark))
    mark = runner.mark()
    await runner.send("sentadilla")
    assert runner.texts_since(mark)[0].startswith("Sentadilla\n")


@pytest.mark.parametrize("language", SUPPORTED, ids=str)
def test_every_how_to_text_fits_telegrams_limits(language: Language) -> None:
    with speaking(language):
        for exercise in LIBRARY.localized(language):
            for rung in exercise.ladder:
                card = howto_text(exercise, rung, rung, exercise.beyond_top)
                assert utf16_len(card) <= TEXT_LIMIT, (exercise.id, rung.id)
                for personal in (True, False):
                    caption = picture_caption(exercise, rung, personal=personal, first_time=True)
                    assert utf16_len(caption) <= CAPTION_LIMIT, (exercise.id, rung.id)
