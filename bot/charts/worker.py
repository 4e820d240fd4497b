"""Charts are drawn in a worker process, so no runner's update waits behind one.

Drawing a chart is a few hundred milliseconds of pure Python and C inside matplotlib; in a
thread it would hold the interpreter lock for most of that and stall every other runner's
update on the event loop. A ``ProcessPoolExecutor`` takes plain data in and gives PNG bytes
back, and the event loop only awaits the future.

The pool is created once, on first use (or by :meth:`ChartWorker.warm` at start-up), with
the *forkserver* start method where there is one (*spawn* elsewhere): never *fork*, which
copies a process that holds threads (aiosqlite's, the job queue's) and their locks. The
fork server imports the drawing module once, so a worker forked from it starts warm; each
worker also draws a tiny chart at start (``draw.warm_up``) for fonts and caches, and runs at
a lower CPU priority than the bot (``NICENESS``), so on busy cores runners' updates come
first.

Like every spawn or forkserver pool, a worker imports the program's main module again: it
must start the program only under ``if __name__ == "__main__":`` (the ``legcoach`` script,
``python -m bot.cli`` and ``python -m bench`` do).

A worker that dies (killed, out of memory) breaks the pool: the chart in hand fails with
:class:`ChartFailed`, and the next one gets a fresh pool. More than ``max_waiting`` charts
asked for at once are turned away with :class:`ChartBusy` rather than queued without bound.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext

from bot.charts import draw
from bot.charts.spec import ChartSpec

log = logging.getLogger(__name__)


class ChartFailed(Exception):
    """The chart could not be drawn (the worker died or took too long)."""


class ChartBusy(Exception):
    """Too many charts are waiting already; ask again in a moment."""


# Workers run at a lower CPU priority than the bot: when the cores are busy, a runner's
# update wins over a chart, which can wait a little.
NICENESS = 5


def _start_worker() -> None:
    """In each worker process, once: step back in CPU priority, then warm up."""
    with contextlib.suppress(OSError, AttributeError):  # not on every platform
        os.nice(NICENESS)
    draw.warm_up()


def _context() -> BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["bot.charts.draw"])
        return context
    return multiprocessing.get_context("spawn")


class ChartWorker:
    """Draws charts in ``processes`` worker processes (one by default: a chart is rare, and
    the bot keeps the other core)."""

    def __init__(
        self, *, processes: int = 1, timeout: float = 30.0, max_waiting: int = 16
    ) -> None:
        self.processes = processes
        self.timeout = timeout
        self.max_waiting = max_waiting
        self._pool: ProcessPoolExecutor | None = None
        self._waiting = 0

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(
                max_workers=self.processes, mp_context=_context(), initializer=_start_worker
            )
        return self._pool

    @property
    def started(self) -> bool:
        return self._pool is not None

    async def warm(self) -> None:
        """Start the worker processes now and wait until they are ready to draw."""
        loop = asyncio.get_running_loop()
        pool = self._executor()
        await asyncio.gather(
            *(loop.run_in_executor(pool, draw.warm_up) for _ in range(self.processes))
        )

    async def render(self, spec: ChartSpec) -> bytes:
        """The chart's PNG bytes, drawn in a worker process."""
        if self._waiting >= self.max_waiting:
            raise ChartBusy
        self._waiting += 1
        loop = asyncio.get_running_loop()
        pool = self._executor()
        try:
            future = loop.run_in_executor(pool, draw.render_png, spec)
            return await asyncio.wait_for(future, self.timeout)
        except BrokenProcessPool as exc:
            log.warning("the chart worker died; starting a new one for the next chart")
            self._discard(pool)
            raise ChartFailed from exc
        except TimeoutError as exc:
            log.warning("a chart took longer than %.0f s; restarting the worker", self.timeout)
            self._discard(pool)
            raise ChartFailed from exc
        finally:
            self._waiting -= 1

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        if self._pool is pool:
            self._pool = None
            _kill(pool)

    async def close(self) -> None:
        """Stop the worker processes (at shutdown); charts in hand are cancelled."""
        pool, self._pool = self._pool, None
        if pool is not None:
            await asyncio.to_thread(pool.shutdown, wait=True, cancel_futures=True)


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop a pool whose worker is stuck or dead, without waiting for it."""
    for process in list(getattr(pool, "_processes", {}).values()):
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
