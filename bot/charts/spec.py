"""What a progress chart shows, as plain picklable data: it crosses into the worker process.

Every word on the chart (titles, axis labels, legend, week labels) is in here, composed by
bot/texts, so the drawing code holds none and a translation changes no drawing code.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ExercisePanel:
    """One exercise: the rung reached and the amount done on it, session by session.

    ``positions`` are in weeks from the chart's first Monday (fractional: a Thursday is
    x.43); ``rungs`` are 1-based places on the ladder; ``colour`` picks the exercise's own
    colour, the same on every chart.
    """

    title: str
    colour: int
    rung_count: int
    positions: tuple[float, ...]
    rungs: tuple[int, ...]
    amounts: tuple[int, ...]
    amount_label: str


@dataclass(frozen=True, slots=True)
class ChartLabels:
    title: str
    rung_axis: str
    sessions_title: str
    sessions_done: str
    sessions_planned: str
    contacts_title: str


@dataclass(frozen=True, slots=True)
class ChartSpec:
    """The whole chart: one panel per exercise, then sessions per week against the plan and
    jump contacts per week, over the weeks of ``week_labels`` (oldest first)."""

    labels: ChartLabels
    week_labels: tuple[str, ...]
    panels: tuple[ExercisePanel, ...]
    sessions: tuple[int, ...]
    planned: int  # leg sessions a week in the runner's plan (0: no plan)
    contacts: tuple[int, ...]
    contacts_colour: int  # the jumping exercise's colour


@dataclass(frozen=True, slots=True)
class Layout:
    """Where things go: the panel grid and the picture's size in pixels."""

    exercise_panels: int
    weekly_panels: int
    columns: int
    rows: int
    width: int
    height: int

    @property
    def panels(self) -> int:
        return self.exercise_panels + self.weekly_panels
