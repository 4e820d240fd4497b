"""The leg-day reminder: the session, its exercises and the time, and why it is light, late
or the first after a race. Composed in the runner's language (``bot/dispatch/message.py``
speaks it around each reminder)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from html import escape

from bot.i18n import _, day, join, ngettext, pgettext, time_of_day
from content.reminders import SessionLabel, SessionName


def session_name(name: SessionName) -> str:
    """The session a leg-day message promises."""
    if name is SessionName.LIGHT:
        return _("Light taper session")
    if name is SessionName.ADVANCED:
        return _("Advanced leg session")
    if name is SessionName.INTERMEDIATE:
        return _("Intermediate leg session")
    return _("Beginner leg session")


def _today(label: SessionLabel, at: datetime, exercises: Sequence[str]) -> str:
    """Today's line: the time, the session and its length, and the exercises in order."""
    values = {
        "time": time_of_day(at),
        "session": escape(session_name(label.name)),
        "minutes": label.minutes,
    }
    if not exercises:
        return ngettext(
            "Today at {time}: <b>{session}</b>, about {minutes} minute.",
            "Today at {time}: <b>{session}</b>, about {minutes} minutes.",
            label.minutes,
        ).format(**values)
    # TRANSLATORS: {exercises} is a list of exercise names: "Squat jump, Squat and Calf raise".
    return ngettext(
        "Today at {time}: <b>{session}</b>, about {minutes} minute: {exercises}.",
        "Today at {time}: <b>{session}</b>, about {minutes} minutes: {exercises}.",
        label.minutes,
    ).format(exercises=escape(join(exercises)), **values)


def leg_day(
    *,
    first_name: str,
    label: SessionLabel,
    at: datetime,
    exercises: Sequence[str] = (),
    snooze: bool = False,
    late_since: datetime | None = None,
    paired_with_run: bool = False,
    race_day: date | None = None,
    after_race: bool = False,
) -> str:
    """The leg-day message: the session at its time (local), its length and exercises (the
    localized library's names, in order), and why if it is light or late (or the first
    after a race)."""
    # TRANSLATORS: how the runner is called when Telegram gives no first name.
    name = escape(first_name) or pgettext("no first name", "runner")
    if snooze:
        opener = _("Leg session still waiting, {name}.").format(name=name)
    else:
        opener = _("<b>Leg day, {name}!</b>").format(name=name)
    lines = [opener, _today(label, at, exercises)]
    if late_since is not None:
        lines.append(
            _(
                "<i>Sorry, this comes late: it was due at {time}. There's still time today.</i>"
            ).format(time=time_of_day(late_since))
        )
    if label.light and race_day is not None:
        lines.append(
            _(
                "<i>Your race is on {day}: no jumps and two sets each, so your legs stay "
                "fresh.</i>"
            ).format(day=day(race_day))
        )
    if after_race:
        lines.append(
            _("<i>Welcome back after your race: every exercise starts one step easier today.</i>")
        )
    if paired_with_run:
        lines.append(
            _(
                "<i>You also have an easy run today: do legs at least 6 hours apart, or "
                "strength first.</i>"
            )
        )
    # TRANSLATORS: "Start" is the button below the message.
    lines.append(_("Press Start when you're ready."))
    return "\n".join(lines)
