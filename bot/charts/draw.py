"""Painting a progress chart with matplotlib's Agg canvas: a ChartSpec in, PNG bytes out.

Built on ``matplotlib.figure.Figure`` and ``FigureCanvasAgg`` directly, never ``pyplot``:
no global figure registry, no display, nothing kept between charts. Axes are placed in
pixels (no constrained layout), so a chart's size follows from its panel count alone
(:func:`layout`) and drawing costs the same every time.

Sized for a phone: 1,080 pixels wide (what Telegram keeps of a photo's long side is
1,280), two panels a row, text at 19-30 px. Every word comes from the spec (bot/texts).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any, Final

import matplotlib

matplotlib.use("Agg")  # before anything else of matplotlib is imported: never a display

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from PIL import Image

from bot.charts.spec import ChartSpec, ExercisePanel, Layout

WIDTH: Final = 1080
DPI: Final = 100
TITLE_HEIGHT: Final = 90
EXERCISE_ROW: Final = 330
WEEKLY_ROW: Final = 360
WEEKLY_PANELS: Final = 2
PNG_COMPRESSION: Final = 3
MAX_BAR: Final = 48  # pixels
# Margins inside each cell, in pixels: room for tick labels, axis labels and the title.
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 78, 78, 52, 46
# Where the axis labels sit, in pixels beside the axes (placed, not measured: measuring the
# tick labels for every chart costs a tenth of the drawing time).
LABEL_OFFSET = 48

# Okabe and Ito's colour-blind-safe palette (yellow swapped for a dark grey, which reads on
# white); an exercise keeps its colour on every chart.
PALETTE: Final = (
    "#E69F00",
    "#0072B2",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#56B4E9",
    "#444444",
)
SESSIONS_COLOUR: Final = "#8C8C8C"
PLAN_COLOUR: Final = "#000000"

_STYLE: Final[Any] = {  # (Any: matplotlib types the keys as a closed set of names)
    "font.size": 15,
    "axes.titlesize": 17,
    "axes.labelsize": 14,
    "xtick.labelsize": 14,
    "ytick.labelsize": 14,
    "legend.fontsize": 14,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def layout(spec: ChartSpec) -> Layout:
    """The panel grid and the picture size for ``spec``."""
    return layout_for(len(spec.panels))


def layout_for(count: int) -> Layout:
    """The panel grid and the picture size of a chart of ``count`` exercises."""
    columns = 1 if count <= 1 else 2
    rows = math.ceil(count / columns)
    height = TITLE_HEIGHT + rows * EXERCISE_ROW + WEEKLY_PANELS * WEEKLY_ROW
    return Layout(count, WEEKLY_PANELS, columns, rows, WIDTH, height)


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def render_png(spec: ChartSpec) -> bytes:
    """The chart as PNG bytes, ``layout(spec).width`` x ``layout(spec).height`` pixels."""
    grid = layout(spec)
    with matplotlib.rc_context(_STYLE):
        figure = Figure(figsize=(grid.width / DPI, grid.height / DPI), dpi=DPI)
        canvas = FigureCanvasAgg(figure)
        figure.text(
            0.5,
            1 - (TITLE_HEIGHT / 2) / grid.height,
            spec.labels.title,
            ha="center",
            va="center",
            fontsize=22,
            fontweight="bold",
        )
        cell_width = grid.width / grid.columns
        for number, panel in enumerate(spec.panels):
            row, column = divmod(number, grid.columns)
            top = TITLE_HEIGHT + row * EXERCISE_ROW
            axes = _axes(figure, grid, column * cell_width, top, cell_width, EXERCISE_ROW)
            _exercise(axes, panel, spec)
        top = TITLE_HEIGHT + grid.rows * EXERCISE_ROW
        _sessions(_axes(figure, grid, 0, top, grid.width, WEEKLY_ROW), spec)
        _contacts(_axes(figure, grid, 0, top + WEEKLY_ROW, grid.width, WEEKLY_ROW), spec)
        canvas.draw()
    # RGB, not RGBA (the background is opaque), at a light compression level: Telegram
    # recompresses photos anyway, and level 3 encodes in half the time of the default.
    image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba())
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="PNG", compress_level=PNG_COMPRESSION)
    return buffer.getvalue()


def _axes(
    figure: Figure, grid: Layout, left: float, top: float, width: float, height: float
) -> Axes:
    """Axes in a cell given in pixels from the top left, inside the cell's margins."""
    x = (left + MARGIN_LEFT) / grid.width
    y = 1 - (top + height - MARGIN_BOTTOM) / grid.height
    w = (width - MARGIN_LEFT - MARGIN_RIGHT) / grid.width
    h = (height - MARGIN_TOP - MARGIN_BOTTOM) / grid.height
    return figure.add_axes((x, y, w, h))


