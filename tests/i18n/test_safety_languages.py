"""Pain, the plan card and privacy in German, Spanish and French through the real
Application: a pain report typed in the runner's language is understood and answered in it,
the sore-area question before a leg day (Same, then Better, pressed and typed), the gentle
session offered in place of one a pain report ended, the plan card, /privacy and /deletedata
with its confirmation; nothing English leaks into what the runner reads.

The runner sets up in English (the set-up questions are another topic's) and then picks the
language with /language, as a runner can at any time.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from content.model import Area
from storage import pain
from tests.harness import BotHarness
from tests.i18n.leaks import assert_no_english
from tests.scheduling.conftest import LegDays, VirtualTime


@dataclass(frozen=True)
class Words:
    name: str  # what /language is given
    report: str  # a pain report naming the knee
    unplaced: str  # a pain report naming no place
    mid_session: str  # a pain report during a session
    knee: str  # the knee's label, and inside sentences
    hip_label: str
    see_someone: str
    gentle: str
    gentle_instead: str
    question: str  # the leg-day question about the knee
    buttons: tuple[str, str, str]  # Better, Same, Worse
    noted: str  # the toast of an answer
    same_reply: str
    typed_same: str
    better_reply: str
    plan: tuple[str, ...]  # words of the plan card
    sparing: str
    privacy: tuple[str, ...]
    delete: str
    cancel: str
    cancelled: str
    asked: str
    erased: str


LANGUAGES = {
    "de": Words(
        name="deutsch",
        report="mein Knie tut weh",
        unplaced="es tut weh",
        mid_session="Aua, meine Hüfte schmerzt",
        knee="Knie",
        hip_label="Hüfte",
        see_someone="Physio oder Arzt",
        gentle="Sanfte Einheit",
        gentle_instead="Stattdessen sanfte Einheit",
        question="Bevor du startest: Wie fühlt sich dein Knie an?",
        buttons=("Besser", "Gleich", "Schlechter"),
        noted="Notiert.",
        same_reply="Notiert: dein Knie wird weiter geschont.",
        typed_same="Knie: gleich",
        better_reply="Schön zu hören! Ab jetzt ist dein Knie wieder in deinen Einheiten dabei",
        plan=("Dein Plan, Kim", "Beintage:", "Nächster Beintag:"),
        sparing="Geschont: Hüfte (seit",
        privacy=("Was ich über dich speichere", "Deine Daten gehören dir", "Wie lange"),
        delete="Alles löschen",
        cancel="Abbrechen",
        cancelled="Nichts wurde gelöscht.",
        asked="Alles löschen, was ich über dich speichere?",
        erased="Erledigt: Alles ist gelöscht.",
    ),
    "es": Words(
        name="español",
        report="me duele la rodilla",
        unplaced="me duele",
        mid_session="uf, me duele la cadera",
        knee="rodilla",
        hip_label="Cadera",
        see_someone="fisio o al médico",
        gentle="Sesión suave",
        gentle_instead="Sesión suave en su lugar",
        question="Antes de empezar, ¿cómo va tu rodilla?",
        buttons=("Mejor", "Igual", "Peor"),
        noted="Apuntado.",
        same_reply="Apuntado: sigo cuidando tu rodilla.",
        typed_same="la rodilla igual",
        better_reply="¡Qué bien lo de tu rodilla!",
        plan=("Tu plan, Kim", "Días de piernas:", "Próximo día de piernas:"),
        sparing="Cuidando: cadera (desde el",
        privacy=("Qué guardo sobre ti", "Tus datos son tuyos", "Cuánto tiempo"),
        delete="Borrar todo",
        cancel="Cancelar",
        cancelled="No se ha borrado nada.",
        asked="¿Borro todo lo que guardo sobre ti?",
        erased="Hecho: todo está borrado.",
    ),
    "fr": Words(
        name="français",
        report="j'ai mal au genou",
        unplaced="j'ai mal",
        mid_session="aïe, j'ai mal à la hanche",
        knee="genou",
        hip_label="Hanche",
        see_someone="kiné ou un médecin",
        gentle="Séance douce",
        gentle_instead="Séance douce à la place",
        question="Avant de commencer, comment va ton genou\xa0?",
        buttons=("Mieux", "Pareil", "Pire"),
        noted="C'est noté.",
        same_reply="C'est noté\xa0: je continue de ménager ton genou.",
        typed_same="genou pareil",
        better_reply="Bonne nouvelle pour ton genou\xa0!",
        plan=("Ton programme, Kim", "Jours de jambes\xa0:", "Prochain jour de jambes\xa0:"),
        sparing="Zones ménagées\xa0: hanche (depuis le",
        privacy=("Ce que je garde sur toi", "Tes données t'appartiennent", "Combien de temps"),
        delete="Tout effacer",
        cancel="Annuler",
        cancelled="Rien n'a été effacé.",
        asked="Effacer tout ce que je garde sur toi\xa0?",
        erased="C'est fait\xa0: tout est effacé.",
    ),
}


async def sore_areas(days: LegDays, runner_id: int) -> list[Area]:
    async with days.bot.session() as db:
        return [item.area for item in await pain.sore_of(db, runner_id)]


def pain_part(text: str) -> str:
    """The sore-area question of a leg-day message (its last paragraph; the rest of the
    message is the reminder's topic)."""
    return text.rsplit("\n\n", 1)[-1]


@pytest.fixture
def days(bot: BotHarness) -> LegDays:
    return LegDays(bot, VirtualTime())


@pytest.mark.parametrize("code", sorted(LANGUAGES))
async def test_pain_in_the_runners_language(days: LegDays, code: str) -> None:
    words = LANGUAGES[code]
    runner, runner_id = await days.runner()
    await runner.command("language", words.name)

    # a pain report typed in the language: understood, remembered, answered in it
    await runner.send(words.report)
    advice = runner.last_message
    assert await sore_areas(days, runner_id) == [Area.KNEE]
    assert words.knee in advice.plain_text and words.see_someone in advice.plain_text
    assert advice.button_labels == [words.gentle]
    assert_no_english(advice.plain_text)

    # no place named: asked where, with the areas as buttons in the language
    await runner.send(words.unplaced)
    where = runner.last_message
    assert_no_english(where.plain_text)
    assert words.knee.capitalize() in where.button_labels
    assert words.hip_label in where.button_labels
    for label in where.button_labels:
        assert_no_english(label)

    # the sore-area question before the next leg day: Same, typed Same, then Better
    for said in ("same", "typed", "better"):
        await days.deliver_next(runner_id)
        message = runner.last_message
        question = pain_part(message.plain_text)
        assert question.startswith(words.question)
        assert_no_english(question)
        assert message.button_labels[:3] == list(words.buttons)
        if said == "same":
            await runner.press(words.buttons[1])
            assert days.toast() == words.noted
            assert runner.last_text == words.same_reply
        elif said == "typed":
            await runner.send(words.typed_same)
            assert runner.last_text == words.same_reply
        else:
            await runner.press(words.buttons[0])
            assert runner.last_text.startswith(words.better_reply)
        assert_no_english(runner.last_text)
    assert await sore_areas(days, runner_id) == []

    # pain mid-session: the session ends and a gentle one is offered in its place
    await runner.command("workout")
    mark = runner.mark()
    await runner.send(words.mid_session)
    texts = runner.texts_since(mark)
    assert await sore_areas(days, runner_id) == [Area.HIP]
    assert_no_english(texts[0])
    offer = runner.last_message
    assert offer.button_labels == [words.gentle_instead]
    assert_no_english(offer.plain_text)

    # the plan card: its own lines in the language, the sore area spared since when
    await runner.command("profile")
    card = runner.last_text
    for word in (*words.plan, words.sparing):
        assert word in card, (word, card)
    mine = [line for line in card.splitlines() if line.startswith((*words.plan, words.sparing))]
    assert len(mine) == 4
    for line in mine:
        assert_no_english(line)


@pytest.mark.parametrize("code", sorted(LANGUAGES))
async def test_privacy_and_deletedata_in_the_runners_language(days: LegDays, code: str) -> None:
    words = LANGUAGES[code]
    runner, runner_id = await days.runner()
    await runner.command("language", words.name)
    await runner.send(words.report)

    await runner.command("privacy")
    for word in words.privacy:
        assert word in runner.last_text
    assert_no_english(runner.last_text)

    await runner.command("deletedata")
    ask = runner.last_message
    assert ask.plain_text.startswith(words.asked)
    assert ask.button_labels == [words.delete, words.cancel]
    assert_no_english(ask.plain_text)
    await runner.press(words.cancel)
    cancelled = runner.api.message(runner.chat_id, ask.message_id)
    assert cancelled is not None and cancelled.plain_text.startswith(words.cancelled)
    assert_no_english(cancelled.plain_text)

    await runner.command("deletedata")
    await runner.press(words.delete)
    erased = runner.last_message
    assert erased.plain_text.startswith(words.erased)
    assert_no_english(erased.plain_text)
    assert await sore_areas(days, runner_id) == []
