"""One send budget shared by every bot process, kept in the database.

Telegram limits a *bot*, not a process: two processes sending for one bot must share its
30 messages a second (or the paid-broadcast rate). The budget is one row per bot in
``send_budget`` holding ``next_at``, the next free send slot on the database's clock (a
generic cell rate algorithm, GCRA, shared through one row). A process reserves ``count``
slots with one atomic upsert::

    INSERT INTO send_budget (name, next_at) VALUES (:name, now + count * interval)
    ON CONFLICT (name) DO UPDATE SET next_at = max(next_at, now) + count * interval
    RETURNING next_at, now

and owns the slots ``next_at - count * interval .. next_at`` (evenly spaced, one
``interval`` apart). The row lock serializes the upserts, so no two grants overlap and the
processes together never send faster than the rate, however many there are. The database
clock (``clock_timestamp()`` on PostgreSQL) is the only clock, so processes on hosts whose
clocks differ still agree; each maps the slots to its own monotonic clock through the
``now`` the grant returns.

``SharedRateLimiter`` reserves slots in small grants (about a quarter second of sending, as
many as senders are waiting, the next asked for before the last runs out) and paces its
sends over them; it also keeps the per-chat spacing (one message a second to a chat) for its
own sends. A slot whose sender woke up too late is given up unless only this process's
slots are near (see ``SLOT_SLACK``), so late sends never crowd another process's. The
dispatcher uses it on PostgreSQL; SQLite (one process) keeps the in-process
``bot.scheduler.RateLimiter``. The functions work on both, and the tests run them on both.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import ColumnElement, Float, Table, func, literal, type_coerce
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.models import SendBudget

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Monotonic = Callable[[], float]

_BUDGET = cast(Table, SendBudget.__table__)
# A grant covers about this much sending: few round trips (4 a second per busy process),
# little left unused when the work runs out.
GRANT_SECONDS = 0.25
# A slot that went by more than this before its sender woke up (the event loop or the
# machine was busy) is given up rather than sent late, unless this process owns every slot
# of the next second (its grants follow one another with no other process's in between):
# a late send must not land among another process's slots. Sends near a boundary with
# another process's slots may still run this late, so the budget spaces slots this much
# wider than 1/rate (the price: 2 % of the rate).
SLOT_SLACK = 0.02
# The process's own sends are also kept to the rate in any window this much over a second
# (late sends inside its own run of slots must not bunch up either).
WINDOW_MARGIN = 0.01


@dataclass(slots=True)
class _Run:
    """Consecutive grants of this process with no other process's slots between them:
    inside it a late send can only crowd this process's own sends. ``end`` is local."""

    db_end: float
    end: float


@dataclass(frozen=True, slots=True)
class Grant:
    """``count`` send slots ``interval`` apart from ``first`` (database clock, seconds since
    the epoch); ``db_now`` is that clock when the grant was made."""

    first: float
    count: int
    interval: float
    db_now: float

    def slots(self) -> list[float]:
        return [self.first + n * self.interval for n in range(self.count)]


def _db_now(dialect: str) -> ColumnElement[float]:
    """The database's clock, in seconds since the epoch."""
    if dialect == "postgresql":
        return type_coerce(func.extract("epoch", func.clock_timestamp()), Float)
    # SQLite: julianday('now') has millisecond resolution
    return type_coerce((func.julianday("now") - 2440587.5) * 86400.0, Float)


def _later(dialect: str, a: Any, b: Any) -> ColumnElement[float]:
    return func.greatest(a, b) if dialect == "postgresql" else func.max(a, b)


async def _upsert(
    connection: AsyncConnection, name: str, *, advance: float, at_least_ahead: float
) -> tuple[float, float]:
    """Set ``next_at = max(next_at, now + at_least_ahead) + advance``; returns the new
    ``next_at`` and the database's now."""
    dialect = connection.dialect.name
    now = _db_now(dialect)
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    values = insert(_BUDGET).values(
        name=name, next_at=now + literal(at_least_ahead + advance, Float)
    )
    statement = values.on_conflict_do_update(
        index_elements=[_BUDGET.c.name],
        set_={
            "next_at": _later(dialect, _BUDGET.c.next_at, now + literal(at_least_ahead, Float))
            + literal(advance, Float)
        },
    ).returning(_BUDGET.c.next_at, now)
    row = (await connection.execute(statement)).one()
    return float(row[0]), float(row[1])


