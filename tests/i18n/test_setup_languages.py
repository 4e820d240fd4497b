"""Setting up and the schedule commands in German, Spanish and French, through the real
Application: /start through every question (a typed time and a typed place among them), a
/settings change, /next, /profile, /pause with a date in the language, /resume, /race, /help
and an unknown command; no English in what the runner reads, and the language's own words.
The plan card included.
"""

from __future__ import annotations

import pytest

from bot.i18n import gettext, speaking
from bot.offline import ChatDriver
from tests.factories import localized
from tests.harness import BotHarness
from tests.i18n.leaks import assert_no_english, english_words

# What each language's runner types and expects to read.
CASES = {
    "de": {
        "welcome": "Sechs kurze Fragen",
        "level_question": "Wie viel Krafttraining",
        "zone": "München",
        "zone_words": "Berlin (Deutschland)",
        "time": "19:30",
        "pause": "nächsten Freitag",
        "paused": "Bis einschließlich",
        "race": "18. April Marathon",
        "race_set": "Zielwettkampf festgelegt",
        "next": "Deine nächsten Beintage",
        "resumed": "Erinnerungen sind wieder an",
        "help": "Das kann ich",
        "unknown": "kenne ich nicht",
        "kit_question": "Welche Ausrüstung",
    },
    "es": {
        "welcome": "Seis preguntas rápidas",
        "level_question": "¿Cuánto entrenamiento de fuerza",
        "zone": "Londres",
        "zone_words": "Londres (Reino Unido)",
        "time": "19:30",
        "pause": "el próximo viernes",
        "paused": "En pausa hasta el",
        "race": "18 de abril maratón",
        "race_set": "Carrera objetivo fijada",
        "next": "Tus próximos días de piernas",
        "resumed": "Los avisos vuelven a estar activos",
        "help": "Lo que puedo hacer",
        "unknown": "/nope",
        "kit_question": "¿Qué material tienes",
    },
    "fr": {
        "welcome": "Six petites questions",
        "level_question": "Quelle expérience as-tu",
        "zone": "Genève",
        "zone_words": "Zurich (Suisse)",
        "time": "19:30",
        "pause": "vendredi prochain",
        "paused": "En pause jusqu'au",
        "race": "18 avril marathon",
        "race_set": "Course objectif fixée",
        "next": "Tes prochains jours de jambes",
        "resumed": "Les rappels sont réactivés",
        "help": "Ce que je sais faire",
        "unknown": "/nope",
        "kit_question": "Quel matériel as-tu",
    },
}


def _check(runner: ChatDriver, language: str, seen: list[str]) -> None:
    """No English in the replies and edits of the last action, buttons included."""
    for message in [*runner.replies, *runner.edits]:
        text = message.plain_text
        seen.append(text)
        for label in message.button_labels:
            assert_no_english(label)
        assert_no_english(text)


async def _set_up(runner: ChatDriver, case: dict[str, str], seen: list[str]) -> None:
    language = runner.language_code
    await runner.command("start")
    _check(runner, language or "", seen)
    assert case["welcome"] in runner.replies[0].plain_text
    assert case["level_question"] in runner.last_text
    steps = [
        "Beginner",
        "Dumbbells",
        "Done",
        "Tue",
        "Thu",
        "Sat",
        "Done",
        "Sat",
        "Done",
    ]
    for label in steps:
        await runner.press(localized(label, language))
        _check(runner, language or "", seen)
    await runner.send("banana")  # not a time: the hint is in the language
    _check(runner, language or "", seen)
    await runner.send(case["time"])
    _check(runner, language or "", seen)
    await runner.send(case["zone"])
    _check(runner, language or "", seen)
    assert case["zone_words"] in runner.last_text
    await runner.press(localized("Yes", language))
    _check(runner, language or "", seen)


@pytest.mark.parametrize("language", ["de", "es", "fr"])
async def test_setting_up_and_the_schedule_speak_the_language(
    bot: BotHarness, language: str
) -> None:
    case = CASES[language]
    runner = bot.runner(language_code=language)
    seen: list[str] = []
    await _set_up(runner, case, seen)
    card = runner.last_text
    assert case["zone_words"] in card  # the plan card names the zone in the language too
    with speaking(language):
        assert str(localized("Dumbbells", language)) in card
        assert str(localized("Beginner", language)) in card

    # /settings: change the reminder time; the question is asked in the language
    await runner.command("settings")
    _check(runner, language, seen)
    with speaking(language):
        await runner.press(gettext("Reminder time"))
    _check(runner, language, seen)
    with speaking(language):
        assert gettext("When should I remind you on leg days?") in runner.last_text
    await runner.send("06:45")
    _check(runner, language, seen)

    await runner.command("next")
    _check(runner, language, seen)
    assert case["next"] in runner.last_text

    await runner.command("profile")
    _check(runner, language, seen)
    assert case["zone_words"] in runner.last_text

    await runner.command("pause", case["pause"])
    _check(runner, language, seen)
    assert case["paused"] in runner.last_text
    await runner.command("pause", "xyzzy")  # not a date: examples in the language
    _check(runner, language, seen)
    await runner.command("resume")
    _check(runner, language, seen)
    assert case["resumed"] in runner.last_text

    await runner.command("race")
    _check(runner, language, seen)
    await runner.command("race", case["race"])
    _check(runner, language, seen)
    assert case["race_set"] in runner.last_text

    await runner.command("help")
    _check(runner, language, seen)
    assert case["help"] in runner.last_text
    await runner.command("nope")
    _check(runner, language, seen)
    assert case["unknown"] in runner.last_text
    assert seen


@pytest.mark.parametrize("language", ["de", "es", "fr"])
async def test_asides_and_wrong_answers_while_setting_up(bot: BotHarness, language: str) -> None:
    case = CASES[language]
    runner = bot.runner(language_code=language)
    seen: list[str] = []
    await runner.command("start")
    await runner.press(localized("Intermediate", language))
    _check(runner, language, seen)
    assert case["kit_question"] in runner.last_text
    await runner.command("help")  # an aside: the pending question is pointed back to
    _check(runner, language, seen)
    await runner.send("7pm")  # no kit: how to answer, in the language
    _check(runner, language, seen)
    await runner.command("next")  # needs a finished set-up
    _check(runner, language, seen)
    assert not english_words(" ".join(seen))
