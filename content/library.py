"""Load and validate the exercise library (``exercises.toml``) and its translations.

The library is data so that wording and ladders can change without touching code. The ladder
functions trust it completely at run time, so every rule they rely on is checked here once,
at start-up, and a broken file fails with a message naming the file, the exercise, the rung
and the field, e.g. ``exercises.toml: exercise 'squat', rung 'band': rep_min 12 > rep_max 10``.

``exercises.toml`` holds the ladders and the English words; ``exercises.<lang>.toml`` beside
it holds each other language's words under the same ids (``content.localized``). The library
the bot loads (``default_library``) knows all of them: ``library.localized("de")`` is the same
library in German, with the same ids, ladders and numbers.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from content.languages import SUPPORTED, Language, base_language
from content.librarydata import LibraryError, Table, check_words, parse_toml
from content.localized import load_translation
from content.model import Area, Equipment, Exercise, Level, Rung, Unit

DEFAULT_FILE = "exercises.toml"

# Harder must work for a runner with no kit at all, so every ladder keeps two body-weight rungs.
MIN_BODY_WEIGHT_RUNGS = 2

_EXERCISE_FIELDS = frozenset(
    {
        "id",
        "name",
        "aliases",
        "misspellings",
        "muscles",
        "unilateral",
        "why",
        "steps",
        "cues",
        "mistakes",
        "beyond_top",
        "level_rungs",
        "loads",
        "rung",
    }
)
_RUNG_FIELDS = frozenset(
    {"id", "name", "equipment", "sets", "rep_min", "rep_max", "unit", "change", "cue"}
)
_RUNG_OPTIONAL_FIELDS = frozenset({"per_side"})


@dataclass(frozen=True, slots=True)
class Library:
    """All exercises, in file order (the order the bot lists them in), in one language.

    ``versions`` holds every language's version of the library, this one included, shared
    by all of them; a library parsed on its own (a test's) has none and speaks English only.
    """

    exercises: tuple[Exercise, ...]
    language: Language = Language.EN
    versions: Mapping[Language, Library] = field(default_factory=dict, repr=False, compare=False)

    @property
    def ids(self) -> tuple[str, ...]:
        """Exercise ids in library order."""
        return tuple(exercise.id for exercise in self.exercises)

    @property
    def languages(self) -> tuple[Language, ...]:
        """The languages this library has words in."""
        return tuple(self.versions) or (self.language,)

    def localized(self, language: str | None) -> Library:
        """This library in ``language`` (a ``Language`` or a runner's code such as "de-AT"):
        the same ids, ladders and numbers in that language's words; the English library for
        a language it has no words in."""
        wanted = base_language(language)
        return self.versions.get(wanted) or self.versions.get(Language.EN) or self

    def loading(self, areas: Iterable[str]) -> frozenset[str]:
        """The ids of the exercises that load any of these sore areas (``other``: none)."""
        sore = frozenset(areas)
        return frozenset(exercise.id for exercise in self.exercises if exercise.loads & sore)

    def get(self, exercise_id: str) -> Exercise:
        """The exercise with this id; a KeyError names the known ids, since a miss is a bug."""
        for exercise in self.exercises:
            if exercise.id == exercise_id:
                return exercise
        known = ", ".join(self.ids)
        raise KeyError(f"no exercise {exercise_id!r} in the library (known: {known})")

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self.exercises)

    def __len__(self) -> int:
        return len(self.exercises)


def load_library(path: Path | None = None) -> Library:
    """Read, parse and validate a library file (English only); the packaged one when
    ``path`` is None."""
    if path is None:
        source = DEFAULT_FILE
        resource = resources.files(__package__ or "content").joinpath(DEFAULT_FILE)
        try:
            text = resource.read_text(encoding="utf-8")
        except OSError as exc:
            raise LibraryError(f"{source}: cannot read the packaged library: {exc}") from exc
    else:
        source = path.name
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise LibraryError(f"{source}: cannot read {path}: {exc}") from exc
    return parse_library(parse_toml(text, source), source)


@functools.cache
def default_library() -> Library:
    """The packaged library with every packaged translation, loaded and validated once per
    process."""
    english = load_library()
    translations: dict[Language, tuple[Exercise, ...]] = {
        language: load_translation(english.exercises, language)
        for language in SUPPORTED
        if language is not Language.EN
    }
    return with_translations(english, translations)


def with_translations(
    english: Library, translations: Mapping[Language, tuple[Exercise, ...]]
) -> Library:
    """The English library knowing its translations (each one knowing all the others)."""
    versions: dict[Language, Library] = {}
    shared = MappingProxyType(versions)
    versions[Language.EN] = Library(english.exercises, Language.EN, shared)
    for language, exercises in translations.items():
        versions[language] = Library(exercises, language, shared)
    return versions[Language.EN]


def parse_library(data: Mapping[str, Any], source: str = DEFAULT_FILE) -> Library:
    """Build a validated Library from already-parsed TOML; ``source`` prefixes every error."""
    top = Table(data, source)
    top.check_fields(required=frozenset({"exercise"}), optional=frozenset())
    exercises: list[Exercise] = []
    seen_ids: set[str] = set()
    for number, raw in enumerate(top.tables("exercise"), start=1):
        exercise = _parse_exercise(raw, source, number)
        if exercise.id in seen_ids:
            raise LibraryError(f"{source}: exercise {exercise.id!r}: duplicate exercise id")
        seen_ids.add(exercise.id)
        exercises.append(exercise)
    # every name, alias and misspelling, so the exercise matcher can never be ambiguous
    check_words(exercises, source)
    return Library(tuple(exercises))


def _parse_exercise(raw: Mapping[str, Any], source: str, number: int) -> Exercise:
    """One [[exercise]] table; errors before the id is known name it by position."""
    table = Table(raw, f"{source}: exercise #{number}")
    exercise_id = table.slug("id")
    table = Table(raw, f"{source}: exercise {exercise_id!r}")
    table.check_fields(required=_EXERCISE_FIELDS, optional=frozenset())
    unilateral = table.boolean("unilateral")

    ladder: list[Rung] = []
    for rung_number, raw_rung in enumerate(table.tables("rung"), start=1):
        rung = _parse_rung(raw_rung, table.where, rung_number, unilateral)
        if any(r.id == rung.id for r in ladder):
            raise LibraryError(f"{table.where}, rung {rung.id!r}: duplicate rung id")
        ladder.append(rung)

    if ladder[0].equipment:
        raise LibraryError(
            f"{table.where}, rung {ladder[0].id!r}: the first rung must need no equipment, "
            "so every runner has somewhere to start"
        )
    body_weight = sum(1 for rung in ladder if not rung.equipment)
    if body_weight < MIN_BODY_WEIGHT_RUNGS:
        raise LibraryError(
            f"{table.where}: ladder has {body_weight} body-weight rung(s), needs at least "
            f"{MIN_BODY_WEIGHT_RUNGS} so Harder works without equipment"
        )

    return Exercise(
        id=exercise_id,
        name=table.text("name"),
        aliases=table.texts("aliases"),
        misspellings=table.texts("misspellings"),
        muscles=table.texts("muscles"),
        why=table.text("why"),
        steps=table.texts("steps"),
        cues=table.texts("cues"),
        mistakes=table.texts("mistakes"),
        unilateral=unilateral,
        ladder=tuple(ladder),
        level_rungs=_parse_level_rungs(table, len(ladder)),
        beyond_top=table.text("beyond_top"),
        loads=_parse_loads(table),
    )


def _parse_loads(table: Table) -> frozenset[Area]:
    """The sore areas an exercise loads; ``other`` is refused (it spares nothing)."""
    areas: set[Area] = set()
    for name in table.texts("loads", allow_empty=True):
        try:
            area = Area(name)
        except ValueError:
            known = ", ".join(a.value for a in Area if a is not Area.OTHER)
            raise table.fail(f"loads: unknown area {name!r} (known: {known})") from None
        if area is Area.OTHER:
            raise table.fail("loads: 'other' spares nothing, so no exercise lists it")
        areas.add(area)
    return frozenset(areas)


def _parse_level_rungs(table: Table, ladder_length: int) -> dict[Level, int]:
    """Level -> ladder index; all levels present, in range, and never easier for more skill."""
    raw = table.table("level_rungs")
    where = f"{table.where}: level_rungs"
    unknown = sorted(set(raw) - {level.value for level in Level})
    if unknown:
        known = ", ".join(level.value for level in Level)
        raise LibraryError(f"{where}: unknown level {unknown[0]!r} (known: {known})")
    result: dict[Level, int] = {}
    for level in Level:
        if level.value not in raw:
            raise LibraryError(f"{where}: missing level {level.value!r}")
        index = raw[level.value]
        if not isinstance(index, int) or isinstance(index, bool):
            raise LibraryError(f"{where}.{level.value}: must be an integer, got {index!r}")
        if not 0 <= index < ladder_length:
            raise LibraryError(
                f"{where}.{level.value}: index {index} is outside the ladder "
                f"(0..{ladder_length - 1})"
            )
        result[level] = index
    ordered = [result[level] for level in Level]
    if ordered != sorted(ordered):
        raise LibraryError(f"{where}: indices must not go down from beginner to advanced")
    return result


def _parse_rung(raw: Mapping[str, Any], where: str, number: int, unilateral: bool) -> Rung:
    """One [[exercise.rung]] table."""
    table = Table(raw, f"{where}, rung #{number}")
    rung_id = table.slug("id")
    table = Table(raw, f"{where}, rung {rung_id!r}")
    table.check_fields(required=_RUNG_FIELDS, optional=_RUNG_OPTIONAL_FIELDS)

    sets = table.integer("sets")
    if sets < 1:
        raise table.fail(f"sets must be at least 1, got {sets}")
    rep_min = table.integer("rep_min")
    rep_max = table.integer("rep_max")
    if rep_min < 1:
        raise table.fail(f"rep_min must be at least 1, got {rep_min}")
    if rep_min >= rep_max:
        # double progression needs room to climb inside the range before the rung changes
        sign = ">" if rep_min > rep_max else "="
        raise table.fail(f"rep_min {rep_min} {sign} rep_max {rep_max}; need a range")

    unit_name = table.text("unit")
    try:
        unit = Unit(unit_name)
    except ValueError:
        known = ", ".join(u.value for u in Unit)
        raise table.fail(f"unit: unknown {unit_name!r} (known: {known})") from None

    equipment: set[Equipment] = set()
    for name in table.texts("equipment", allow_empty=True):
        if name == Equipment.NONE.value:
            raise table.fail("equipment: leave the list empty for body weight, not 'none'")
        try:
            equipment.add(Equipment(name))
        except ValueError:
            known = ", ".join(e.value for e in Equipment if e is not Equipment.NONE)
            raise table.fail(f"equipment: unknown {name!r} (known: {known})") from None

    return Rung(
        id=rung_id,
        name=table.text("name"),
        equipment=frozenset(equipment),
        sets=sets,
        rep_min=rep_min,
        rep_max=rep_max,
        unit=unit,
        change=table.text("change"),
        cue=table.text("cue"),
        per_side=table.boolean("per_side", default=unilateral),
    )
