"""/progress in words: every word on the chart, its caption, and what is said instead.

The chart itself holds no text of its own: titles, axis labels, the legend and the week
labels are all composed here into the ChartSpec, so translating the bot changes this file
and nothing in bot/charts.
"""

from __future__ import annotations

from datetime import date

from babel import dates

from bot.charts.spec import ChartLabels, ChartSpec, ExercisePanel
from bot.flows.progress import Progress
from bot.i18n import _, current_locale, ngettext, pgettext
from content.library import Library
from content.model import Unit


def _amount(unit: Unit) -> str:
    """What the dashed line of an exercise's panel counts (its right-hand axis)."""
    if unit is Unit.SECONDS:
        return pgettext("chart", "seconds")
    if unit is Unit.CONTACTS:
        return pgettext("chart", "jumps")
    return pgettext("chart", "reps")


def week_label(monday: date) -> str:
    """A week on the chart's axis, by its Monday, as the locale writes a day and month
    (CLDR's "MMMd"): "24 Nov", "24. Nov.", "24 nov", "24 nov."."""
    return dates.format_skeleton("MMMd", monday, locale=current_locale())


def chart_spec(progress: Progress, library: Library) -> ChartSpec:
    """Every word of the chart, in the current language: the chart is drawn in a worker
    process, which knows no language, so the words travel in the spec. ``library`` is the
    localized one (its exercise names title the panels)."""
    labels = ChartLabels(
        title=_("Your leg strength, week by week"),
        # TRANSLATORS: the left axis of an exercise's panel: its step on the ladder.
        rung_axis=pgettext("chart", "rung"),
        sessions_title=_("Leg sessions per week"),
        # TRANSLATORS: legend of the sessions panel: the bars (sessions done).
        sessions_done=pgettext("chart", "done"),
        # TRANSLATORS: legend of the sessions panel: the dashed line (sessions planned).
        sessions_planned=pgettext("chart", "your plan"),
        contacts_title=_("Jump contacts per week (foot strikes)"),
    )
    panels = tuple(
        ExercisePanel(
            title=library.get(item.exercise_id).name,
            colour=item.colour,
            rung_count=item.rung_count,
            positions=tuple(point[0] for point in item.points),
            rungs=tuple(point[1] for point in item.points),
            amounts=tuple(point[2] for point in item.points),
            amount_label=" / ".join(_amount(unit) for unit in item.units),
        )
        for item in progress.exercises
    )
    return ChartSpec(
        labels=labels,
        week_labels=tuple(week_label(monday) for monday in progress.weeks),
        panels=panels,
        sessions=progress.sessions,
        planned=progress.planned,
        contacts=progress.contacts,
        contacts_colour=progress.jump_colour,
    )


def caption(progress: Progress) -> str:
    weeks = len(progress.weeks)
    done = sum(progress.sessions)
    if weeks == 1:
        # LIMIT: 1024 (a photo's caption, with the line after it)
        head = ngettext(
            "<b>Your progress</b>: {n} leg session this week.",
            "<b>Your progress</b>: {n} leg sessions this week.",
            done,
        ).format(n=done)
    else:
        # TRANSLATORS: {weeks} is always 2 or more.
        # LIMIT: 1024 (a photo's caption, with the line after it)
        head = ngettext(
            "<b>Your progress</b>: {n} leg session in the last {weeks} weeks.",
            "<b>Your progress</b>: {n} leg sessions in the last {weeks} weeks.",
            done,
        ).format(n=done, weeks=weeks)
    # LIMIT: 1024 (a photo's caption, with the line before it)
    legend = _(
        "Solid line: the rung you reached (higher is harder). Dashed: the reps, seconds or "
        "jumps you did on it."
    )
    return "\n".join([head, legend])


def no_sessions() -> str:
    return _(
        "Nothing to chart yet: your progress shows up here after your first session. "
        "Send /workout to start one."
    )


def busy() -> str:
    return _("Lots of charts are being drawn right now. Please try /progress again in a minute.")


def failed() -> str:
    return _("Sorry, I couldn't draw your chart just now. Please try /progress again later.")
