"""How-to buttons: one per exercise (``how:<exercise id>``), and the two under a picture.

Under a picture: **More** (``pic:m:<exercise id>``) sends the full how-to for where the runner
stands when they press it, and **Animation** (``pic:a:<exercise id>:<rung id>``) the looping
animation of the rung the picture shows. Library ids are short slugs, so both stay far below
the 64 bytes Telegram allows (``tests/bot/test_picture_answers.py`` packs every rung's).
"""

from __future__ import annotations

from collections.abc import Iterable

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import pack
from bot.i18n import pgettext
from content.library import Library
from content.model import Exercise

TOPIC = "how"
PICTURE_TOPIC = "pic"
MORE = "m"
ANIMATION = "a"


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


def picture(exercise_id: str, rung_id: str) -> InlineKeyboardMarkup:
    """The buttons under an exercise's picture: the full text, and the picture moving."""
    more = pack(PICTURE_TOPIC, MORE, exercise_id)
    more_label = pgettext("picture button", "More") + " 📖"
    animation = pack(PICTURE_TOPIC, ANIMATION, exercise_id, rung_id)
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(more_label, callback_data=more),
                InlineKeyboardButton(
                    pgettext("picture button", "Animation") + " ▶️", callback_data=animation
                ),
            ]
        ]
    )
