"""The dispatcher's send limit: in one process (``RateLimiter``), or shared by every process
through the database (``SharedRateLimiter``), behind one ``Limiter`` protocol.

Telegram allows a bot ``rate`` messages a second overall and one a second per chat. With
SQLite (one process) the limit is kept in memory; with PostgreSQL it is one budget row per
bot (``storage.sendbudget``), from which each process takes evenly spaced slots. Why no
window of either ever holds more than the limit, jitter and stalled senders included, is
proven in docs/SCHEDULING.md ("Telegram's limits and errors"); the constants below are the
terms of that proof, defined once for both limiters.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncEngine

from storage import sendbudget
from storage.sendbudget import Grant

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
Monotonic = Callable[[], float]

# Telegram's limit without paid broadcasts (messages a second, all chats together); above it
# each message is marked as a paid broadcast.
FREE_RATE = 30.0
# From this rate on (paid broadcasts) the window keeps one send spare for arrival jitter.
JITTER_SPARE_FROM = 100.0
# The one-second window is this much longer, for the jitter between the instant a send
# leaves the limiter and the instant its request reaches Telegram (costs at most 1 % of the
# rate, when every send is exactly on its slot).
WINDOW_MARGIN = 0.01
# The shared limiter's window over its own sends: longer, for more jitter at the arrival
# side; it costs nothing, since its pace (1 - SAFETY) is below rate per this window anyway.
OWN_WINDOW_MARGIN = 0.02
# Shared slots are granted at this share below the rate: the room that lets sends run up to
# SLOT_SLACK late and WINDOW_MARGIN jittery with every window still within the limit.
SAFETY = 0.02
# A shared slot may be used this long after it anywhere; later only inside an exclusive run.
SLOT_SLACK = 0.01
# One grant covers at most this much sending (a few round trips a second per busy process).
GRANT_SECONDS = 0.5
# While broadcasting, hold slots this far ahead (an exclusive run needs a second ahead), but
# at most this much more than the senders waiting can use.
AHEAD_SECONDS = 2.0
BEYOND_SECONDS = 1.0
# Broadcasting: at least this much sending waits for slots.
BACKLOG_SECONDS = 0.1
# Grants asked for one slot gone by, to stretch this process's run far enough for it: a
# shortfall is at most a window and two round trips, which three grants of GRANT_SECONDS
# cover; past this the slot is given up, so a sender can never wait for grants forever.
EXTEND_TRIES = 4
# Chats remembered for their one-a-second spacing before idle ones are forgotten.
_CHATS_KEPT = 10_000


class Limiter(Protocol):
    """What the dispatcher needs of a rate limiter (in-process, or shared via the database).

    ``stale`` counts send slots given up because they went by before their sender woke up.
    """

    rate: float
    stale: int

    async def acquire(self, chat_id: int) -> None:
        """Wait until a message may go to this chat."""

    def hold(self, seconds: float) -> None:
        """Nobody sends for ``seconds`` (Telegram answered 429: flood control is per bot)."""

    async def settle(self) -> None:
        """Background work of the limiter done (called when a tick ends)."""


class _Window:
    """At most ``sends`` sends in any ``length`` seconds (one second and ``margin`` for
    rates of one a second or more), over the instants of the last sends."""

    def __init__(self, rate: float, margin: float) -> None:
        sends = max(1, math.floor(rate))
        self.length = sends / rate + margin
        if rate >= JITTER_SPARE_FROM:
            sends -= 1  # one send of spare per window, for a request held up after leaving
        self.sends = sends
        self._recent: deque[float] = deque(maxlen=sends)

    def admit(self, now: float) -> float | None:
        """None: a send may go at ``now`` (it is recorded); else seconds until one may."""
        recent = self._recent
        if len(recent) < self.sends or now - recent[0] >= self.length - 1e-9:
            recent.append(now)
            return None
        return recent[0] + self.length - now


def _forget_idle(chat_next: dict[int, float], now: float) -> dict[int, float]:
    if len(chat_next) <= _CHATS_KEPT:
        return chat_next
    return {chat: at for chat, at in chat_next.items() if at > now}


class RateLimiter:
    """At most ``rate`` sends a second overall and one per ``per_chat`` seconds in a chat,
    in one process.

    Each ``acquire`` reserves the next free slot and sleeps until it, so concurrent senders
    are spaced evenly. A sender that wakes up late (the event loop was busy) still sends, but
    the one-second window holds it back if that second would otherwise get more than
    ``rate``. ``hold`` pushes every slot back after a 429.
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
        self._window = _Window(rate, WINDOW_MARGIN)
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
        self._chat_next = _forget_idle(self._chat_next, now)
        if slot > now:
            await self._sleep(slot - now)
        sent_at = await self._within_window()
        if sent_at > slot:  # held back: the chat's next turn counts from the real send
            self._chat_next[chat_id] = max(self._chat_next[chat_id], sent_at + self._per_chat)

    async def _within_window(self) -> float:
        """Wait while one more send would put more than the limit into one window; returns
        the instant the send may go."""
        while True:
            now = self._monotonic()
            wait = self._window.admit(now)
            if wait is None:
                return now
            self.waited += 1
            await self._sleep(wait)

    def hold(self, seconds: float) -> None:
        """Nobody sends for ``seconds`` (Telegram said: retry after)."""
        self._next = max(self._next, self._monotonic() + seconds)

    async def settle(self) -> None:
        """Nothing runs in the background here."""


