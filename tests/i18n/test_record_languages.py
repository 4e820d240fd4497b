"""The runner's record in German, Spanish and French through the real Application: /history
with its dates, paging and buttons, /progress (the caption, every word the worker draws, and
the sentence when there is nothing to chart) and /export (the captions and the names in the
files), with no English left where a runner reads it."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from typing import Any

import pytest

from bot.charts import ChartSpec
from bot.handlers.progress import worker_of
from content.library import default_library
from tests.bot.test_history import do_session, page_heads
from tests.factories import onboard
from tests.harness import BotHarness
from tests.i18n.leaks import assert_no_english

LIBRARY = default_library()

# What /language understands for each language, and what each screen must say in it.
TYPED = {"de": "deutsch", "es": "español", "fr": "français"}
WORDS: dict[str, dict[str, Any]] = {
    "de": {
        "heading": "Deine Trainings",
        "zone": "Berlin (Deutschland)",
        "older": "⬅️ Ältere",
        "newer": "Neuere ➡️",
        "skipped": "1 Übung ausgelassen.",
        "stopped": "Vorzeitig beendet: 1 von 5 Übungen geschafft.",
        "days": ["So., 29. Nov.", "Fr., 27. Nov."],
        "progress": "Dein Fortschritt",
        "chart": "Deine Beinkraft, Woche für Woche",
        "week": "23. Nov.",
        "nothing": "Noch gibt es nichts zu zeigen",
        "no_sessions": "Noch keine Trainings.",
        "sets_caption": "Alle deine eingetragenen Sätze",
        "profile_caption": "Dein Profil",
        "workout": "Beintraining",
    },
    "es": {
        "heading": "Tus sesiones",
        "zone": "Berlín (Alemania)",
        "older": "⬅️ Anteriores",
        "newer": "Más recientes ➡️",
        "skipped": "1 ejercicio saltado.",
        "stopped": "Terminada antes de tiempo: 1 de 5 ejercicios hechos.",
        "days": ["dom, 29 nov", "vie, 27 nov"],
        "progress": "Tu progreso",
        "chart": "Tu fuerza de piernas, semana a semana",
        "week": "23 nov",
        "nothing": "Aún no hay nada que mostrar",
        "no_sessions": "Aún no hay sesiones.",
        "sets_caption": "Todas las series que registraste",
        "profile_caption": "Tu perfil",
        "workout": "Sesión de piernas",
    },
    "fr": {
        "heading": "Tes séances",
        "zone": "Berlin (Allemagne)",
        "older": "⬅️ Plus anciennes",
        "newer": "Plus récentes ➡️",
        "skipped": "1 exercice passé.",
        "stopped": "Arrêtée avant la fin\u00a0: 1 sur 5 exercices faits.",
        "days": ["dim. 29 nov.", "ven. 27 nov."],
        "progress": "Ta progression",
        "chart": "Ta force dans les jambes, semaine après semaine",
        "week": "23 nov.",
        "nothing": "Rien à afficher pour l’instant",
        "no_sessions": "Pas encore de séance.",
        "sets_caption": "Toutes les séries que tu as notées",
        "profile_caption": "Ton profil",
        "workout": "Séance de jambes",
    },
}
LANGUAGES = pytest.mark.parametrize("language", sorted(WORDS))


async def a_runner_with_sessions(bot: BotHarness, language: str, sessions: int = 6) -> Any:
    """A runner who trained in English (the session's own words are another topic's), then
    chose ``language``: sessions every other day from Fri 27 Nov, the second stopped early
    and the third with an exercise skipped."""
    runner = bot.runner(language_code="en")
    await onboard(runner)
    for number in range(1, sessions + 1):
        await do_session(bot, runner, stop_early=number == 2, skip=number == 3)
    await runner.command("language", TYPED[language])
    return runner


@LANGUAGES
async def test_history_pages_in_the_runners_language(bot: BotHarness, language: str) -> None:
    words = WORDS[language]
    runner = await a_runner_with_sessions(bot, language)
    localized = LIBRARY.localized(language)

    await runner.command("history")
    first = runner.last_message
    text = first.plain_text
    assert text.startswith(words["heading"])
    assert words["zone"] in text
    assert localized.get("squat_jump").name in text
    assert LIBRARY.get("squat_jump").name not in text
    assert words["skipped"] in text
    assert first.button_labels == [words["older"]]
    assert_no_english(text)
    assert_no_english(" ".join(first.button_labels))

    await runner.press(words["older"])
    older = runner.last_message
    assert older.message_id == first.message_id  # the same message, edited
    heads = page_heads(older.plain_text)
    assert len(heads) == 1
    assert heads[0].startswith(words["days"][1])
    assert older.button_labels == [words["newer"]]
    assert_no_english(older.plain_text)

    await runner.press(words["newer"])
    assert page_heads(runner.last_text) == page_heads(text)


@LANGUAGES
async def test_history_notes_a_stopped_session(bot: BotHarness, language: str) -> None:
    words = WORDS[language]
    runner = await a_runner_with_sessions(bot, language, sessions=2)
    await runner.command("history")
    text = runner.last_text
    assert words["stopped"] in text
    assert [head.split(" · ")[0].rsplit(",", 1)[0] for head in page_heads(text)] == [
        words["days"][0],
        words["days"][1],
    ]
    assert_no_english(text)


@LANGUAGES
async def test_nothing_yet_is_said_in_the_runners_language(bot: BotHarness, language: str) -> None:
    words = WORDS[language]
    runner = bot.runner(language_code=language)
    await runner.command("history")
    assert runner.last_text.startswith(words["no_sessions"])
    assert_no_english(runner.last_text)
    await runner.command("progress")
    assert runner.last_text.startswith(words["nothing"])
    assert_no_english(runner.last_text)
    assert bot.api.calls_to("sendPhoto") == []


@LANGUAGES
async def test_progress_caption_and_chart_words(
    bot: BotHarness, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = WORDS[language]
    runner = await a_runner_with_sessions(bot, language, sessions=3)
    worker = worker_of(bot.application)
    drawn: list[ChartSpec] = []
    render = worker.render

    async def capture(spec: ChartSpec) -> bytes:
        drawn.append(spec)
        return await render(spec)

    monkeypatch.setattr(worker, "render", capture)
    await runner.command("progress")
    photo = runner.last_message
    assert photo.kind == "photo"
    caption = photo.plain_caption or ""
    assert caption.startswith(words["progress"])
    assert_no_english(caption)

    # the worker process knows no language: every word it draws came in the spec
    (spec,) = drawn
    assert spec.labels.title == words["chart"]
    assert words["week"] in spec.week_labels
    localized = LIBRARY.localized(language)
    titles = {panel.title for panel in spec.panels}
    assert localized.get("squat_jump").name in titles
    for value in asdict(spec.labels).values():
        assert_no_english(value)
    for panel in spec.panels:
        assert_no_english(panel.amount_label)


@LANGUAGES
async def test_export_captions_and_names(bot: BotHarness, language: str) -> None:
    words = WORDS[language]
    runner = await a_runner_with_sessions(bot, language, sessions=2)
    mark = runner.mark()
    await runner.command("export")
    sets_file, profile_file = runner.sent_since(mark)
    assert (sets_file.plain_caption or "").startswith(words["sets_caption"])
    assert (profile_file.plain_caption or "").startswith(words["profile_caption"])
    assert_no_english(sets_file.plain_caption or "")
    assert_no_english(profile_file.plain_caption or "")

    # the columns keep their (Strong) names; the names in the rows are the runner's
    assert sets_file.upload is not None and profile_file.upload is not None
    rows = list(csv.DictReader(io.StringIO(sets_file.upload.decode("utf-8"), newline="")))
    localized = LIBRARY.localized(language)
    first = rows[0]
    assert first["Workout Name"] == words["workout"]
    assert first["Exercise Name"] == localized.get(first["Exercise ID"]).name
    assert first["Session Kind"] == "normal"
    for row in rows:
        assert_no_english(" ".join((row["Workout Name"], row["Workout Notes"], row["Notes"])))
    profile = json.loads(profile_file.upload)
    assert_no_english(profile["profile"]["weekdays"])
    for change in profile["changes"]:
        assert change["why"] is None or change["why"] != ""


async def test_a_runner_without_sets_reads_the_export_sentence_in_their_language(
    bot: BotHarness,
) -> None:
    runner = bot.runner(language_code="de")
    mark = runner.mark()
    await runner.command("export")
    sent = runner.sent_since(mark)
    assert sent[0].plain_text.startswith("Du hast noch keinen Satz eingetragen")
    assert_no_english(sent[0].plain_text)
