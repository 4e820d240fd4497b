"""Draw every missing picture once, in the background, right after start-up.

A fresh install has no pictures on disk, and drawing all of them takes seconds (about 8 s on
two shared cores, ``python -m bench figures``), so start-up must not wait for it: the bot
answers at once, and a runner who asks for a picture before the background reaches it gets
it drawn on demand (``PictureCache.render_async``; two drawers of one picture both write the
same bytes, each by an atomic rename). Every later start finds the files by their keys and is
done in milliseconds.

The drawing runs in one worker thread, a picture at a time, so the event loop keeps serving
updates (Pillow's drawing holds the GIL in short slices only). ``stop`` lets the picture in
hand finish and skips the rest: a shutdown waits a fraction of a second, never for the lot,
and leaves no thread behind.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Sequence

from bot.pictures.cache import PictureCache
from content.figures import Picture
from content.figures.catalogue import all_pictures

log = logging.getLogger(__name__)


class Prerender:
    """The background drawing of ``pictures`` (every picture the library needs by default)."""

    def __init__(self, cache: PictureCache, pictures: Sequence[Picture] | None = None) -> None:
        self.cache = cache
        self.pictures = tuple(all_pictures() if pictures is None else pictures)
        self.done = 0  # pictures whose files are on disk (found or drawn) so far
        self._stop = threading.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin in the background; returns at once."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="legcoach-prerender")

    async def wait(self) -> None:
        """Until every picture is on disk (or drawing stopped): for tools and tests."""
        if self._task is not None:
            await asyncio.shield(self._task)

    async def stop(self) -> None:
        """Stop after the picture in hand; returns once the worker thread is done."""
        self._stop.set()
        if self._task is not None:
            await self._task

    async def _run(self) -> None:
        started = time.perf_counter()
        drawn_before = self.cache.drawn
        try:
            await asyncio.to_thread(self._render_all)
        except Exception:  # a full disk or an unwritable folder: runners' requests retry
            log.exception("pictures: drawing in the background failed")
            return
        log.info(
            "pictures: %d of %d on disk in %s (%d drawn) in %.1f s",
            self.done,
            len(self.pictures),
            self.cache.directory,
            self.cache.drawn - drawn_before,
            time.perf_counter() - started,
        )

    def _render_all(self) -> None:
        for picture in self.pictures:
            if self._stop.is_set():
                return
            self.cache.render(picture)
            self.done += 1
