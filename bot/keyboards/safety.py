"""The buttons of pain: a gentle session, where it hurts, Better / Same / Worse, a pause.

Callback data: ``go:gentle`` (a gentle session now), ``go:gentle:<session id>`` (in place of
the session a pain report ended), ``pn:at:<area>`` (where it hurts),
``pn:<reminder id>:<area>:<answer>`` (the leg-day question) and ``pn:pause``.
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import pack
from bot.i18n import N_, _, pgettext
from bot.texts.safety import AREA_LABELS
from content.model import Area
from content.pain import PainAnswer

TOPIC = "pn"
ANSWER_LABELS = {
    PainAnswer.BETTER: N_("Better"),
    PainAnswer.SAME: N_("Same"),
    PainAnswer.WORSE: N_("Worse"),
}


def gentle_session() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(_("Gentle session"), callback_data=pack("go", "gentle"))]]
    )


def gentle_instead(session_id: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    _("Gentle session instead"), callback_data=pack("go", "gentle", session_id)
                )
            ]
        ]
    )


def where() -> InlineKeyboardMarkup:
    """The nine areas, three a row."""
    buttons = [
        InlineKeyboardButton(str(AREA_LABELS[area]), callback_data=pack(TOPIC, "at", area))
        for area in Area
    ]
    return InlineKeyboardMarkup([buttons[i : i + 3] for i in range(0, len(buttons), 3)])


def pause() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(_("Pause reminders"), callback_data=pack(TOPIC, "pause"))]]
    )


def pain_rows(
    reminder_id: int, areas: Sequence[Area], *, named: bool | None = None
) -> list[list[InlineKeyboardButton]]:
    """One row per sore area: Better / Same / Worse, named by area when the message asks
    about several (``named``: the rows left after an answer keep their names). At most nine
    rows of three: well inside Telegram's 100 buttons a message."""
    named = len(areas) > 1 if named is None else named
    rows = []
    for area in areas:
        row = []
        for said, label in ANSWER_LABELS.items():
            name = pgettext("sore area", "Other") if area is Area.OTHER else str(AREA_LABELS[area])
            text = (
                # TRANSLATORS: a Better / Same / Worse button of one of several sore areas
                _("{area}: {answer}").format(area=name, answer=str(label).lower())
                if named
                else str(label)
            )
            row.append(
                InlineKeyboardButton(text, callback_data=pack(TOPIC, reminder_id, area, said))
            )
        rows.append(row)
    return rows