@dataclass(slots=True)
class _Run:
    """Consecutive grants of this process with nobody else's slots between them: a late
    send inside it lands among this process's own sends only. ``start``/``end`` are on the
    local monotonic clock, ``db_end`` on the database's."""

    start: float
    end: float
    db_end: float


class SharedRateLimiter:
    """The limit shared by every process through the database's budget row.

    Slots are reserved at ``rate * (1 - SAFETY)`` a second and paced over; a send more than
    ``SLOT_SLACK`` late goes only inside this process's exclusive run, else its slot is given
    up (``stale``) and the sender takes the next. Grants follow demand (docs/SCHEDULING.md).
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
        self._window = _Window(rate, OWN_WINDOW_MARGIN)
        self._chat_next: dict[int, float] = {}
        self._chat_locks: dict[int, asyncio.Lock] = {}
        self._chat_users: dict[int, int] = {}
        self._waiting = 0  # senders inside acquire
        self._holding = 0  # of them, those holding a slot taken from ``_slots``
        self._refill_lock = asyncio.Lock()
        self._hold_until = 0.0
        self._holds: set[asyncio.Task[None]] = set()
        self._prefetch: asyncio.Future[None] | None = None
        self._round_trip = 0.0  # of the last grant, on the monotonic clock
        self._extending: tuple[float, int] = (math.nan, 0)  # slot, grants asked for it

    async def _reserve_in_database(self, count: int, pace: float) -> Grant:
        return await sendbudget.reserve(self.engine, self.name, count, pace)

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
                self._chat_next = _forget_idle(self._chat_next, now)
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
        """Within ``slack`` of the slot, or late inside an exclusive run (docs)."""
        if now - slot <= self._slack:
            return True
        reach = now + self._window.length + self._slack
        return run.start <= slot - self._slack and run.end >= reach

    async def _release(self, slot: float, run: _Run) -> float | None:
        """The instant the send may go (this process's window has room, checked at that
        instant, so nothing waits after the check); None: the slot is void (a flood hold
        came, or it went by among other processes' slots), take another."""
        while True:
            now = self._monotonic()
            if slot < self._hold_until:
                return None
            if not self._on_time(slot, run, now):
                if await self._extend(slot, run):
                    continue
                self.stale += 1
                return None
            wait = self._window.admit(now)
            if wait is None:
                if now - slot > self._slack:
                    self.late_sends += 1
                return now
            await self._sleep(wait)

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
        given up; True if that grant continued the run (check the slot again).

        The grant asked for covers the run's shortfall as it will be when the grant
        arrives (two round trips more): asking for the shortfall at the request alone
        never caught up once a round trip lasted two slots (a few milliseconds at paid-
        broadcast rates), and the sender waited for grants forever. At most
        ``EXTEND_TRIES`` grants per slot."""
        if run is not self._run or run.start > slot - self._slack:
            return False
        db_end = run.db_end
        if self._prefetch is None:
            last, tries = self._extending
            tries = tries + 1 if last == slot else 1
            if tries > EXTEND_TRIES:
                return False
            self._extending = (slot, tries)
            now = self._monotonic()
            reach = now + 2 * self._round_trip + self._window.length + self._slack
            want = max(self._want(now), math.ceil((reach - run.end) * self.pace) + 1)
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
        asked = self._monotonic()
        grant = await self._reserve(want, self.pace)
        self._round_trip = self._monotonic() - asked
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
            await sendbudget.hold(self.engine, self.name, seconds)
        except Exception:  # the local hold stands; the others find out by their own 429
            log.exception("could not share a %gs flood hold", seconds)

    async def settle(self) -> None:
        """Wait for the grant asked for ahead and the flood holds being written (the end of
        a tick: no database work left behind it)."""
        pending = [*self._holds, *([self._prefetch] if self._prefetch is not None else [])]
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
