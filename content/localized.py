"""The exercise library's words in another language: ``exercises.<lang>.toml``.

A translation file holds only words, keyed by the ids of ``exercises.toml``: for each exercise
its name, aliases and misspellings (what runners type in that language, so questions are
understood in it), muscles, why, steps, cues, mistakes and beyond_top, and for each rung its
name, change and cue. Everything that decides training (ladders, sets, reps, kit) stays in
``exercises.toml`` alone, so a translation can never change a session.

The loader checks at start-up that the file covers the library exactly: every exercise and
rung, every field, no unknown id or field, and no word of the language that names another
exercise than it does in English (questions are read in the runner's language and English).
A translated exercise is the English one with its words replaced.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from content.languages import Language
from content.librarydata import LibraryError, Table, check_words, parse_toml
from content.model import Exercise, Rung

TEXTS = frozenset({"name", "why", "beyond_top"})
LISTS = frozenset({"aliases", "misspellings", "muscles", "steps", "cues", "mistakes"})
RUNG_TEXTS = frozenset({"name", "change", "cue"})


def translation_file(language: Language) -> str:
    """The file name of a language's words: ``exercises.de.toml``."""
    return f"exercises.{language.value}.toml"


def load_translation(
    english: tuple[Exercise, ...], language: Language, path: Path | None = None
) -> tuple[Exercise, ...]:
    """The library's exercises in ``language``, from the packaged file (or ``path``)."""
    source = translation_file(language) if path is None else path.name
    try:
        if path is None:
            text = resources.files("content").joinpath(source).read_text(encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LibraryError(f"{source}: cannot read the {language.value} library: {exc}") from exc
    return parse_translation(parse_toml(text, source), english, source)


def parse_translation(
    data: Mapping[str, Any], english: tuple[Exercise, ...], source: str
) -> tuple[Exercise, ...]:
    """Validate a parsed translation against the English exercises and apply it."""
    top = Table(data, source)
    ids = [exercise.id for exercise in english]
    unknown = sorted(set(data) - set(ids))
    if unknown:
        raise top.fail(f"unknown exercise {unknown[0]!r} (known: {', '.join(ids)})")
    translated = tuple(_exercise(top, exercise) for exercise in english)
    # the words of this language and English together name one exercise each
    check_words((*english, *translated), source)
    return translated


def _exercise(top: Table, exercise: Exercise) -> Exercise:
    if exercise.id not in top.data:
        raise top.fail(f"exercise {exercise.id!r} is missing")
    table = Table(top.table(exercise.id), f"{top.where}: exercise {exercise.id!r}")
    table.check_fields(required=TEXTS | LISTS | {"rung"}, optional=frozenset())
    rungs = table.table("rung")
    known = [rung.id for rung in exercise.ladder]
    unknown = sorted(set(rungs) - set(known))
    if unknown:
        raise table.fail(f"unknown rung {unknown[0]!r} (known: {', '.join(known)})")
    return replace(
        exercise,
        name=table.text("name"),
        aliases=table.texts("aliases"),
        misspellings=table.texts("misspellings"),
        muscles=table.texts("muscles"),
        why=table.text("why"),
        steps=table.texts("steps"),
        cues=table.texts("cues"),
        mistakes=table.texts("mistakes"),
        beyond_top=table.text("beyond_top"),
        ladder=tuple(_rung(table, rungs, rung) for rung in exercise.ladder),
    )


def _rung(table: Table, rungs: Mapping[str, Any], rung: Rung) -> Rung:
    if rung.id not in rungs:
        raise table.fail(f"rung {rung.id!r} is missing")
    words = Table(rungs[rung.id], f"{table.where}, rung {rung.id!r}")
    words.check_fields(required=RUNG_TEXTS, optional=frozenset())
    return replace(
        rung, name=words.text("name"), change=words.text("change"), cue=words.text("cue")
    )
