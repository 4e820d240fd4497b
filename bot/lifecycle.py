"""Starting and stopping the application in both serving modes, the same way.

Start-up talks to Telegram (``getMe``, the command menu, the description, and ``deleteWebhook``
or ``setWebhook``). A Bot API that cannot be reached (connection refused, a timeout, a 5xx,
flood control) is not a reason to die: every step is retried with capped exponential back-off
and one log line per attempt until it works or the process is told to stop. A 401 is
different: the token is wrong and no retry will fix it, so :class:`TokenRejected` carries one
line for the operator, without the token (PTB's own message quotes it in full).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Final, TypeVar

from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter
from telegram.ext import Application

log = logging.getLogger("legcoach")

T = TypeVar("T")
AnyApplication = Application[Any, Any, Any, Any, Any, Any]

STOP_SIGNALS: Final = (signal.SIGTERM, signal.SIGINT)


class TokenRejected(Exception):
    """Telegram answered 401 (or 404) for the bot: a configuration error, never retried.

    The message is one line for the operator and never contains the token.
    """

    def __init__(self, error: InvalidToken) -> None:
        super().__init__(rejection_line(error))


class Stopped(Exception):
    """The process was told to stop while waiting (a signal during start-up or back-off)."""


def rejection_line(error: InvalidToken) -> str:
    """What to tell the operator about a rejected token, from PTB's error chain.

    PTB's outer message quotes the token, so only the status is taken from the chain.
    """
    texts = []
    cause: BaseException | None = error
    while cause is not None:
        texts.append(str(cause))
        cause = cause.__cause__
    said = " ".join(texts)
    if "Not Found" in said:
        return (
            "the Bot API answered 404 Not Found for this bot: check TELEGRAM_BOT_TOKEN from "
            "@BotFather and TELEGRAM_API_BASE_URL"
        )
    return (
        "Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized): check the token from @BotFather"
    )


@dataclass
class Backoff:
    """Capped exponential back-off: ``initial``, doubled after each failure, at most ``cap``."""

    initial: float = 1.0
    cap: float = 60.0
    attempt: int = 0

    def next_delay(self) -> float:
        """The wait before the next attempt; counts one more failure."""
        delay = min(self.cap, self.initial * 2**self.attempt)
        self.attempt += 1
        return delay

    def reset(self) -> None:
        self.attempt = 0


def retry_delay(error: Exception, backoff: Backoff) -> float | None:
    """How long to wait before retrying a failed Bot API call, or None if retrying is futile.

    Network errors, timeouts and 5xx (all ``NetworkError`` in PTB) and flood control are
    retried; a 401 raises :class:`TokenRejected`; a 400 and anything else are not retried.
    """
    if isinstance(error, InvalidToken):
        raise TokenRejected(error) from None
    if isinstance(error, RetryAfter):
        backoff.next_delay()
        wait = error.retry_after  # a timedelta (PTB_TIMEDELTA, set in bot/__init__.py)
        return wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        return backoff.next_delay()
    return None


async def pause(stop: asyncio.Event, seconds: float) -> None:
    """Wait ``seconds``; raise :class:`Stopped` as soon as ``stop`` is set."""
    if stop.is_set():
        raise Stopped
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), seconds)
    if stop.is_set():
        raise Stopped


async def until_stopped(stop: asyncio.Event, work: Awaitable[T]) -> T:
    """Await ``work``; cancel it and raise :class:`Stopped` if ``stop`` is set first."""
    task = asyncio.ensure_future(work)
    waiter = asyncio.ensure_future(stop.wait())
    try:
        await asyncio.wait({task, waiter}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiter.cancel()
    if task.done():
        return task.result()
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await task
    raise Stopped


async def with_retries(
    what: str,
    action: Callable[[], Awaitable[T]],
    stop: asyncio.Event,
    backoff: Backoff | None = None,
) -> T:
    """Run ``action`` until it succeeds, retrying Bot API outages with back-off.

    One warning per failed attempt says what failed, why and when the next attempt is.
    """
    backoff = backoff or Backoff()
    while True:
        try:
            return await until_stopped(stop, action())
        except (Stopped, TokenRejected):
            raise
        except Exception as error:
            delay = retry_delay(error, backoff)
            if delay is None:
                raise
            log.warning(
                "%s: the Bot API is not answering (%s: %s); attempt %d failed, next in %g s",
                what,
                type(error).__name__,
                error,
                backoff.attempt,
                delay,
            )
            await pause(stop, delay)


async def start(
    application: AnyApplication,
    stop: asyncio.Event,
    *,
    backoff: Backoff | None = None,
    then: Callable[[], Awaitable[object]] | None = None,
) -> None:
    """Initialize (``getMe``), run ``post_init``, then ``then`` (the mode's registration),
    each retried through Bot API outages; then start update processing and the job queue."""
    backoff = backoff or Backoff()
    await with_retries("start-up", application.initialize, stop, backoff)
    if application.post_init is not None:
        post_init = application.post_init
        await with_retries("start-up", lambda: post_init(application), stop, backoff)
    if then is not None:
        await with_retries("start-up", then, stop, backoff)
    await application.start()


async def stop_application(application: AnyApplication) -> None:
    """Undo :func:`start` in reverse, whatever step it reached."""
    if application.running:
        await application.stop()
        if application.post_stop is not None:
            await application.post_stop(application)
    await application.shutdown()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)


@contextlib.contextmanager
def stop_on_signals(stop: asyncio.Event) -> Iterator[None]:
    """SIGTERM and SIGINT set ``stop`` while inside (the event loop's own handlers)."""
    loop = asyncio.get_running_loop()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop.set)
    try:
        yield
    finally:
        for sig in STOP_SIGNALS:
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(sig)
