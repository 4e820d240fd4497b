"""Long polling that confirms an update to Telegram only after it has been handled.

PTB's ``Updater`` asks for the next batch (which confirms the previous one) as soon as it has
queued the updates, so an update being handled when the process dies is lost. This loop
confirms with the ``offset`` of ``getUpdates`` only the updates below the lowest one not yet
handled and committed: after a crash Telegram delivers everything from there again, and
``bot.redelivery`` skips what was already handled. Hand-written because PTB offers no
acknowledge-after-handling mode.

Updates of different chats are handled concurrently (up to ``max_concurrent``, by default
``redelivery.concurrent_updates``: fewer on SQLite); the updates of one chat one after the
other, in order. A conflict (409: a webhook is set, or another
process polls with the same token), network errors, timeouts and 5xx are retried with capped
exponential back-off; a 401 stops the process with one line (``TokenRejected``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Hashable, Sequence
from typing import Any, Final

from telegram import Update
from telegram.error import Conflict
from telegram.ext import Application

from bot import lifecycle, redelivery
from bot.config import Settings
from bot.lifecycle import Backoff, Stopped

log = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]

POLL_TIMEOUT: Final = 10  # seconds Telegram holds a getUpdates open when nothing is new
BATCH: Final = 100  # Telegram's maximum per getUpdates
# While updates are in hand, Telegram keeps re-sending them (they are not confirmed yet);
# rather than spin, ask again once one of them is done, or after this long at most.
RECHECK: Final = 1.0
# How long a clean stop waits for updates in hand before leaving them to the next start.
DRAIN_TIMEOUT: Final = 20.0
# An update whose handling failed as a whole (the database away at commit, not a handler's
# failure) is tried this many times (about a minute with the default back-off), then dropped.
HANDLE_ATTEMPTS: Final = 6


def chat_key(update: Update) -> Hashable:
    """Updates with the same key are handled in order, one at a time."""
    chat = update.effective_chat
    if chat is not None:
        return chat.id
    user = update.effective_user
    if user is not None:
        return user.id
    return ("update", update.update_id)


class UpdatePoller:
    """The ``getUpdates`` loop of one process; :meth:`run` until ``stop`` is set.

    :attr:`offset` is what the next ``getUpdates`` confirms: every update below it has been
    handled. ``backoff`` paces retries after Bot API failures (tests pass tiny delays).
    """

    def __init__(
        self,
        application: AnyApplication,
        *,
        allowed_updates: Sequence[str],
        poll_timeout: int = POLL_TIMEOUT,
        max_concurrent: int | None = None,
        backoff: Backoff | None = None,
        recheck: float = RECHECK,
        drain_timeout: float = DRAIN_TIMEOUT,
    ) -> None:
        self.application = application
        self.allowed_updates = list(allowed_updates)
        self.poll_timeout = poll_timeout
        self.backoff = backoff or Backoff()
        self.recheck = recheck
        self.drain_timeout = drain_timeout
        concurrent = max_concurrent or redelivery.concurrent_updates(application)
        self._slots = asyncio.Semaphore(concurrent)
        self._lanes: dict[Hashable, deque[Update]] = {}
        self._workers: set[asyncio.Task[None]] = set()
        # Received and not handled yet; handled but perhaps not confirmed to Telegram yet.
        self._unfinished: set[int] = set()
        self._finished: set[int] = set()
        # After the newest update received, as PTB's Updater counts (Telegram may restart
        # update ids at a random value after a week without updates, so not a maximum).
        self._next: int | None = None
        self._confirmed: int | None = None
        self._progress = asyncio.Event()

    @property
    def offset(self) -> int | None:
        """The lowest update not yet handled (None before the first update arrives)."""
        if self._unfinished:
            return min(self._unfinished)
        return self._next

    async def run(self, stop: asyncio.Event) -> None:
        """Fetch and handle updates until ``stop``; then finish (or leave) what is in hand
        and confirm what was handled."""
        try:
            while not stop.is_set():
                # Set by every update finished from now on, including during the fetch.
                self._progress.clear()
                if len(self._unfinished) >= BATCH:
                    await self._wait_for_progress(stop, None)
                    continue
                try:
                    updates = await self._fetch(stop)
                except Stopped:
                    break
                if updates:
                    self._next = updates[-1].update_id + 1
                fresh = [update for update in updates if self._is_new(update)]
                for update in fresh:
                    self._admit(update)
                if updates and not fresh:
                    await self._wait_for_progress(stop, self.recheck)
        finally:
            await self._drain()
        await self._confirm_handled()

    def _is_new(self, update: Update) -> bool:
        """Not received before: Telegram re-sends updates until they are confirmed."""
        known = update.update_id in self._unfinished or update.update_id in self._finished
        return not known

    # -- fetching ----------------------------------------------------------------------------

    async def _fetch(self, stop: asyncio.Event) -> tuple[Update, ...]:
        """One ``getUpdates``, retried through outages; confirms everything below the offset."""
        while True:
            offset = self.offset
            try:
                updates = await lifecycle.until_stopped(
                    stop,
                    self.application.bot.get_updates(
                        offset=offset,
                        timeout=self.poll_timeout,
                        limit=BATCH,
                        allowed_updates=self.allowed_updates,
                    ),
                )
            except Stopped:
                raise
            except Conflict as error:
                delay = self.backoff.next_delay()
                log.warning(
                    "polling: Telegram answered 409 Conflict (%s): a webhook is set or another "
                    "process polls with this token; next try in %g s",
                    error.message,
                    delay,
                )
            except Exception as error:
                retry = lifecycle.retry_delay(error, self.backoff)
                if retry is None:
                    raise
                delay = retry
                log.warning(
                    "polling: getUpdates failed (%s: %s); attempt %d, next in %g s",
                    type(error).__name__,
                    error,
                    self.backoff.attempt,
                    delay,
                )
            else:
                self.backoff.reset()
                self._confirmed = offset
                if offset is not None:  # Telegram has forgotten everything below it
                    self._finished = {done for done in self._finished if done >= offset}
                return updates
            await lifecycle.pause(stop, delay)

    async def _confirm_handled(self) -> None:
        """Tell Telegram what was handled since the last ``getUpdates`` (at a clean stop), so
        the next start does not receive it again."""
        offset = self.offset
        if offset is None or offset == self._confirmed:
            return
        try:
            await self.application.bot.get_updates(offset=offset, timeout=0, limit=1)
        except Exception as error:  # the next start skips handled messages anyway
            log.info("could not confirm the last updates (%s); they may come again", error)
        else:
            self._confirmed = offset

    async def _wait_for_progress(self, stop: asyncio.Event, at_most: float | None) -> None:
        """Until an update in hand is finished (since the last fetch), ``stop``, or
        ``at_most`` seconds."""
        waiters = {
            asyncio.ensure_future(self._progress.wait()),
            asyncio.ensure_future(stop.wait()),
        }
        try:
            await asyncio.wait(waiters, timeout=at_most, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()

    # -- handling ----------------------------------------------------------------------------

    def _admit(self, update: Update) -> None:
        self._unfinished.add(update.update_id)
        key = chat_key(update)
        lane = self._lanes.get(key)
        if lane is not None:
            lane.append(update)  # its worker takes it after the chat's earlier updates
            return
        self._lanes[key] = deque([update])
        worker = asyncio.create_task(self._work(key), name=f"legcoach:chat:{key}")
        self._workers.add(worker)
        worker.add_done_callback(self._workers.discard)

    async def _work(self, key: Hashable) -> None:
        """Handle one chat's updates in order until its lane is empty."""
        lane = self._lanes[key]
        try:
            while lane:
                update = lane[0]
                async with self._slots:
                    await self._handle(update)
                lane.popleft()
                self._unfinished.discard(update.update_id)
                self._finished.add(update.update_id)
                self._progress.set()
        finally:
            # Empty by now unless cancelled at a stop; new updates of the chat start a lane.
            del self._lanes[key]

    async def _handle(self, update: Update) -> None:
        backoff = Backoff(initial=self.backoff.initial, cap=self.backoff.cap)
        await redelivery.handle(
            self.application, update, attempts=HANDLE_ATTEMPTS, backoff=backoff
        )

    async def _drain(self) -> None:
        """Let the updates in hand finish; what is still running after ``drain_timeout`` is
        cancelled, stays unconfirmed, and comes again at the next start."""
        if not self._workers:
            return
        _done, running = await asyncio.wait(set(self._workers), timeout=self.drain_timeout)
        for worker in running:
            worker.cancel()
        for worker in running:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await worker


async def serve(
    application: AnyApplication,
    settings: Settings,
    *,
    allowed_updates: Sequence[str],
    stop: asyncio.Event | None = None,
    backoff: Backoff | None = None,
) -> None:
    """Run the bot by long polling until ``stop`` is set (by default: SIGTERM or SIGINT).

    Start-up (``getMe``, the menu, ``deleteWebhook``) is retried through Bot API outages;
    update processing and the job queue (reminder dispatch) run as with PTB's own runner.
    """
    own_signals = stop is None
    stop = stop or asyncio.Event()
    backoff = backoff or Backoff()
    poller = UpdatePoller(application, allowed_updates=allowed_updates, backoff=backoff)
    with contextlib.ExitStack() as stack:
        if own_signals:
            stack.enter_context(lifecycle.stop_on_signals(stop))
        try:
            # Telegram refuses getUpdates while a webhook is set: drop it, keep its updates.
            await lifecycle.start(
                application,
                stop,
                backoff=backoff,
                then=lambda: application.bot.delete_webhook(drop_pending_updates=False),
            )
            log.info("long polling: waiting for updates")
            await poller.run(stop)
            log.info("stopping")
        except Stopped:
            log.info("stopped during start-up")
        finally:
            await lifecycle.stop_application(application)
