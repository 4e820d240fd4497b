"""/progress in words: every word on the chart, its caption, and what is said instead.

The chart itself holds no text of its own: titles, axis labels, the legend and the week
labels are all composed here into the ChartSpec, so translating the bot changes this file
and nothing in bot/charts.
"""

from __future__ import annotations

from datetime import date

from bot.charts.spec import ChartLabels, ChartSpec, ExercisePanel
from bot.flows.progress import Progress
from content.library import Library
from content.model import Unit

_AMOUNT = {Unit.REPS: "reps", Unit.SECONDS: "seconds", Unit.CONTACTS: "jumps"}


def week_label(monday: date) -> str:
    """A week on the chart's axis, by its Monday: "24 Nov"."""
    return f"{monday.day} {monday:%b}"


def chart_spec(progress: Progress, library: Library) -> ChartSpec:
    labels = ChartLabels(
        title="Your leg strength, week by week",
        rung_axis="rung",
        sessions_title="Leg sessions per week",
        sessions_done="done",
        sessions_planned="your plan",
        contacts_title="Jump contacts per week (foot strikes)",
    )
    panels = tuple(
        ExercisePanel(
            title=library.get(item.exercise_id).name,
            colour=item.colour,
            rung_count=item.rung_count,
            positions=tuple(point[0] for point in item.points),
            rungs=tuple(point[1] for point in item.points),
            amounts=tuple(point[2] for point in item.points),
            amount_label=" / ".join(_AMOUNT[unit] for unit in item.units),
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
    span = "this week" if weeks == 1 else f"the last {weeks} weeks"
    lines = [
        f"<b>Your progress</b>: {done} leg session{'s' if done != 1 else ''} in {span}.",
        "Solid line: the rung you reached (higher is harder). Dashed: the reps, seconds or "
        "jumps you did on it.",
    ]
    return "\n".join(lines)


def no_sessions() -> str:
    return (
        "Nothing to chart yet: your progress shows up here after your first session. "
        "Send /workout to start one."
    )


def busy() -> str:
    return "Lots of charts are being drawn right now. Please try /progress again in a minute."


def failed() -> str:
    return "Sorry, I couldn't draw your chart just now. Please try /progress again later."
