"""One claimed reminder to Telegram: the checks before the send, the send through the
limiter, and what each of Telegram's answers means for it.

429 waits ``retry_after`` (the whole limiter holds: flood control is per bot) and retries;
timeouts, network errors and 5xx retry with back-off a few times, then the claim is given
back for a later tick rather than lost; 403 (the runner blocked the bot) and 400 are final.
docs/SCHEDULING.md ("Telegram's limits and errors") has the whole table.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.clock import Clock
from bot.dispatch.message import reminder_message, send_arguments
from bot.dispatch.outcome import DispatchOutcome, Outcome, TickReport
from bot.dispatch.ratelimit import Limiter, Sleep
from content.calendar import still_wanted
from content.library import Library
from content.reminders import ReminderKind, Timeliness, timeliness
from storage.claims import DueReminder

# A send is not started when less than this is left of the claim: another process may be
# about to take the reminder over.
CLAIM_MARGIN = timedelta(seconds=5)
# Within one tick: tries of a send failing with a network error or 5xx (back-off 1 s, 2 s),
# and 429 answers waited out, before the claim is given back for a later tick.
NETWORK_ATTEMPTS = 3
FLOOD_ATTEMPTS = 5
NETWORK_BACKOFF = 1.0


def seconds_of(value: int | float | timedelta) -> float:
    """RetryAfter.retry_after is a timedelta with PTB_TIMEDELTA=true, else seconds."""
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class Delivery:
    """Sends claimed reminders on one bot through one limiter, on the injected clock."""

    def __init__(
        self, bot: Bot, limiter: Limiter, clock: Clock, sleep: Sleep, library: Library
    ) -> None:
        self.bot = bot
        self.limiter = limiter
        self.clock = clock
        self._sleep = sleep
        self.library = library

    async def deliver(self, due: DueReminder, report: TickReport) -> Outcome | None:
        """Send one reminder; the outcome to record (None: the claim ran out, leave it)."""
        reminder, runner = due.reminder, due.runner
        if not still_wanted(runner, reminder):
            report.dropped += 1
            return Outcome(DispatchOutcome.DROP, due)
        if timeliness(reminder.due_at, self.clock.now()) is Timeliness.MISSED:
            report.missed += 1
            return Outcome(DispatchOutcome.MISSED, due)
        if reminder.kind is ReminderKind.RECAP:
            if due.recap is None:  # its figures could not be read: a later tick tries again
                report.released += 1
                return Outcome(DispatchOutcome.RETRY, due, error="recap figures not read")
            if not due.recap.worth_sending:  # nothing planned, nothing done: a paused week
                report.dropped += 1
                return Outcome(DispatchOutcome.DROP, due)
        rate = self.limiter.rate
        network_failures = floods = 0
        while True:
            # Composed before the slot is taken, so the request leaves as soon as the
            # limiter lets it go (less jitter between the slot and Telegram's arrival);
            # composed again in the rare case the wait made it "late" (10 minutes).
            composed_at = self.clock.now()
            arguments = send_arguments(
                runner.chat_id, *reminder_message(due, composed_at, self.library), rate=rate
            )
            await self.limiter.acquire(runner.chat_id)
            now = self.clock.now()
            if now >= due.claimed_until - CLAIM_MARGIN:
                report.expired += 1
                return None
            if timeliness(reminder.due_at, now) is not timeliness(reminder.due_at, composed_at):
                arguments = send_arguments(
                    runner.chat_id, *reminder_message(due, now, self.library), rate=rate
                )
            try:
                message = await self.bot.do_api_request(
                    # The raw call, for the one field kept (the message id): send_message
                    # would parse each answer into a Message, a sixth of the CPU spent per
                    # reminder at 1,000 a second. Method names are case-insensitive in the
                    # Bot API; this spelling is not PTB's alias, which it warns about.
                    "SendMessage",
                    api_kwargs=arguments,
                )
            except RetryAfter as exc:
                wait = seconds_of(exc.retry_after)
                floods += 1
                report.retried += 1
                report.waited_for_flood += wait
                self.limiter.hold(wait)
                if floods >= FLOOD_ATTEMPTS:
                    report.released += 1
                    return Outcome(DispatchOutcome.RETRY, due, error=f"RetryAfter {wait:g}s")
            except Forbidden as exc:
                report.blocked += 1
                return Outcome(DispatchOutcome.BLOCKED, due, error=f"Forbidden: {exc.message}")
            except BadRequest as exc:  # before NetworkError: BadRequest is one in PTB
                report.failed += 1
                return Outcome(DispatchOutcome.FAILED, due, error=f"BadRequest: {exc.message}")
            except NetworkError as exc:  # TimedOut, connection errors, 5xx
                network_failures += 1
                report.retried += 1
                if network_failures >= NETWORK_ATTEMPTS:
                    report.released += 1
                    error = f"{type(exc).__name__}: {exc.message}"
                    return Outcome(DispatchOutcome.RETRY, due, error=error)
                await self._sleep(NETWORK_BACKOFF * 2 ** (network_failures - 1))
            except TelegramError as exc:
                report.failed += 1
                error = f"{type(exc).__name__}: {exc.message}"
                return Outcome(DispatchOutcome.FAILED, due, error=error)
            else:
                report.sent += 1
                if timeliness(reminder.due_at, now) is Timeliness.LATE:
                    report.late += 1
                return Outcome(
                    DispatchOutcome.SENT, due, message_id=int(message["message_id"]), at=now
                )
