"""Dispatch of due leg-day reminders: claim in batches, send concurrently, record once.

One ``Dispatcher.tick(now)`` claims due reminders from the database in batches
(``storage.reminders.claim_due``), sends each through one ``RateLimiter`` (the global messages
per second of ``settings.send_rate_per_second`` and 1 a second per chat), and records every
outcome: sent, missed (more than 3 hours late), given back for a later tick (a transient
failure), or failed for good. Outcomes are written in small batches, so the database is not
the bottleneck at Telegram's paid-broadcast rates; recording a sent or missed leg day plans
the runner's next one.

Telegram errors: 429 waits ``retry_after`` (the whole limiter holds, since flood control is
per bot) and retries; timeouts, network errors and 5xx retry with back-off a few times, then
the claim is given back for a later tick rather than lost; 403 (the runner blocked the bot)
marks the runner blocked and drops their pending reminders until they /start again.

A tick keeps going while it has sends in flight: every ``poll_seconds`` (the scheduler's
tick interval) it claims what fell due meanwhile, so a long broadcast neither stops at tick
boundaries nor leaves newly due reminders waiting for it to end. With PostgreSQL the limit is
shared by every process through the database (``storage.ratelimit.SharedRateLimiter``);
SQLite keeps the in-process ``RateLimiter``.

Time is injected: ``clock`` for instants, ``monotonic``/``sleep`` for the limiter and the
back-offs, so tests drive ``tick`` with a ManualClock and never sleep.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import socket
import time
import uuid
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import Application

from bot.clock import Clock
from bot.keyboards import schedule as keyboards
from bot.texts import schedule as texts
from content.reminders import (
    Timeliness,
    move_blocker,
    retry_delay,
    session_label,
    timeliness,
)
from storage import reminders
from storage.ratelimit import SharedRateLimiter
from storage.reminders import DueReminder, is_light, wants_reminders, week_plan

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Monotonic = Callable[[], float]

# A send is not started when less than this is left of the claim: another process may be
# about to take the reminder over.
CLAIM_MARGIN = timedelta(seconds=5)
DEFAULT_CLAIM_TTL = timedelta(minutes=5)
# Within one tick: tries of a send failing with a network error or 5xx (back-off 1 s, 2 s),
# and 429 answers waited out, before the claim is given back for a later tick.
NETWORK_ATTEMPTS = 3
FLOOD_ATTEMPTS = 5
NETWORK_BACKOFF = 1.0
# Outcomes are written when this much of a second's sending has piled up, when nothing else
# is in flight, or when the oldest is this old: the window between a send and its record.
FLUSH_SHARE = 0.1
FLUSH_AFTER = 0.25
# The one-second window of the limiter is this much longer, for the jitter between the
# instant a send leaves the limiter and the instant its request reaches Telegram (costs at
# most 1 % of the rate, when every send is exactly on its slot).
WINDOW_MARGIN = 0.01
# From this rate on (paid broadcasts) the window keeps one send spare for arrival jitter.
JITTER_SPARE_FROM = 100.0
# Telegram's limit without paid broadcasts (messages a second, all chats together).
FREE_RATE = 30.0


def seconds_of(value: int | float | timedelta) -> float:
    """RetryAfter.retry_after is a timedelta with PTB_TIMEDELTA=true, else seconds."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class Limiter(Protocol):
    """What the dispatcher needs of a rate limiter (in-process, or shared via the database).

    ``stale`` counts send slots given up because they went by before their sender woke up.
    """

    rate: float
    stale: int

    async def acquire(self, chat_id: int) -> None: ...

    def hold(self, seconds: float) -> None: ...

    async def settle(self) -> None:
        """Background work of the limiter done (called when a tick ends)."""