async def reserve(engine: AsyncEngine, name: str, count: int, rate: float) -> Grant:
    """Reserve the next ``count`` send slots of budget ``name`` at ``rate`` a second, in one
    atomic statement (its own transaction: commit at once, the row lock is the hot spot)."""
    if count < 1 or rate <= 0:
        raise ValueError("count and rate must be positive")
    interval = 1.0 / rate
    async with engine.connect() as connection:
        next_at, db_now = await _upsert(
            connection, name, advance=count * interval, at_least_ahead=0.0
        )
        await connection.commit()
    return Grant(next_at - count * interval, count, interval, db_now)


async def hold(engine: AsyncEngine, name: str, seconds: float) -> None:
    """No slot of budget ``name`` starts within ``seconds`` from now (Telegram answered 429:
    its flood control applies to the whole bot, so to every process)."""
    async with engine.connect() as connection:
        await _upsert(connection, name, advance=0.0, at_least_ahead=seconds)
        await connection.commit()


class SharedRateLimiter:
    """The dispatcher's limiter over a budget shared through the database (see the module).

    Same interface as ``bot.scheduler.RateLimiter``: ``acquire(chat_id)`` waits for a slot
    (and the chat's turn), ``hold(seconds)`` after a 429, ``rate``, ``stale``.
    """

    def __init__(
        self,
        engine: AsyncEngine,
        rate: float,
        per_chat: float = 1.0,
        *,
        name: str = "telegram",
        monotonic: Monotonic = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        slack: float = SLOT_SLACK,
        grant_seconds: float = GRANT_SECONDS,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.engine = engine
        self.name = name
        self.rate = rate
        self.stale = 0
        self.grants = 0
        self._per_chat = per_chat
        self._slack = slack
        # the budget's pace: slots spaced for sends up to ``slack`` late at a boundary
        self.pace = rate / (1.0 + slack)
        self._grant_max = max(1, math.ceil(rate * grant_seconds))
        self._monotonic = monotonic
        self._sleep = sleep
        # granted slots on the monotonic clock, each with the run of grants it belongs to
        self._slots: deque[tuple[float, _Run]] = deque()
        self._run: _Run | None = None
        self._window_sends = max(1, math.floor(rate))
        self._window = self._window_sends / rate + WINDOW_MARGIN
        self._recent: deque[float] = deque(maxlen=self._window_sends)
        self._chat_next: dict[int, float] = {}
        self._chat_locks: dict[int, asyncio.Lock] = {}
        self._chat_users: dict[int, int] = {}
        self._waiting = 0
        self._refill_lock = asyncio.Lock()
        self._hold_until = 0.0
        self._holds: set[asyncio.Task[None]] = set()
        self._prefetch: asyncio.Future[None] | None = None

    async def acquire(self, chat_id: int) -> None:
        """Wait until this chat may have a message again and a granted slot has come."""
        self._waiting += 1
        users = self._chat_users
        users[chat_id] = users.get(chat_id, 0) + 1
        lock = self._chat_locks.setdefault(chat_id, asyncio.Lock())
        try:
            # one sender per chat at a time takes its slot, so the chat's turns never race
            async with lock:
                await self._acquire_for(chat_id)
        finally:
            self._waiting -= 1
            users[chat_id] -= 1
            if not users[chat_id]:
                del users[chat_id], self._chat_locks[chat_id]

    async def _acquire_for(self, chat_id: int) -> None:
        while True:
            now = self._monotonic()
            chat_at = max(self._chat_next.get(chat_id, 0.0), self._hold_until)
            if chat_at > now:
                await self._sleep(chat_at - now)
                continue
            slot, run = await self._take_slot()
            # a slot up to ``slack`` before the chat's turn is taken at the turn itself
            send_at = max(slot, self._chat_next.get(chat_id, 0.0))
            previous = self._chat_next.get(chat_id, 0.0)
            self._chat_next[chat_id] = send_at + self._per_chat
            if len(self._chat_next) > 10_000:
                self._forget_idle_chats(now)
            now = self._monotonic()
            if send_at > now:
                await self._sleep(send_at - now)
            if self._usable(slot, run, self._monotonic()):
                sent_at = await self._within_window()
                self._chat_next[chat_id] = max(self._chat_next[chat_id], sent_at + self._per_chat)
                return
            self.stale += 1  # gone by while the loop was busy: never send it late
            self._chat_next[chat_id] = previous

    def _usable(self, slot: float, run: _Run, now: float) -> bool:
        """On time (within ``slack``), or late where only this process's slots are near."""
        return now - slot <= self._slack or run.end - now >= self._window

    async def _within_window(self) -> float:
        """Wait while one more send would put more than the rate into one window of this
        process's own sends; returns the instant the send may go."""
        recent = self._recent
        while True:
            now = self._monotonic()
            if len(recent) < self._window_sends or now - recent[0] >= self._window - 1e-9:
                recent.append(now)
                return now
            await self._sleep(recent[0] + self._window - now)

    async def _take_slot(self) -> tuple[float, _Run]:
        """The earliest granted slot still usable; asks the database for more when none is
        left (one request at a time, for as many slots as senders are waiting)."""
        while True:
            while self._slots:
                slot, run = self._slots.popleft()
                if slot < self._hold_until:
                    continue  # inside a flood hold: void
                if self._usable(slot, run, self._monotonic()):
                    self._prefetch_if_low()
                    return slot, run
                self.stale += 1
            async with self._refill_lock:
                if not self._slots:
                    await self._refill()

    def _prefetch_if_low(self) -> None:
        """Ask for the next grant while a quarter of this one is left and senders are
        waiting beyond it, so they do not all stop for a database round trip."""
        if self._prefetch is not None or self._refill_lock.locked():
            return
        left = len(self._slots)
        if left <= self._grant_max // 4 and self._waiting > left + 1:
            self._prefetch = asyncio.ensure_future(self._prefetch_grant())

    async def _prefetch_grant(self) -> None:
        try:
            async with self._refill_lock:
                await self._refill()
        except Exception:  # the next sender to find no slot asks again, and sees the error
            log.exception("could not reserve send slots ahead")
        finally:
            self._prefetch = None

    async def _refill(self) -> None:
        want = min(self._grant_max, max(1, self._waiting - len(self._slots)))
        grant = await reserve(self.engine, self.name, want, self.pace)
        self.grants += 1
        # the grant's clock to ours: the database's now was (about) our now on arrival
        offset = self._monotonic() - grant.db_now
        db_end = grant.first + grant.count * grant.interval
        run = self._run
        if run is not None and abs(grant.first - run.db_end) < 1e-6:
            run.db_end, run.end = db_end, db_end + offset  # nobody else's slots between
        else:
            run = self._run = _Run(db_end, db_end + offset)
        self._slots.extend((slot + offset, run) for slot in grant.slots())

    def hold(self, seconds: float) -> None:
        """Nobody sends for ``seconds``: here at once, in the other processes through the
        database (written in the background; the caller is a sender that must not wait)."""
        self._hold_until = max(self._hold_until, self._monotonic() + seconds)
        self._slots.clear()
        task = asyncio.ensure_future(self._hold_shared(seconds))
        self._holds.add(task)
        task.add_done_callback(self._holds.discard)

    async def _hold_shared(self, seconds: float) -> None:
        try:
            await hold(self.engine, self.name, seconds)
        except Exception:  # the local hold stands; the others find out by their own 429
            log.exception("could not share a %gs flood hold", seconds)

    def _forget_idle_chats(self, now: float) -> None:
        self._chat_next = {chat: at for chat, at in self._chat_next.items() if at > now}
