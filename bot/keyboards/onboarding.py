"""Keyboards of the onboarding questions and the profile card."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import pack
from bot.flows.setup import Question, QuestionView
from bot.i18n import N_, LazyText, _, pgettext
from bot.keyboards.language import settings_button as language_button
from bot.texts import recap as recap_texts
from bot.texts.onboarding import EQUIPMENT_LABELS, LEVEL_LABELS, TIME_CHOICES, day_short
from content.answers import Option
from content.answerwords import EQUIPMENT_MEANING, LEVEL_MEANING, Meaning
from content.model import Equipment, Level, WeightUnit

TICK = " ✅"


# The words on the shared buttons; ``options`` reads typed answers against the same words.
def done() -> str:
    return pgettext("button", "Done")


def none() -> str:
    # TRANSLATORS: the button for "no long or hard days"
    return pgettext("button", "None")


def yes() -> str:
    return pgettext("button", "Yes")


def no() -> str:
    return pgettext("button", "No")


def _button(label: str, *data: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=pack("ob", *data))


def level() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[_button(str(LEVEL_LABELS[lvl]), "level", lvl)] for lvl in Level])


def _flip(on: bool) -> str:
    """What pressing a tick button makes it: on ("1") or off ("0"). Absolute, not a toggle,
    so a press repeated after a failed redraw cannot undo itself."""
    return "0" if on else "1"


def equipment(ticked: Collection[Equipment], none_ticked: bool) -> InlineKeyboardMarkup:
    rows = []
    for item in Equipment:
        on = none_ticked if item is Equipment.NONE else item in ticked
        label = str(EQUIPMENT_LABELS[item]) + (TICK if on else "")
        rows.append([_button(label, "eq", item, _flip(on))])
    rows.append([_button(done(), "eq", "done")])
    return InlineKeyboardMarkup(rows)


def days(
    ticked: Collection[int], step: str, offered: Sequence[int] = tuple(range(7))
) -> InlineKeyboardMarkup:
    buttons = [
        _button(day_short(day) + (TICK if day in ticked else ""), step, day, _flip(day in ticked))
        for day in offered
    ]
    rows = [buttons[i : i + 4] for i in range(0, len(buttons), 4)]
    footer = [_button(done(), step, "done")]
    if step == "hard":
        footer.insert(0, _button(none(), step, "none"))
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
    return InlineKeyboardMarkup([[_button(yes(), "tzok", "yes"), _button(no(), "tzok", "no")]])


def summary() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(_("Start a session now"), callback_data=pack("go", "now"))],
            [InlineKeyboardButton(_("Change something"), callback_data=pack("set", "menu"))],
        ]
    )


SETTINGS_FIELDS: tuple[tuple[str, LazyText], ...] = (
    ("level", N_("Level")),
    ("equipment", N_("Equipment")),
    ("days", N_("Running days")),
    ("hard", N_("Long/hard days")),
    ("time", N_("Reminder time")),
    ("zone", N_("Time zone")),
)


# Settings that flip with one press, shown with their current value.
UNIT_TOGGLE, REST_TOGGLE, RECAP_TOGGLE = "unit", "rest", "recap"


def settings_menu(
    weight_unit: WeightUnit = WeightUnit.KG, rest_timer: bool = True, weekly_recap: bool = True
) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(str(label), callback_data=pack("set", field))]
        for field, label in SETTINGS_FIELDS
    ]
    rows.append(
        [
            InlineKeyboardButton(
                _("Weights in {unit}").format(unit=weight_unit.value),
                callback_data=pack("set", UNIT_TOGGLE),
            ),
            InlineKeyboardButton(
                _("Rest timer: on") if rest_timer else _("Rest timer: off"),
                callback_data=pack("set", REST_TOGGLE),
            ),
        ]
    )
    rows.append(
        [
            InlineKeyboardButton(
                recap_texts.toggle_label(weekly_recap), callback_data=pack("set", RECAP_TOGGLE)
            )
        ]
    )
    rows.append([language_button()])  # opens /language's choice (bot.handlers.language)
    return InlineKeyboardMarkup(rows)


def question(view: QuestionView) -> InlineKeyboardMarkup | None:
    """The buttons of a question as it is asked now (a zone question has none until a
    place was typed)."""
    if view.question is Question.LEVEL:
        return level()
    if view.question is Question.EQUIPMENT:
        return equipment(view.equipment, view.none_ticked)
    if view.question is Question.DAYS:
        return days(view.running_days, "days")
    if view.question is Question.HARD:
        return days(view.hard_days, "hard", offered=view.running_days)
    if view.question is Question.TIME:
        return times()
    if view.zone_candidate is not None:
        return zone_confirm()
    return None


def _done() -> Option:
    return Option("done", done(), (Meaning.DONE,))


def options(view: QuestionView) -> tuple[Option, ...]:
    """The buttons of a question as typed answers can name them: what ``question`` draws,
    with the value each press carries and the usual words for it (``content.answerwords``)."""
    if view.question is Question.LEVEL:
        return tuple(
            Option(lvl.value, str(LEVEL_LABELS[lvl]), (LEVEL_MEANING[lvl],)) for lvl in Level
        )
    if view.question is Question.EQUIPMENT:
        kit = (
            Option(item.value, str(EQUIPMENT_LABELS[item]), (EQUIPMENT_MEANING[item],))
            for item in Equipment
        )
        return (*kit, _done())
    if view.question is Question.DAYS:
        return (*(Option(str(day), day_short(day)) for day in range(7)), _done())
    if view.question is Question.HARD:
        offered = (Option(str(day), day_short(day)) for day in view.running_days)
        return (*offered, Option("none", none(), (Meaning.NONE,)), _done())
    if view.question is Question.TIME:
        return tuple(Option(label.replace(":", ""), label) for label in TIME_CHOICES)
    if view.zone_candidate is not None:
        return (Option("yes", yes(), (Meaning.YES,)), Option("no", no(), (Meaning.NO,)))
    return ()
