"""The reminder dispatcher: claim due reminders in batches, send them, record each once.

``Dispatcher.tick(now)`` claims (``storage.claims``), sends each claim concurrently through
``bot.dispatch.delivery`` and one limiter, and records the outcomes in small batches, then
plans the next leg day of each runner whose day was dealt with (``bot.flows.plan``). How a
tick keeps going while sends are in flight, why a claim is sent exactly once, and the one
window that remains are in docs/SCHEDULING.md ("Dispatch, exactly once").

Time is injected: ``clock`` for instants, ``monotonic``/``sleep`` for the limiter and the
back-offs, so tests drive ``tick`` with a ManualClock and never sleep. ``build_dispatcher``
picks the limiter; ``bot.app.build_application`` builds the application's one dispatcher
and its repeating job.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import math
import os
import socket
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from telegram import Bot

from bot.clock import Clock
from bot.config import Settings
from bot.dispatch.delivery import Delivery
from bot.dispatch.outcome import DispatchOutcome, Outcome, TickReport
from bot.dispatch.ratelimit import Limiter, Monotonic, RateLimiter, SharedRateLimiter, Sleep
from bot.flows import plan as planning
from bot.flows import recap as recap_flow
from content.library import Library, default_library
from content.reminders import ReminderKind, retry_delay
from storage import claims, reminders, runners
from storage.claims import DueReminder

log = logging.getLogger(__name__)

# The repeating job's name on the application's JobQueue.
JOB_NAME = "legcoach.dispatch"
DEFAULT_CLAIM_TTL = timedelta(minutes=5)
# Outcomes are written when this much of a second's sending has piled up, when nothing else
# is in flight, or when the oldest is this old: the window between a send and its record.
FLUSH_SHARE = 0.1
FLUSH_AFTER = 0.25
# Writing outcomes and planning: tries on a database error, with this back-off times the
# try. Both writes are idempotent, so a try that did commit after all changes nothing.
DB_ATTEMPTS = 3
DB_BACKOFF = 0.05


def budget_name(bot: Bot) -> str:
    """The shared send budget of one bot account: Telegram limits each bot, whatever the
    number of processes sending for it (the token's bot id, never the secret part)."""
    return f"bot:{bot.token.split(':', 1)[0]}"


def default_claimer() -> str:
    """Who holds a claim: host, process and a random part, so restarts never share one."""
    return f"{socket.gethostname()[:32]}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Dispatcher:
    """Claims due reminders and sends them exactly once (see ``docs/SCHEDULING.md``)."""

    def __init__(
        self,
        bot: Bot,
        sessionmaker: async_sessionmaker[AsyncSession],
        *,
        clock: Clock,
        rate_per_second: float = 30.0,
        per_chat_seconds: float = 1.0,
        batch_size: int | None = None,
        max_in_flight: int | None = None,
        claim_ttl: timedelta = DEFAULT_CLAIM_TTL,
        poll_seconds: float = 30.0,
        sleep: Sleep = asyncio.sleep,
        monotonic: Monotonic = time.monotonic,
        limiter: Limiter | None = None,
        claimer: str | None = None,
        library: Library | None = None,
    ) -> None:
        self.bot = bot
        self.library = library or default_library()
        self.sessionmaker = sessionmaker
        self.clock = clock
        self.claimer = claimer or default_claimer()
        self.claim_ttl = claim_ttl
        self.poll_seconds = poll_seconds
        self.limiter: Limiter = limiter or RateLimiter(
            rate_per_second, per_chat_seconds, monotonic=monotonic, sleep=sleep
        )
        rate = self.limiter.rate
        # About a second of sending in flight: enough to keep the limiter busy while each
        # call waits on Telegram, few enough that every claim is sent well inside its TTL.
        self.max_in_flight = max_in_flight or max(16, math.ceil(rate))
        self.batch_size = batch_size or min(500, self.max_in_flight)
        self._delivery = Delivery(bot, self.limiter, clock, sleep, self.library)
        self._flush_size = max(1, math.ceil(rate * FLUSH_SHARE))
        self._sleep = sleep
        self._monotonic = monotonic
        self._outcomes: list[Outcome] = []
        self._oldest_outcome = 0.0
        self._in_flight = 0
        self._flush_lock = asyncio.Lock()
        self._tick_lock = asyncio.Lock()
        # On SQLite the dispatcher's own writes take turns (one writer at a time is all
        # SQLite offers, and a read-then-write must not interleave with another).
        dialect = sessionmaker.kw["bind"].dialect.name
        self._db_lock = asyncio.Lock() if dialect == "sqlite" else None

    # -- the tick ----------------------------------------------------------------------------

    async def tick(self, now: datetime) -> TickReport:
        """Claim everything due at ``now`` in batches and send it; returns what happened.

        Claims are pipelined: the next batch is claimed as soon as the last one is queued
        for the limiter. While sends are in flight the tick looks again every
        ``poll_seconds`` (and once more when they are done) for reminders that fell due
        meanwhile, each claim at the clock's current time.
        """
        async with self._tick_lock:
            report = TickReport()
            tasks: set[asyncio.Task[None]] = set()
            slots = asyncio.Semaphore(self.max_in_flight)
            stale_before = self.limiter.stale

            def finished(task: asyncio.Task[None]) -> None:
                tasks.discard(task)
                slots.release()

            try:
                claim_at = max(now, self.clock.now())
                while True:
                    batch = await self._claim(claim_at)
                    report.claimed += len(batch)
                    for due in batch:
                        await slots.acquire()
                        self._in_flight += 1
                        task = asyncio.create_task(self._run(due, report))
                        tasks.add(task)
                        task.add_done_callback(finished)
                    if len(batch) < self.batch_size:
                        if not tasks:
                            break  # nothing due, nothing in flight
                        # Until the sends in flight are done, or the poll interval passed
                        # (wall time, like the scheduler job's own interval).
                        await asyncio.wait(set(tasks), timeout=self.poll_seconds)
                        if self.clock.now() <= claim_at:
                            break  # no time passed (a test's clock): nothing new is due
                    claim_at = max(claim_at, self.clock.now())
            finally:
                if tasks:
                    await asyncio.gather(*tasks)
                await self._flush(report)
                await self.limiter.settle()
            report.stale_slots = self.limiter.stale - stale_before
            if report.claimed:
                log.info("dispatch tick: %s", report)
            return report

    async def _claim(self, now: datetime) -> list[DueReminder]:
        async with self._database() as db:
            batch = await claims.claim_due(db, now, self.batch_size, self.claimer, self.claim_ttl)
            await db.commit()
            if any(due.reminder.kind is ReminderKind.RECAP for due in batch):
                batch = await self._recap_figures(db, batch, now)
        return batch

    async def _recap_figures(
        self, db: AsyncSession, batch: list[DueReminder], now: datetime
    ) -> list[DueReminder]:
        """The recaps' figures, read after the claim is committed. A database error leaves
        them without (each is given back and tried again on a later tick)."""
        try:
            return await recap_flow.with_figures(db, self.library, batch, now)
        except (OperationalError, DBAPIError) as exc:
            log.warning("could not read the weekly recaps' figures: %s", exc)
            await db.rollback()
            return batch

    @contextlib.asynccontextmanager
    async def _database(self) -> AsyncIterator[AsyncSession]:
        """A session of the dispatcher's own (it never holds ORM objects)."""
        lock = self._db_lock or contextlib.nullcontext()
        async with lock, self.sessionmaker() as db:
            yield db

    async def _run(self, due: DueReminder, report: TickReport) -> None:
        try:
            outcome = await self._delivery.deliver(due, report)
        except Exception as exc:  # a bug must not strand the claim: give it back
            log.exception("sending reminder %s failed unexpectedly", due.reminder.id)
            error = f"{type(exc).__name__}: {exc}"
            outcome = Outcome(DispatchOutcome.RETRY, due, error=error)
        self._in_flight -= 1
        if outcome is not None:
            if not self._outcomes:
                self._oldest_outcome = self._monotonic()
            self._outcomes.append(outcome)
        if self._should_flush():
            await self._flush(report)

    # -- recording ---------------------------------------------------------------------------

    def _should_flush(self) -> bool:
        if not self._outcomes or self._flush_lock.locked():
            return False
        return (
            len(self._outcomes) >= self._flush_size
            or self._in_flight == 0
            or self._monotonic() - self._oldest_outcome >= FLUSH_AFTER
        )

    async def _flush(self, report: TickReport) -> None:
        """Write the outcomes gathered so far, then plan the next leg day of each runner
        whose leg day was dealt with (in its own transaction: a failure there must not undo
        the record of a send, or the reminder would go out again)."""
        async with self._flush_lock:
            while self._outcomes:
                outcomes, self._outcomes = self._outcomes, []
                # The sends happened: if their record cannot be written after every try,
                # their claims expire and the reminders go out again (the duplicate window
                # of docs/SCHEDULING.md, logged loudly).
                record = functools.partial(self._record, outcomes)
                detail = f"{len(outcomes)} reminder outcomes"
                recorded = await self._retrying("record", detail, report, record)
                if recorded:
                    await self._plan_next(outcomes, report)

    async def _retrying(
        self,
        what: str,
        detail: str,
        report: TickReport,
        write: Callable[[], Awaitable[None]],
    ) -> bool:
        """Run one of the tick's writes, tried again after a database error (a dropped
        connection, a lock timeout); False when every try failed (logged and reported)."""
        for attempt in range(DB_ATTEMPTS):
            try:
                await write()
                return True
            except (OperationalError, DBAPIError) as exc:
                if attempt == DB_ATTEMPTS - 1:
                    log.error("could not %s %s: %s", what, detail, exc)
                    report.errors.append(f"{what}: {type(exc).__name__}")
                    return False
                log.warning("could not %s %s, trying again: %s", what, detail, exc)
                await self._sleep(DB_BACKOFF * (attempt + 1))
        return False

    async def _record(self, outcomes: list[Outcome]) -> None:
        """Write a batch of outcomes, in one transaction. Idempotent: every statement matches
        a claim still held by this dispatcher, so a batch written twice (a commit that did
        land before its connection dropped) changes nothing more."""
        claimer = self.claimer
        retry_now = self.clock.now()
        async with self._database() as db:
            sent = [
                (o.due.reminder.id, o.message_id, o.at or retry_now)
                for o in outcomes
                if o.kind is DispatchOutcome.SENT
            ]
            await claims.mark_sent_many(db, claimer, sent)
            for o in outcomes:
                rid = o.due.reminder.id
                if o.kind is DispatchOutcome.MISSED:
                    await claims.mark_missed(db, rid, claimer)
                elif o.kind is DispatchOutcome.FAILED:
                    await claims.mark_failed(db, rid, claimer, error=o.error)
                elif o.kind is DispatchOutcome.BLOCKED:
                    await claims.mark_failed(db, rid, claimer, error=o.error)
                    await runners.block(db, o.due.runner.id)
                    await reminders.delete_pending(db, o.due.runner.id)
                elif o.kind is DispatchOutcome.RETRY:
                    retry_at = retry_now + retry_delay(o.due.reminder.attempts + 1)
                    await claims.mark_retry(db, rid, claimer, error=o.error, retry_at=retry_at)
                elif o.kind is DispatchOutcome.DROP:
                    await claims.drop_claimed(db, rid, claimer)
            await db.commit()

    async def _plan_next(self, outcomes: list[Outcome], report: TickReport) -> None:
        """Plan the next leg day of each runner whose leg day was dealt with. If every try
        fails, those runners keep no next reminder until their next profile change or /start
        replans them: logged so an operator sees it."""
        wanted = [
            (o.due.runner.id, o.due.reminder.local_date)
            for o in outcomes
            if o.kind.ends_day and o.due.reminder.is_day
        ]
        # a recap sent, missed, refused or no longer worth sending: next week's is planned
        recaps = [
            o.due.runner.id
            for o in outcomes
            if (o.kind.ends_day or o.kind is DispatchOutcome.DROP)
            and o.due.reminder.kind is ReminderKind.RECAP
        ]
        if not wanted and not recaps:
            return

        async def plan() -> None:
            async with self._database() as db:
                await planning.plan_next(db, wanted, self.clock.now())
                await planning.plan_recaps(db, recaps, self.clock.now())
                await db.commit()

        detail = f"next leg days and recaps for {len(wanted) + len(recaps)} runners"
        await self._retrying("plan", detail, report, plan)


def build_dispatcher(
    bot: Bot,
    *,
    engine: AsyncEngine,
    sessionmaker: async_sessionmaker[AsyncSession],
    clock: Clock,
    settings: Settings,
    **overrides: Any,
) -> Dispatcher:
    """A dispatcher on this bot, database, clock and settings (``overrides`` replace any of
    ``Dispatcher``'s options: tests pass virtual time, benchmarks a batch size).

    On PostgreSQL the send limit is one budget in the database shared by every bot process
    (``SharedRateLimiter``); on SQLite (one process) it is kept in memory.
    """
    options: dict[str, Any] = {
        "clock": clock,
        "rate_per_second": settings.send_rate_per_second,
        "poll_seconds": settings.scheduler_tick_seconds,
    }
    options.update(overrides)
    if "limiter" not in options and engine.dialect.name == "postgresql":
        timing = {key: options[key] for key in ("sleep", "monotonic") if key in options}
        options["limiter"] = SharedRateLimiter(
            engine,
            options["rate_per_second"],
            options.get("per_chat_seconds", 1.0),
            name=budget_name(bot),
            **timing,
        )
    return Dispatcher(bot, sessionmaker, **options)
