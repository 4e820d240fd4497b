"""``figures``: render every exercise picture (PNG and GIF) from an empty cache, then again.

The cold run is what a fresh install or a first start costs (``legcoach pictures``); the
warm run is every later start, when each picture is found on disk by its key. Wall time and
this process's CPU time are both reported: on a shared machine the gap is other work. The
painting itself is timed once more per kind (PNG, GIF), outside the cache, to show where the
time goes. Target: the cold run under 30 s on a 2-core machine.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import PIL

from bench.common import machine
from bot.pictures import PictureCache
from bot.pictures.paint import gif_bytes, png_bytes
from content.figures.catalogue import all_pictures


async def run(db: str, quick: bool, argv: list[str]) -> tuple[list[list[Any]], dict[str, Any]]:
    del db, argv  # pictures touch no database
    pictures = all_pictures()[:4] if quick else all_pictures()
    with tempfile.TemporaryDirectory(prefix="legcoach-bench-pictures-") as folder:
        cache = PictureCache(Path(folder) / "pictures")
        cold_wall, cold_cpu = _timed(lambda: cache.render_all(pictures))
        drawn = cache.drawn
        warm_wall, _ = _timed(lambda: cache.render_all(pictures))
        files = sorted(cache.directory.iterdir())
        png_sizes = [f.stat().st_size for f in files if f.suffix == ".png"]
        gif_sizes = [f.stat().st_size for f in files if f.suffix == ".gif"]
    png_wall, _ = _timed(lambda: [png_bytes(p) for p in pictures])
    gif_wall, _ = _timed(lambda: [gif_bytes(p) for p in pictures])
    count = len(pictures)
    rows = [
        ["what", "seconds", "per picture, ms"],
        [f"cold: {count} pictures, {drawn} files (wall)", cold_wall, cold_wall / count * 1e3],
        ["cold: CPU time of this process", cold_cpu, cold_cpu / count * 1e3],
        ["warm: every file found on disk", warm_wall, warm_wall / count * 1e3],
        ["painting only: PNGs (two panels, 1080x540)", png_wall, png_wall / count * 1e3],
        ["painting only: GIFs (480x480 loop)", gif_wall, gif_wall / count * 1e3],
        [f"sizes: PNG {_kb(png_sizes)}, GIF {_kb(gif_sizes)}", "", ""],
        [f"{machine()}, Pillow {PIL.__version__}", "", ""],
    ]
    result = {
        "pictures": count,
        "files_drawn": drawn,
        "cold_s": round(cold_wall, 2),
        "cold_cpu_s": round(cold_cpu, 2),
        "warm_s": round(warm_wall, 4),
        "png_s": round(png_wall, 2),
        "gif_s": round(gif_wall, 2),
        "png_kb_max": round(max(png_sizes) / 1024),
        "gif_kb_max": round(max(gif_sizes) / 1024),
        "target_s": 30,
    }
    return rows, result


def _timed(action: Any) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    return time.perf_counter() - wall, time.process_time() - cpu


def _kb(sizes: list[int]) -> str:
    return f"{min(sizes) // 1024}-{max(sizes) // 1024} KB"
