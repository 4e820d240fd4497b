"""Charts drawn with matplotlib in a worker process: plain data in, PNG bytes out.

``spec`` holds the picklable input (numbers plus every word, already in the runner's
language), ``draw`` paints it (Agg, no display, nothing global), ``worker`` runs ``draw`` in
a separate process so no runner's update waits behind a chart.
"""

from bot.charts.draw import PALETTE, colour, layout, layout_for, render_png
from bot.charts.spec import ChartLabels, ChartSpec, ExercisePanel, Layout
from bot.charts.worker import ChartBusy, ChartFailed, ChartWorker

__all__ = [
    "PALETTE",
    "ChartBusy",
    "ChartFailed",
    "ChartLabels",
    "ChartSpec",
    "ChartWorker",
    "ExercisePanel",
    "Layout",
    "colour",
    "layout",
    "layout_for",
    "render_png",
]