def _title(axes: Axes, text: str, tint: str) -> None:
    """A panel title at a fixed height: placing it automatically would measure every tick
    label of the panel first (a sixth of the drawing time)."""
    axes.set_title(text, loc="left", color=tint, fontweight="bold", y=1.0, pad=10)


def grid_width(axes: Axes) -> float:
    """The axes' width in pixels."""
    return axes.get_position().width * WIDTH


def _week_ticks(axes: Axes, labels: Sequence[str], most: int, offset: float) -> None:
    """At most ``most`` week labels, evenly spaced, the latest week always labelled."""
    count = len(labels)
    step = max(1, math.ceil(count / most))
    chosen = list(range(count - 1, -1, -step))[::-1]
    axes.set_xticks([index + offset for index in chosen])
    axes.set_xticklabels([labels[index] for index in chosen])
    axes.set_xlim(0, max(count, 1))


def _exercise(axes: Axes, panel: ExercisePanel, spec: ChartSpec) -> None:
    """The rung reached (steps, left axis) and the amount done on it (dashed, right axis)."""
    tint = colour(panel.colour)
    _title(axes, panel.title, tint)
    axes.step(panel.positions, panel.rungs, where="post", color=tint, linewidth=3.5)
    axes.plot(panel.positions, panel.rungs, "o", color=tint, markersize=7)
    axes.set_ylim(0.5, panel.rung_count + 0.5)
    axes.set_yticks(range(1, panel.rung_count + 1))
    axes.set_ylabel(spec.labels.rung_axis)
    axes.yaxis.set_label_coords(-LABEL_OFFSET / (grid_width(axes)), 0.5)
    _week_ticks(axes, spec.week_labels, 3, 0.5)
    amounts = axes.twinx()
    amounts.plot(
        panel.positions,
        panel.amounts,
        linestyle="--",
        marker="s",
        markersize=6,
        linewidth=1.8,
        color=tint,
        alpha=0.55,
    )
    low, high = min(panel.amounts, default=0), max(panel.amounts, default=1)
    amounts.set_ylim(max(0, low - 2), high + 2)
    amounts.set_ylabel(panel.amount_label)
    amounts.yaxis.set_label_coords(1 + LABEL_OFFSET / grid_width(axes), 0.5)
    amounts.spines["right"].set_visible(True)


def _sessions(axes: Axes, spec: ChartSpec) -> None:
    """Leg sessions per week as bars, the plan as a dashed line."""
    _bars(axes, spec.sessions, SESSIONS_COLOUR)
    if spec.planned:
        axes.axhline(spec.planned, color=PLAN_COLOUR, linestyle="--", linewidth=2)
    axes.set_ylim(0, max([spec.planned, *spec.sessions, 1]) + 1)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    _title(axes, spec.labels.sessions_title, PLAN_COLOUR)
    handles: list[Artist] = [Patch(color=SESSIONS_COLOUR, label=spec.labels.sessions_done)]
    if spec.planned:
        handles.append(
            Line2D([], [], color=PLAN_COLOUR, linestyle="--", label=spec.labels.sessions_planned)
        )
    # Handles of their own: the bars' collection would draw its legend line as thick as a bar.
    axes.legend(handles=handles, loc="upper left", ncols=2, frameon=False)
    axes.grid(axis="y", alpha=0.25)
    _week_ticks(axes, spec.week_labels, 7, 0.5)


def _contacts(axes: Axes, spec: ChartSpec) -> None:
    """Jump contacts per week, in the jumps' own colour."""
    _bars(axes, spec.contacts, colour(spec.contacts_colour))
    axes.set_ylim(0, max([*spec.contacts, 1]) * 1.15)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    _title(axes, spec.labels.contacts_title, PLAN_COLOUR)
    axes.grid(axis="y", alpha=0.25)
    _week_ticks(axes, spec.week_labels, 7, 0.5)


def _bars(axes: Axes, values: Sequence[int], tint: str) -> None:
    """One bar a week, drawn as thick vertical lines in one collection: a year of weeks
    costs one artist instead of 52 rectangles. Bars are at most ``MAX_BAR`` pixels wide, so a
    first week does not fill the panel."""
    count = max(len(values), 1)
    width_px = min(0.75 * grid_width(axes) / count, MAX_BAR)
    axes.vlines(
        [index + 0.5 for index in range(len(values))],
        0,
        values,
        colors=tint,
        linewidth=width_px * 72 / DPI,  # points
        capstyle="butt",
    )


def warm_up() -> None:
    """Draw a tiny chart once, so the worker's first real chart finds fonts and caches
    ready."""
    figure = Figure(figsize=(1, 1), dpi=DPI)
    canvas = FigureCanvasAgg(figure)
    axes = figure.add_axes((0.1, 0.1, 0.8, 0.8))
    axes.plot([0, 1], [0, 1])
    axes.set_title("0")
    canvas.print_png(io.BytesIO())
