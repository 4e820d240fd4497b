"""The weekly recap: the week's sessions against the plan, the moves up, the jump contacts,
the streak of weeks on plan and next week's leg days; and its switch in /settings.

Composed in the runner's language (``bot/dispatch/message.py`` speaks it around each
reminder); the exercises are named from the library in that language.
"""

from __future__ import annotations

from html import escape

from bot.i18n import _, day, join, ngettext, number, pgettext, weekday
from content.library import Library
from content.recap import RECAP_WEEKDAY, Recap


def recap(first_name: str, figures: Recap, library: Library) -> str:
    """The recap message (no buttons)."""
    # TRANSLATORS: how the runner is called when Telegram gives no first name.
    name = escape(first_name) or pgettext("no first name", "runner")
    week = figures.week
    lines = [_("<b>Your week of leg work, {name}</b>").format(name=name)]
    if week.planned:
        lines.append(
            ngettext(
                "Leg sessions: {done} of {planned} planned.",
                "Leg sessions: {done} of {planned} planned.",
                week.planned,
            ).format(done=number(week.done), planned=number(week.planned))
        )
    else:
        lines.append(
            ngettext(
                "Leg sessions: {done}, with none planned. A bonus!",
                "Leg sessions: {done}, with none planned. A bonus!",
                week.done,
            ).format(done=number(week.done))
        )
    if figures.moved_up:
        names = [library.get(exercise_id).name for exercise_id in figures.moved_up]
        lines.append(_("Moved up: {exercises}.").format(exercises=escape(join(names))))
    elif week.done:
        lines.append(_("No moves up this week: steady work builds the base for the next one."))
    if figures.contacts:
        lines.append(
            ngettext(
                "Jump contacts: {count}.", "Jump contacts: {count}.", figures.contacts
            ).format(count=number(figures.contacts))
        )
    if week.on_plan and figures.streak:
        lines.append(
            ngettext(
                "On plan: {weeks} week in a row. 🔥",
                "On plan: {weeks} weeks in a row. 🔥",
                figures.streak,
            ).format(weeks=number(figures.streak))
        )
    else:
        lines.append(_("Not every session happened this week: next week is a fresh start."))
    if figures.next_days:
        days = join(day(value) for value in figures.next_days)
        lines.append(_("Next week's leg days: <b>{days}</b>.").format(days=escape(days)))
    else:
        lines.append(_("No leg days planned for next week."))
    return "\n".join(lines)


def toggle_label(on: bool) -> str:
    """The /settings button that turns the weekly recap on or off, with its state."""
    return _("Weekly recap: on") if on else _("Weekly recap: off")


def toggled(on: bool) -> str:
    """The answer to the switch's press."""
    if not on:
        # LIMIT: 200
        return _("Weekly recap off.")
    # LIMIT: 200
    return _("Weekly recap on: it comes on {weekday} at your reminder time.").format(
        weekday=weekday(RECAP_WEEKDAY, "wide", standalone=False)
    )
