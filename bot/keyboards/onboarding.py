"""Keyboards of the onboarding questions and the profile card."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import pack
from bot.texts.onboarding import DAY_SHORT, EQUIPMENT_LABELS, LEVEL_LABELS, TIME_CHOICES
from content.model import Equipment, Level

TICK = " ✅"


def _button(label: str, *data: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=pack("ob", *data))


def level() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(LEVEL_LABELS[lvl], "level", lvl)] for lvl in Level])


def equipment(ticked: Collection[Equipment], none_ticked: bool) -> InlineKeyboardMarkup:
    rows = []
    for item in Equipment:
        on = none_ticked if item is Equipment.NONE else item in ticked
        rows.append([_button(EQUIPMENT_LABELS[item] + (TICK if on else ""), "eq", item)])
    rows.append([_button("Done", "eq", "done")])
    return InlineKeyboardMarkup(rows)


def days(
    ticked: Collection[int], step: str, offered: Sequence[int] = tuple(range(7))
) -> InlineKeyboardMarkup:
    buttons = [
        _button(DAY_SHORT[day] + (TICK if day in ticked else ""), step, day) for day in offered
    ]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    footer = [_button("Done", step, "done")]
    if step == "hard":
        footer.insert(0, _button("None", step, "none"))
    rows.append(footer)
    return InlineKeyboardMarkup(rows)


def times() -> InlineKeyboardMarkup:
    buttons = [_button(label, "time", label.replace(":", "")) for label in TIME_CHOICES]
    return InlineKeyboardMarkup([buttons[i : i + 4] for i in range(0, len(buttons), 4)])


def zone_suggestions(zones: Sequence[str], labels: Sequence[str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[_button(label, "tz", zone)] for zone, label in zip(zones, labels, strict=True)]
    )


def zone_confirm() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button("Yes", "tzok", "yes"), _button("No", "tzok", "no")]])


def summary() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton("Start a session now", callback_data=pack("go", "now"))],
            [InlineKeyboardButton("Change something", callback_data=pack("set", "menu"))],
        ]
    )


SETTINGS_FIELDS = (
    ("level", "Level"),
    ("equipment", "Equipment"),
    ("days", "Running days"),
    ("hard", "Long/hard days"),
    ("time", "Reminder time"),
    ("zone", "Time zone"),
)


def settings_menu() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(label, callback_data=pack("set", field))]
            for field, label in SETTINGS_FIELDS
        ]
    )
