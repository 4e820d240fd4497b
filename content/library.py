"""Load and validate the exercise library (``exercises.toml``).

The library is data so that wording and ladders can change without touching code. The ladder
functions trust it completely at run time, so every rule they rely on is checked here once,
at start-up, and a broken file fails with a message naming the file, the exercise, the rung
and the field, e.g. ``exercises.toml: exercise 'squat', rung 'band': rep_min 12 > rep_max 10``.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from content.model import Equipment, Exercise, Level, Rung, Unit

DEFAULT_FILE = "exercises.toml"

# Harder must work for a runner with no kit at all, so every ladder keeps two body-weight rungs.
MIN_BODY_WEIGHT_RUNGS = 2

# Ids travel in Telegram callback data (64 bytes in all), so they stay short plain slugs.
_ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,31}")

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
        "rung",
    }
)
_RUNG_FIELDS = frozenset(
    {"id", "name", "equipment", "sets", "rep_min", "rep_max", "unit", "change", "cue"}
)
_RUNG_OPTIONAL_FIELDS = frozenset({"per_side"})


class LibraryError(ValueError):
    """The library file is unreadable, not TOML, or breaks a rule the coaching code relies on."""


@dataclass(frozen=True, slots=True)
class Library:
    """All exercises, in file order (the order the bot lists them in)."""

    exercises: tuple[Exercise, ...]

    @property
    def ids(self) -> tuple[str, ...]:
        """Exercise ids in library order."""
        return tuple(exercise.id for exercise in self.exercises)

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
    """Read, parse and validate a library file; the packaged one when ``path`` is None."""
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
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LibraryError(f"{source}: not valid TOML: {exc}") from exc
    return parse_library(data, source)


@functools.cache
def default_library() -> Library:
    """The packaged library, loaded and validated once per process."""
    return load_library()


def parse_library(data: Mapping[str, Any], source: str = DEFAULT_FILE) -> Library:
    """Build a validated Library from already-parsed TOML; ``source`` prefixes every error."""
    top = _Table(data, source)
    top.check_fields(required=frozenset({"exercise"}), optional=frozenset())
    exercises: list[Exercise] = []
    seen_ids: set[str] = set()
    # every name, alias and misspelling, so the exercise matcher can never be ambiguous
    seen_words: dict[str, str] = {}
    for number, raw in enumerate(top.tables("exercise"), start=1):
        exercise = _parse_exercise(raw, source, number)
        where = f"{source}: exercise {exercise.id!r}"
        if exercise.id in seen_ids:
            raise LibraryError(f"{where}: duplicate exercise id")
        seen_ids.add(exercise.id)
        words = (exercise.name, *exercise.aliases, *exercise.misspellings)
        for word in sorted({_normalise(w) for w in words}):
            other = seen_words.setdefault(word, exercise.id)
            if other != exercise.id:
                raise LibraryError(
                    f"{where}: alias {word!r} is already used by exercise {other!r}"
                )
        exercises.append(exercise)
    return Library(tuple(exercises))


def _normalise(word: str) -> str:
    """Case- and spacing-insensitive form used to detect aliases shared by two exercises."""
    return " ".join(word.casefold().replace("-", " ").split())


def _parse_exercise(raw: Mapping[str, Any], source: str, number: int) -> Exercise:
    """One [[exercise]] table; errors before the id is known name it by position."""
    table = _Table(raw, f"{source}: exercise #{number}")
    exercise_id = table.slug("id")
    table = _Table(raw, f"{source}: exercise {exercise_id!r}")
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
    )


def _parse_level_rungs(table: _Table, ladder_length: int) -> dict[Level, int]:
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
    table = _Table(raw, f"{where}, rung #{number}")
    rung_id = table.slug("id")
    table = _Table(raw, f"{where}, rung {rung_id!r}")
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


class _Table:
    """A TOML table plus where it sits in the file, so each error says exactly what is wrong."""

    def __init__(self, data: Mapping[str, Any], where: str) -> None:
        if not isinstance(data, Mapping):
            raise LibraryError(f"{where}: must be a table, got {type(data).__name__}")
        self.data = data
        self.where = where

    def fail(self, message: str) -> LibraryError:
        return LibraryError(f"{self.where}: {message}")

    def check_fields(self, *, required: frozenset[str], optional: frozenset[str]) -> None:
        """Reject missing and unknown fields; an unknown one is usually a typo of a real one."""
        missing = sorted(required - set(self.data))
        if missing:
            raise self.fail(f"missing field {missing[0]!r}")
        unknown = sorted(set(self.data) - required - optional)
        if unknown:
            raise self.fail(f"unknown field {unknown[0]!r}")

    def _get(self, key: str) -> Any:
        if key not in self.data:
            raise self.fail(f"missing field {key!r}")
        return self.data[key]

    def _type_error(self, key: str, expected: str, value: object) -> LibraryError:
        return self.fail(f"field {key!r} must be {expected}, got {type(value).__name__}")

    def text(self, key: str) -> str:
        value = self._get(key)
        if not isinstance(value, str):
            raise self._type_error(key, "a string", value)
        if not value.strip():
            raise self.fail(f"field {key!r} must not be empty")
        return value.strip()

    def slug(self, key: str) -> str:
        value = self.text(key)
        if not _ID_PATTERN.fullmatch(value):
            raise self.fail(
                f"field {key!r} must be a lowercase slug of at most 32 characters, got {value!r}"
            )
        return value

    def integer(self, key: str) -> int:
        value = self._get(key)
        # bool is an int in Python, but `sets = true` in the file is certainly a mistake
        if not isinstance(value, int) or isinstance(value, bool):
            raise self._type_error(key, "an integer", value)
        return value

    def boolean(self, key: str, default: bool | None = None) -> bool:
        if default is not None and key not in self.data:
            return default
        value = self._get(key)
        if not isinstance(value, bool):
            raise self._type_error(key, "true or false", value)
        return value

    def texts(self, key: str, *, allow_empty: bool = False) -> tuple[str, ...]:
        value = self._get(key)
        if not isinstance(value, list):
            raise self._type_error(key, "a list of strings", value)
        if not value and not allow_empty:
            raise self.fail(f"field {key!r} must not be empty")
        result: list[str] = []
        for item in value:
            if not isinstance(item, str) or not item.strip():
                raise self.fail(f"field {key!r} must hold non-empty strings, got {item!r}")
            result.append(item.strip())
        return tuple(result)

    def table(self, key: str) -> Mapping[str, Any]:
        value = self._get(key)
        if not isinstance(value, Mapping):
            raise self._type_error(key, "a table", value)
        return value

    def tables(self, key: str) -> list[Mapping[str, Any]]:
        value = self._get(key)
        if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
            raise self._type_error(key, "an array of tables", value)
        if not value:
            raise self.fail(f"field {key!r} must not be empty")
        return value
