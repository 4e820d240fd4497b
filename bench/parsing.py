"""``parsing``: what reading typed places, dates, times and running days costs.

Cold costs are measured in fresh interpreters (``python -c``), since the indexes are built
once per process and cached: importing ``content.zones``, the first ``resolve_zone`` (which
loads the GeoNames gazetteer and the CLDR tables), ``preload()`` on its own, and the first
``parse_date`` (Babel and dateparser data). Warm costs are the median of repeated calls in
this process after a preload, per kind of answer: an exact town, a localised name, a
country, an abbreviation, a typo (fuzzy search over every big place), text naming nothing,
dates through our grammar and through dateparser, a time, running days. The database
option is ignored.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from bench.common import machine
from content.dates import parse_date
from content.datetimes import parse_date_time
from content.timeparse import parse_time
from content.weekdays import parse_weekdays
from content.zones import preload, resolve_zone

_COLD = {
    "import content.zones": "import content.zones",
    "first resolve_zone('Grenoble')": (
        "import content.zones as z; t = time.perf_counter(); z.resolve_zone('Grenoble')"
    ),
    "preload()": "import content.zones as z; t = time.perf_counter(); z.preload()",
    "first parse_date('nächsten Freitag')": (
        "import datetime as d, content.dates as m; t = time.perf_counter(); "
        "m.parse_date('nächsten Freitag', d.date(2026, 11, 18), 'de')"
    ),
    "first parse_date('in two weeks') (dateparser)": (
        "import datetime as d, content.dates as m; t = time.perf_counter(); "
        "m.parse_date('in two weeks', d.date(2026, 11, 18), 'en')"
    ),
}
_TODAY = date(2026, 11, 18)
_WARM: dict[str, Callable[[], object]] = {
    "zone: exact town 'Grenoble'": lambda: resolve_zone("Grenoble"),
    "zone: localised 'Nueva York'": lambda: resolve_zone("Nueva York"),
    "zone: country 'USA'": lambda: resolve_zone("USA"),
    "zone: abbreviation 'CET'": lambda: resolve_zone("CET"),
    "zone: typo 'Grenobel'": lambda: resolve_zone("Grenobel"),
    "zone: nothing 'qwerty'": lambda: resolve_zone("qwerty"),
    "zone: sentence 'I live near Grenobel'": lambda: resolve_zone("I live near Grenobel"),
    "date: grammar 'nächsten Freitag'": lambda: parse_date("nächsten Freitag", _TODAY, "de"),
    "date: dateparser 'in two weeks'": lambda: parse_date("in two weeks", _TODAY, "en"),
    "date: nothing 'qwerty'": lambda: parse_date("qwerty", _TODAY, "en"),
    "date+time 'demain 7h'": lambda: parse_date_time("demain 7h", _TODAY, "fr"),
    "time '7 de la tarde'": lambda: parse_time("7 de la tarde"),
    "days 'Mo-Fr'": lambda: parse_weekdays("Mo-Fr", "de"),
}


def _cold(code: str) -> float:
    """Seconds for ``code`` in a fresh interpreter (from ``t`` if it sets one, else all)."""
    script = "import time; t = time.perf_counter(); " + code + "; print(time.perf_counter() - t)"
    out = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout
    return float(out.strip().splitlines()[-1])


def _warm(call: Callable[[], object], repeat: int) -> float:
    call()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


async def run(db: str, quick: bool, argv: list[str]) -> tuple[list[list[Any]], dict[str, Any]]:
    runs = 1 if quick else 3
    repeat = 5 if quick else 30
    rows: list[list[Any]] = [["what", "ms"]]
    result: dict[str, Any] = {"cold_ms": {}, "warm_ms": {}}
    for label, code in _COLD.items():
        seconds = min(_cold(code) for _ in range(runs))
        rows.append([f"cold: {label}", seconds * 1000])
        result["cold_ms"][label] = round(seconds * 1000, 1)
    preload()
    for label, call in _WARM.items():
        seconds = _warm(call, repeat)
        rows.append([f"warm: {label}", seconds * 1000])
        result["warm_ms"][label] = round(seconds * 1000, 3)
    rows.append([machine(), ""])
    return rows, result
