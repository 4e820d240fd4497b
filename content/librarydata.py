"""Reading the library's data files: a TOML table that says where it sits in its file, so each
error names the file, the exercise, the rung and the field; and the check that every name,
alias and misspelling names one exercise only.

Shared by the English library (``content.library``) and its translations
(``content.localized``).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from typing import Any

from content.folding import fold
from content.model import Exercise

# Ids travel in Telegram callback data (64 bytes in all), so they stay short plain slugs.
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,31}")


class LibraryError(ValueError):
    """The library file is unreadable, not TOML, or breaks a rule the coaching code relies on."""


class Table:
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
        if not ID_PATTERN.fullmatch(value):
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


def parse_toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LibraryError(f"{source}: not valid TOML: {exc}") from exc


def word_key(word: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name, to find one shared by two
    exercises ("Kniebeuge" and "kniebeuge", "Fente latérale" and "fente laterale")."""
    return " ".join(fold(word).replace("-", " ").split())


def check_words(exercises: Iterable[Exercise], source: str) -> None:
    """Every name, alias and misspelling belongs to one exercise, so the matcher can never be
    ambiguous about an exact name. ``exercises`` may hold two languages' versions of the
    library (the same id twice): a word both share is fine, one used by two ids is not."""
    owners: dict[str, str] = {}
    for exercise in exercises:
        words = (exercise.name, *exercise.aliases, *exercise.misspellings)
        for word in sorted({word_key(w) for w in words}):
            other = owners.setdefault(word, exercise.id)
            if other != exercise.id:
                raise LibraryError(
                    f"{source}: exercise {exercise.id!r}: alias {word!r} is already used by "
                    f"exercise {other!r}"
                )
