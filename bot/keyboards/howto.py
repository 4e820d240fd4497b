"""How-to buttons: one per exercise, labelled with its name; ``how:<exercise id>`` on press."""

from __future__ import annotations

from collections.abc import Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import pack
from content.library import Library
from content.model import Exercise

TOPIC = "how"


def _rows(exercises: Iterable[Exercise]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(e.name, callback_data=pack(TOPIC, e.id))] for e in exercises]
    )


def all_exercises(library: Library) -> InlineKeyboardMarkup:
    """Every exercise, in library order."""
    return _rows(library)


def candidates(library: Library, exercise_ids: Iterable[str]) -> InlineKeyboardMarkup:
    """The exercises a question might mean, best first; unknown ids are left out."""
    known = set(library.ids)
    return _rows(library.get(exercise_id) for exercise_id in exercise_ids if exercise_id in known)