class RateLimiter:
    """At most ``rate`` sends a second overall and one per ``per_chat`` seconds in a chat.

    Each ``acquire`` reserves the next free slot and sleeps until it, so concurrent senders
    are spaced evenly (no bursts above the rate, no idle gaps below it). A sender that wakes
    up late (the event loop was busy with a claim or a flush) still sends, so no capacity is
    lost, but never more than ``rate`` sends fall in any one second: the instants of the last
    ``rate`` sends are kept, and a send that would make one second hold more waits for the
    oldest to leave the window. ``hold`` pushes every slot back after a 429: Telegram's flood
    control applies to the whole bot.

    The limit is per process: with SQLite there is one bot process. Several processes on
    PostgreSQL share ``storage.ratelimit.SharedRateLimiter`` instead.
    """

    def __init__(
        self,
        rate: float,
        per_chat: float = 1.0,
        *,
        monotonic: Monotonic = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.stale = 0  # (slots are never given up here; see SharedRateLimiter)
        self.waited = 0  # sends held back by the one-second window after a late wake-up
        self._interval = 1.0 / rate
        self._per_chat = per_chat
        # at most ``_window_sends`` sends in any ``_window`` seconds (one second for rates of
        # one a second or more)
        self._window_sends = max(1, math.floor(rate))
        self._window = self._window_sends / rate + WINDOW_MARGIN
        if rate >= JITTER_SPARE_FROM:
            # one send of spare per window, for a request held up after leaving the limiter
            self._window_sends -= 1
        self._recent: deque[float] = deque(maxlen=self._window_sends)
        self._monotonic = monotonic
        self._sleep = sleep
        self._next = 0.0
        self._chat_next: dict[int, float] = {}

    async def acquire(self, chat_id: int) -> None:
        """Wait until this chat may have a message again, then take the next global slot.

        The chat's next turn is counted from the slot actually taken, so several sends to
        one chat queued behind a busy limiter still leave a second between them.
        """
        while True:
            now = self._monotonic()
            chat_at = self._chat_next.get(chat_id, 0.0)
            if chat_at <= now:
                break
            await self._sleep(chat_at - now)
        slot = max(now, self._next)
        self._next = slot + self._interval
        self._chat_next[chat_id] = slot + self._per_chat
        if len(self._chat_next) > 10_000:
            self._forget_idle_chats(now)
        if slot > now:
            await self._sleep(slot - now)
        sent_at = await self._within_window()
        if sent_at > slot:  # held back: the chat's next turn counts from the real send
            self._chat_next[chat_id] = max(self._chat_next[chat_id], sent_at + self._per_chat)

    async def _within_window(self) -> float:
        """Wait while one more send would put more than the limit into one window; returns
        the instant the send may go."""
        recent = self._recent
        while True:
            now = self._monotonic()
            if len(recent) < self._window_sends or now - recent[0] >= self._window - 1e-9:
                recent.append(now)
                return now
            self.waited += 1
            await self._sleep(recent[0] + self._window - now)

    def hold(self, seconds: float) -> None:
        """Nobody sends for ``seconds`` (Telegram said: retry after)."""
        self._next = max(self._next, self._monotonic() + seconds)

    async def settle(self) -> None:
        """Nothing runs in the background here."""

    def _forget_idle_chats(self, now: float) -> None:
        self._chat_next = {chat: at for chat, at in self._chat_next.items() if at > now}


@dataclass
class TickReport:
    """What one tick did (for logs, tests and benchmarks)."""

    claimed: int = 0
    sent: int = 0
    late: int = 0
    missed: int = 0
    retried: int = 0
    released: int = 0
    blocked: int = 0
    failed: int = 0
    dropped: int = 0
    expired: int = 0
    stale_slots: int = 0
    waited_for_flood: float = 0.0
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Outcome:
    kind: str  # sent | missed | retry | failed | blocked | drop
    due: DueReminder
    message_id: int = 0
    at: datetime | None = None
    error: str = ""


def reminder_message(due: DueReminder, now: datetime) -> tuple[str, InlineKeyboardMarkup]:
    """The leg-day message of a due reminder, as it reads at ``now``."""
    reminder, runner = due.reminder, due.runner
    zone = ZoneInfo(runner.time_zone or "UTC")
    light = is_light(runner, reminder.local_date)
    late = timeliness(reminder.due_at, now) is Timeliness.LATE
    plan = week_plan(runner)
    blocker = move_blocker(
        reminder.local_date,
        leg_days=plan.days,
        running_days=runner.running_days,
        hard_days=runner.hard_days,
        race_date=runner.race_date,
    )
    text = texts.leg_day(
        first_name=runner.first_name,
        label=session_label(runner.level, light=light),
        snooze=reminder.kind == reminders.SNOOZE,
        late_since=reminder.due_at.astimezone(zone) if late else None,
        paired_with_run=reminder.local_date.weekday() in plan.paired_with_run,
        race_day=runner.race_date,
    )
    return text, keyboards.leg_day(reminder.id, can_move=blocker is None)


def _still_wanted(due: DueReminder) -> bool:
    """Whether the runner still wants this reminder: not paused or blocked since it was
    planned, and, for a snooze, no session done since on that day."""
    runner, day = due.runner, due.reminder.local_date
    if not wants_reminders(runner):
        return False
    paused_until = runner.paused_until if runner.paused else None
    if paused_until is not None and day <= paused_until:
        return False
    last = runner.last_session_at
    if due.reminder.kind == reminders.SNOOZE and last is not None:
        return last.astimezone(ZoneInfo(runner.time_zone or "UTC")).date() != day
    return True


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
    ) -> None:
        self.bot = bot
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
        self._flush_size = max(1, math.ceil(rate * FLUSH_SHARE))
        self._sleep = sleep
        self._monotonic = monotonic
        self._outcomes: list[_Outcome] = []
        self._oldest_outcome = 0.0
        self._in_flight = 0
        self._flush_lock = asyncio.Lock()
        self._tick_lock = asyncio.Lock()
        self._db_lock: asyncio.Lock | None = None

    @classmethod
    def for_application(
        cls, application: Application[Any, Any, Any, Any, Any, Any], **overrides: Any
    ) -> Dispatcher:
        """A dispatcher on the application's bot, database, clock and settings.

        On PostgreSQL the send limit is one budget in the database shared by every bot
        process (``storage.ratelimit``); on SQLite (one process) it is kept in memory.
        """
        from bot.context import services_of

        services = services_of(application)
        settings = services.settings
        options: dict[str, Any] = {
            "clock": services.clock,
            "rate_per_second": settings.send_rate_per_second,
            "poll_seconds": settings.scheduler_tick_seconds,
        }
        options.update(overrides)
        if "limiter" not in options and services.engine.dialect.name == "postgresql":
            limiter_options = {
                key: options[key] for key in ("sleep", "monotonic") if key in options
            }
            options["limiter"] = SharedRateLimiter(
                services.engine,
                options["rate_per_second"],
                options.get("per_chat_seconds", 1.0),
                name=budget_name(application.bot),
                **limiter_options,
            )
        return cls(application.bot, services.sessionmaker, **options)

    # -- the tick ----------------------------------------------------------------------------

    async def tick(self, now: datetime) -> TickReport:
        """Claim everything due at ``now`` in batches and send it; returns what happened.

        Claims are pipelined: the next batch is claimed as soon as the last one is queued
        for the limiter, so sending never pauses between batches. While sends are in flight
        the tick looks again every ``poll_seconds`` (and once more when they are done) for
        reminders that fell due meanwhile, each claim at the clock's current time, so a long
        broadcast does not hold back what falls due during it, and its claims never start
        out half expired.
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
            batch = await reminders.claim_due(
                db, now, self.batch_size, self.claimer, self.claim_ttl
            )
            await db.commit()
        return batch

    @contextlib.asynccontextmanager
    async def _database(self) -> Any:
        """A session; on SQLite the dispatcher's own writes take turns (one writer at a
        time is all SQLite offers, and a read-then-write must not interleave with another)."""
        if self._db_lock is None:
            dialect = self.sessionmaker.kw["bind"].dialect.name
            self._db_lock = asyncio.Lock() if dialect == "sqlite" else None
        lock = self._db_lock or contextlib.nullcontext()
        async with lock, self.sessionmaker() as db:
            yield db

    async def _run(self, due: DueReminder, report: TickReport) -> None:
        try:
            outcome = await self._deliver(due, report)
        except Exception as exc:  # a bug must not strand the claim: give it back
            log.exception("sending reminder %s failed unexpectedly", due.reminder.id)
            outcome = _Outcome("retry", due, error=f"{type(exc).__name__}: {exc}")
        self._in_flight -= 1
        if outcome is not None:
            if not self._outcomes:
                self._oldest_outcome = self._monotonic()
            self._outcomes.append(outcome)
        if self._should_flush():
            await self._flush(report)

    async def _deliver(self, due: DueReminder, report: TickReport) -> _Outcome | None:
        """Send one reminder; the outcome to record (None: the claim ran out, leave it)."""
        reminder, runner = due.reminder, due.runner
        if not _still_wanted(due):
            report.dropped += 1
            return _Outcome("drop", due)
        if timeliness(reminder.due_at, self.clock.now()) is Timeliness.MISSED:
            report.missed += 1
            return _Outcome("missed", due)
        network_failures = floods = 0
        while True:
            # Composed before the slot is taken, so the request leaves as soon as the
            # limiter lets it go (less jitter between the slot and Telegram's arrival);
            # composed again in the rare case the wait made it "late" (10 minutes).
            composed_at = self.clock.now()
            kwargs = self._message_kwargs(runner.chat_id, *reminder_message(due, composed_at))
            await self.limiter.acquire(runner.chat_id)
            now = self.clock.now()
            if now >= due.claimed_until - CLAIM_MARGIN:
                report.expired += 1
                return None
            if timeliness(reminder.due_at, now) is not timeliness(reminder.due_at, composed_at):
                kwargs = self._message_kwargs(runner.chat_id, *reminder_message(due, now))
            try:
                message = await self.bot.do_api_request(
                    # The raw call, for the one field kept (the message id): send_message
                    # would parse each answer into a Message, a sixth of the CPU spent per
                    # reminder at 1,000 a second. Method names are case-insensitive in the
                    # Bot API; this spelling is not PTB's alias, which it warns about.
                    "SendMessage",
                    api_kwargs=kwargs,
                )
            except RetryAfter as exc:
                wait = seconds_of(exc.retry_after)
                floods += 1
                report.retried += 1
                report.waited_for_flood += wait
                self.limiter.hold(wait)
                if floods >= FLOOD_ATTEMPTS:
                    report.released += 1
                    return _Outcome("retry", due, error=f"RetryAfter {wait:g}s")
            except Forbidden as exc:
                report.blocked += 1
                return _Outcome("blocked", due, error=f"Forbidden: {exc.message}")
            except BadRequest as exc:  # before NetworkError: BadRequest is one in PTB
                report.failed += 1
                return _Outcome("failed", due, error=f"BadRequest: {exc.message}")
            except NetworkError as exc:  # TimedOut, connection errors, 5xx
                network_failures += 1
                report.retried += 1
                if network_failures >= NETWORK_ATTEMPTS:
                    report.released += 1
                    return _Outcome("retry", due, error=f"{type(exc).__name__}: {exc.message}")
                await self._sleep(NETWORK_BACKOFF * 2 ** (network_failures - 1))
            except TelegramError as exc:
                report.failed += 1
                return _Outcome("failed", due, error=f"{type(exc).__name__}: {exc.message}")
            else:
                report.sent += 1
                if timeliness(reminder.due_at, now) is Timeliness.LATE:
                    report.late += 1
                return _Outcome("sent", due, message_id=int(message["message_id"]), at=now)

    def _message_kwargs(
        self, chat_id: int, text: str, markup: InlineKeyboardMarkup
    ) -> dict[str, Any]:
        kwargs: dict[str, Any] = {
            "chat_id": chat_id,
            "text": text,
            "parse_mode": ParseMode.HTML,
            "reply_markup": markup,
        }
        if self.limiter.rate > FREE_RATE:
            # Above 30 a second Telegram wants each message marked as a paid broadcast
            # (0.1 Star each); PTB's AIORateLimiter then applies its 1,000 a second instead.
            kwargs["allow_paid_broadcast"] = True
        return kwargs

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
                try:
                    await self._record(outcomes)
                except (OperationalError, DBAPIError) as exc:
                    # The sends happened; their claims expire and the reminders go out again.
                    # That is the duplicate window of docs/SCHEDULING.md, logged loudly.
                    log.error("could not record %d reminder outcomes: %s", len(outcomes), exc)
                    report.errors.append(f"record: {type(exc).__name__}")
                    continue
                await self._plan_next(outcomes, report)

    async def _record(self, outcomes: list[_Outcome]) -> None:
        claimer = self.claimer
        retry_now = self.clock.now()
        async with self._database() as db:
            sent = [
                (o.due.reminder.id, o.message_id, o.at or retry_now)
                for o in outcomes
                if o.kind == "sent"
            ]
            await reminders.mark_sent_many(db, claimer, sent)
            for o in outcomes:
                rid = o.due.reminder.id
                if o.kind == "missed":
                    await reminders.mark_missed(db, rid, claimer)
                elif o.kind == "failed":
                    await reminders.mark_failed(db, rid, claimer, error=o.error)
                elif o.kind == "blocked":
                    await reminders.mark_failed(db, rid, claimer, error=o.error)
                    await reminders.block_runner(db, o.due.runner.id)
                elif o.kind == "retry":
                    retry_at = retry_now + retry_delay(o.due.reminder.attempts + 1)
                    await reminders.mark_retry(db, rid, claimer, error=o.error, retry_at=retry_at)
                elif o.kind == "drop":
                    await reminders.drop_claimed(db, rid, claimer)
            await db.commit()

    async def _plan_next(self, outcomes: list[_Outcome], report: TickReport) -> None:
        wanted = [
            (o.due.runner.id, o.due.reminder.local_date)
            for o in outcomes
            if o.kind in ("sent", "missed", "failed") and o.due.reminder.is_day
        ]
        if not wanted:
            return
        for attempt in range(3):
            try:
                async with self._database() as db:
                    await reminders.plan_next(db, wanted, self.clock.now())
                    await db.commit()
                return
            except (OperationalError, DBAPIError) as exc:
                if attempt == 2:
                    # The runners keep no next reminder until their next profile change or
                    # /start replans them: logged so an operator sees it.
                    log.error("could not plan next leg days for %d runners: %s", len(wanted), exc)
                    report.errors.append(f"plan: {type(exc).__name__}")
                    return
                await self._sleep(0.05 * (attempt + 1))
