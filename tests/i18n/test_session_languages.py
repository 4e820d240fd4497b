"""A whole leg session and how-to answers in German, Spanish and French, through the real
Application: every message, edit, button and answer to a press the runner sees is in their
language, with no English left in it (``tests/i18n/leaks.py``).

The runner's Telegram app says English on purpose: presses on the fast path (no runner
loaded) must still answer in the language the runner stored."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.offline import ChatDriver
from tests.factories import make_runner
from tests.harness import BotHarness
from tests.i18n.leaks import assert_no_english


@dataclass(frozen=True)
class Words:
    """What a runner of one language presses, types and expects to read."""

    done: str
    fewer: str
    harder: str
    easier: str
    skip: str
    back: str
    right: str  # the effort answer "Just right"
    intro: str
    card: str  # a word of every exercise card
    question: str  # the effort question
    summary: str
    first: str  # the session's first exercise (beginner, no kit)
    asked: str  # a typed how-to question about the squat
    squat: str
    more: str
    animation: str
    howto: str  # a heading of the full how-to


WORDS = {
    "de": Words(
        done="Fertig",
        fewer="Weniger",
        harder="Schwerer",
        easier="Leichter",
        skip="Überspringen",
        back="Zurück",
        right="Genau richtig",
        intro="Beintraining",
        card="Satz 1 von 3",
        question="Wie hat es sich angefühlt?",
        summary="Zusammenfassung",
        first="Sprungkniebeuge",
        asked="wie mache ich eine Kniebeuge",
        squat="Kniebeuge",
        more="Mehr",
        animation="Animation",
        howto="So geht's",
    ),
    "es": Words(
        done="Hecho",
        fewer="Menos",
        harder="Más difícil",
        easier="Más fácil",
        skip="Saltar",
        back="Atrás",
        right="Lo justo",
        intro="Sesión de piernas",
        card="Serie 1 de 3",
        question="¿Qué tal te ha ido?",
        summary="Resumen",
        first="Sentadilla con salto",
        asked="cómo hago una sentadilla",
        squat="Sentadilla",
        more="Ver más",
        animation="Animación",
        howto="Cómo se hace",
    ),
    "fr": Words(
        done="Fait",
        fewer="Moins",
        harder="Plus dur",
        easier="Plus facile",
        skip="Passer",
        back="Retour",
        right="Juste bien",
        intro="Séance jambes",
        card="Série 1 sur 3",
        question="Comment tu l'as senti\u00a0?",
        summary="Bilan",
        first="Squat sauté",
        asked="comment faire un squat",
        squat="Squat",
        more="Plus d'infos",
        animation="Animation",
        howto="Comment faire",
    ),
}


class Watch:
    """Everything the runner saw since the last look: new messages and their buttons, edits
    of older ones, and the answers to their presses."""

    def __init__(self, bot: BotHarness, runner: ChatDriver) -> None:
        self.bot, self.runner = bot, runner
        self.mark = runner.mark()
        self.answers = len(bot.api.calls_to("answerCallbackQuery"))
        self.seen: list[str] = []

    def look(self) -> list[str]:
        texts = []
        for message in [*self.runner.sent_since(self.mark), *self.runner.edits]:
            texts.append(message.plain_text)
            texts += message.button_labels
        calls = self.bot.api.calls_to("answerCallbackQuery")
        texts += [str(call.params.get("text")) for call in calls[self.answers :]]
        texts = [text for text in texts if text and text != "None"]
        for text in texts:
            assert_no_english(text)
        self.mark = self.runner.mark()
        self.answers = len(calls)
        self.seen += texts
        return texts

    async def press(self, label: str) -> list[str]:
        await self.runner.press(label)
        return self.look()

    async def send(self, text: str) -> list[str]:
        await self.runner.send(text)
        return self.look()


async def speaker(bot: BotHarness, language: str) -> tuple[ChatDriver, Watch]:
    """A set-up beginner with no kit who chose ``language``; their Telegram app says English."""
    async with bot.session() as db:
        profile = await make_runner(db, language=language)
        await db.commit()
    runner = bot.runner(user_id=profile.telegram_user_id, language_code="en")
    return runner, Watch(bot, runner)


@pytest.mark.parametrize("language", ["de", "es", "fr"])
async def test_a_whole_session_speaks_the_runners_language(bot: BotHarness, language: str) -> None:
    words = WORDS[language]
    runner, watch = await speaker(bot, language)
    seen = await watch.send("/workout")
    intro, picture, card = seen[0], seen[1], seen[-7]
    assert intro.startswith(words.intro)
    assert words.first in picture and picture.count("•") == 3
    assert card.startswith(f"1/5 {words.first}") and words.card in card
    labels = runner.api.last_message(runner.chat_id).button_labels
    for label, word in zip(
        labels, (words.done, words.fewer, words.harder, words.easier, words.skip), strict=False
    ):
        assert label.startswith(word)

    await watch.press(words.done)  # set 1, on the fast path
    fewer = await watch.press(words.fewer)
    assert words.back in fewer
    counts = runner.api.last_message(runner.chat_id).button_labels
    await watch.press(counts[0])  # set 2 counted fewer
    await watch.press(words.harder)
    await watch.press(words.easier)
    for _ in range(10):  # the first exercise's last set: its card asks how it felt
        if any(words.question in text for text in await watch.press(words.done)):
            break
    answered = await watch.send(words.right.lower())  # the effort answer, typed
    assert any(text.endswith(".") and words.first in text for text in answered)
    await watch.press(words.skip)  # the second exercise
    for _ in range(80):
        last = runner.api.last_message(runner.chat_id)
        if words.summary in last.plain_text:
            break
        if any(label.startswith(words.done) for label in last.button_labels):
            await watch.press(words.done)
        else:
            await watch.press(words.right)  # the last exercise's question
    summary = runner.last_text
    assert summary.startswith(words.summary)
    everything = "\n".join(watch.seen)
    for word in (words.question, words.right, words.skip):
        assert word in everything


@pytest.mark.parametrize("language", ["de", "es", "fr"])
async def test_how_to_answers_speak_the_runners_language(bot: BotHarness, language: str) -> None:
    words = WORDS[language]
    _runner, watch = await speaker(bot, language)
    listed = await watch.send("/how")
    assert words.squat in listed
    picture = await watch.send(words.asked)
    assert picture[0].startswith(words.squat)
    assert words.more in " ".join(picture) and words.animation in " ".join(picture)
    more = await watch.press(words.more)
    assert more[0].startswith(words.squat) and words.howto in more[0]
    moving = await watch.press(words.animation)
    assert moving[0].startswith(words.squat)
    named = await watch.send(f"/how {words.squat}")
    assert named[0].startswith(words.squat)
