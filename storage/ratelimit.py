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

``SharedRateLimiter`` reserves slots at ``rate * (1 - SAFETY)`` a second (exactly
``1 / pace`` apart) and paces its sends over them; it also keeps the per-chat spacing (one
message a second to a chat) for its own sends. Why every window stays within the limit:

* if every send went at its slot, any window of ``L`` seconds would hold at most
  ``ceil(pace * L)`` sends, whoever owns the slots;
* a send up to ``SLOT_SLACK`` (``d``) after its slot moves into windows that start at most
  ``d`` after the slot, so windows hold at most ``ceil(pace * (L + d))``;
* a send later than that goes only where this process owns *every* slot from ``d`` before
  its slot to ``L + d`` after now (its grants follow one another in the budget with nobody
  else's between: an *exclusive run*, typically while it sends alone and holds a second of
  slots ahead). Every window it moves into then holds this process's sends only, and its
  own sliding window keeps those to ``rate`` per ``L``. Another process cannot move a late
  send there too: it would need the same slots. No slot is given up in that case.
* elsewhere (another process's slots are near) a late sender cannot know whether the window
  has room, so it takes the next slot instead (counted in ``stale``).

With ``L = 1 + WINDOW_MARGIN`` (the sliding window also covers up to ``WINDOW_MARGIN`` of
jitter between leaving the limiter and reaching Telegram), ``SAFETY = 2 %`` and ``d = 10 ms``:
``ceil(0.98 * rate * 1.02) <= rate``. ``tests/scheduling/test_shared_limit.py`` checks the
bound with two limiters on one budget and stalling event loops.

``SharedRateLimiter`` grants follow demand: as many slots as senders wait for, or, while it
has a backlog (a broadcast), enough to stay ``AHEAD_SECONDS`` ahead (the exclusive run
needs a second ahead), at most ``BEYOND_SECONDS`` of slots more than it has senders, in
grants of at most ``GRANT_SECONDS``, the next asked for before the last runs out. The
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
# Slots are granted at this share below the rate: the room that lets sends run up to
# SLOT_SLACK late and WINDOW_MARGIN jittery with every window still within the limit.
SAFETY = 0.02
# A send may go this long after its slot anywhere; later only inside an exclusive run.
SLOT_SLACK = 0.01
# The sliding window over this process's own sends is this much longer than a second (the
# jitter between leaving the limiter and reaching Telegram), as in the in-process limiter.
WINDOW_MARGIN = 0.01
# One grant covers at most this much sending (a few round trips a second per busy process).
GRANT_SECONDS = 0.5
# While broadcasting, hold slots this far ahead (an exclusive run needs a second ahead),
# but at most this much more than the senders waiting can use.
AHEAD_SECONDS = 2.0
BEYOND_SECONDS = 1.0
# Broadcasting: at least this much sending waits for slots.
BACKLOG_SECONDS = 0.1
# The sliding window that keeps this process's own sends (late ones in an exclusive run
# included) to ``rate``: longer than WINDOW_MARGIN, for more jitter at the arrival side.
# It costs nothing: the pace (1 - SAFETY) is below rate per OWN_WINDOW anyway.
OWN_WINDOW_MARGIN = 0.02
# From this rate on (paid broadcasts) the window keeps one send spare for arrival jitter.
JITTER_SPARE_FROM = 100.0


@dataclass(slots=True)
class _Run:
    """Consecutive grants of this process with nobody else's slots between them: a late
    send inside it lands among this process's own sends only. ``start``/``end`` are on the
    local monotonic clock, ``db_end`` on the database's."""

    start: float
    end: float
    db_end: float


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
    (and the chat's turn), ``hold(seconds)`` after a 429, ``rate``, ``stale`` (slots that
    went by while another process's slots were near, so their senders took the next one).
    ``reserve_slots`` replaces the database (tests run two limiters on virtual time).
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
        safety: float = SAFETY,
        slack: float = SLOT_SLACK,
        grant_seconds: float = GRANT_SECONDS,
        reserve_slots: Callable[[int, float], Awaitable[Grant]] | None = None,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.engine = engine
        self.name = name
        self.rate = rate
        self.stale = 0
        self.grants = 0
        self.late_sends = 0  # sent more than ``slack`` after their slot, in an exclusive run
        self._per_chat = per_chat
        self._slack = slack
        self.pace = rate * (1.0 - safety)
        self._interval = 1.0 / self.pace
        self._grant_max = max(1, math.ceil(self.pace * grant_seconds))
        self._backlog = max(8, math.ceil(self.pace * BACKLOG_SECONDS))
        self._beyond = max(1, math.ceil(self.pace * BEYOND_SECONDS))
        self._monotonic = monotonic
        self._sleep = sleep
        self._reserve = reserve_slots or self._reserve_in_database
        # granted slots on the monotonic clock, each with the run of grants it belongs to
        self._slots: deque[tuple[float, _Run]] = deque()
        self._run: _Run | None = None
        self._offset = math.inf  # local monotonic minus database clock (the least seen)
        self._window_sends = max(1, math.floor(rate))
        self._window = self._window_sends / rate + OWN_WINDOW_MARGIN
        if rate >= JITTER_SPARE_FROM:
            # one send of spare per window, for a request held up after leaving the limiter
            self._window_sends -= 1
        self._recent: deque[float] = deque(maxlen=self._window_sends)
        self._chat_next: dict[int, float] = {}
        self._chat_locks: dict[int, asyncio.Lock] = {}
        self._chat_users: dict[int, int] = {}
        self._waiting = 0  # senders inside acquire
        self._holding = 0  # of them, those holding a slot taken from ``_slots``
        self._refill_lock = asyncio.Lock()
        self._hold_until = 0.0
        self._holds: set[asyncio.Task[None]] = set()
        self._prefetch: asyncio.Future[None] | None = None

    async def _reserve_in_database(self, count: int, pace: float) -> Grant:
        return await reserve(self.engine, self.name, count, pace)

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
            self._holding += 1
            try:
                # a slot up to ``slack`` before the chat's turn is taken at the turn itself
                previous = self._chat_next.get(chat_id, 0.0)
                send_at = max(slot, previous)
                self._chat_next[chat_id] = send_at + self._per_chat
                if len(self._chat_next) > 10_000:
                    self._forget_idle_chats(now)
                now = self._monotonic()
                if send_at > now:
                    await self._sleep(send_at - now)
                sent_at = await self._release(slot, run)
            finally:
                self._holding -= 1
            if sent_at is not None:
                self._chat_next[chat_id] = max(self._chat_next[chat_id], sent_at + self._per_chat)
                return
            self._chat_next[chat_id] = previous

    def _on_time(self, slot: float, run: _Run, now: float) -> bool:
        """Within ``slack`` of the slot, or late inside an exclusive run (the module)."""
        if now - slot <= self._slack:
            return True
        return run.start <= slot - self._slack and run.end >= now + self._window + self._slack

    async def _release(self, slot: float, run: _Run) -> float | None:
        """The instant the send may go (this process's window has room, checked at that
        instant, so nothing waits after the check); None: the slot is void (a flood hold
        came, or it went by among other processes' slots), take another."""
        recent = self._recent
        while True:
            now = self._monotonic()
            if slot < self._hold_until:
                return None
            if not self._on_time(slot, run, now):
                if await self._extend(slot, run):
                    continue
                self.stale += 1
                return None
            if len(recent) < self._window_sends or now - recent[0] >= self._window - 1e-9:
                recent.append(now)
                if now - slot > self._slack:
                    self.late_sends += 1
                return now
            await self._sleep(recent[0] + self._window - now)

    async def _take_slot(self) -> tuple[float, _Run]:
        """The earliest granted slot still usable; asks for more when none is left (one
        request at a time). A slot gone by is skipped only when it can no longer be sent
        on: its run cannot reach far enough ahead (another process's grant came next)."""
        while True:
            while self._slots:
                slot, run = self._slots[0]
                if slot < self._hold_until:
                    self._slots.popleft()  # inside a flood hold: void
                    continue
                now = self._monotonic()
                if self._on_time(slot, run, now):
                    self._slots.popleft()
                    self._prefetch_if_low(now)
                    return slot, run
                if await self._extend(slot, run):
                    continue
                if self._slots and self._slots[0][0] == slot:
                    self._slots.popleft()
                    self.stale += 1
            async with self._refill_lock:
                if not self._slots:
                    await self._refill(max(1, self._want(self._monotonic())))

    async def _extend(self, slot: float, run: _Run) -> bool:
        """A slot gone by in the current run waits for the next grant instead of being
        given up; True if that grant continued the run (check the slot again)."""
        if run is not self._run or run.start > slot - self._slack:
            return False
        db_end = run.db_end
        if self._prefetch is None:
            short = self._monotonic() + self._window + self._slack - run.end
            want = max(self._want(self._monotonic()), math.ceil(short * self.pace) + 1)
            self._prefetch = asyncio.ensure_future(
                self._prefetch_grant(min(self._grant_max, max(1, want)))
            )
        await asyncio.shield(self._prefetch)
        return run is self._run and run.db_end > db_end

    def _want(self, now: float) -> int:
        """How many slots to ask for: one for each sender without one, and while
        broadcasting (many senders), enough to stay ``AHEAD_SECONDS`` ahead, but no more
        than ``BEYOND_SECONDS`` of slots beyond the senders. (Slots gone by count as none:
        after a stall, the run must still reach a second ahead of now.)"""
        need = self._waiting - len(self._slots) - self._holding
        if self._waiting >= self._backlog:
            end = max(now, self._run.end if self._run is not None else now)
            ahead = math.ceil((now + AHEAD_SECONDS - end) * self.pace)
            room = self._waiting + self._beyond - math.floor((end - now) * self.pace)
            need = max(need, min(ahead, room))
        return min(self._grant_max, need)

    def _prefetch_if_low(self, now: float) -> None:
        """Ask for the next grant in the background when an eighth of a grant is wanted,
        or the slots left run low with senders waiting beyond them, so senders do not all
        stop for a database round trip."""
        if self._prefetch is not None or self._refill_lock.locked():
            return
        want = self._want(now)
        low = len(self._slots) <= self._grant_max // 4
        if want >= max(1, self._grant_max // 8) or (low and want > 1):
            self._prefetch = asyncio.ensure_future(self._prefetch_grant(want))

    async def _prefetch_grant(self, want: int) -> None:
        try:
            async with self._refill_lock:
                await self._refill(want)
        except Exception:  # the next sender to find no slot asks again, and sees the error
            log.exception("could not reserve send slots ahead")
        finally:
            self._prefetch = None

    async def _refill(self, want: int) -> None:
        grant = await self._reserve(want, self.pace)
        self.grants += 1
        # The database's clock to ours: its now was at most our now on arrival. On a busy
        # event loop the grant is seen late (tens of ms), which would map the slots that
        # much too late, over the next process's: the smallest offset seen is the truest.
        self._offset = min(self._offset, self._monotonic() - grant.db_now)
        offset = self._offset
        db_end = grant.first + grant.count * grant.interval
        run = self._run
        if run is not None and abs(grant.first - run.db_end) < 1e-6:
            run.db_end, run.end = db_end, db_end + offset  # nobody else's slots between
        else:
            run = self._run = _Run(grant.first + offset, db_end + offset, db_end)
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

    async def settle(self) -> None:
        """Wait for the grant asked for ahead and the flood holds being written (the end of
        a tick: no database work left behind it)."""
        pending = [*self._holds, *([self._prefetch] if self._prefetch is not None else [])]
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)

    def _forget_idle_chats(self, now: float) -> None:
        self._chat_next = {chat: at for chat, at in self._chat_next.items() if at > now}
