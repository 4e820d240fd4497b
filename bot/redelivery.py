"""At-least-once delivery made harmless: which updates are recorded, and the pruning job.

Polling confirms an update to Telegram only after it is handled and committed
(``bot.polling``), and webhook mode answers Telegram only then (``bot.webhook``); a crash in
between makes Telegram deliver the update again. ``LegcoachApplication.process_update``
skips a message update whose id is stored in ``handled_update`` and records it in the
update's own transaction otherwise (``storage.handled``).

Only messages are recorded. A button press carries a state token, so a second delivery of it
is already a polite no-op, and a Done press must stay a single statement with no ORM session
(docs/PERFORMANCE.md); ``my_chat_member`` changes are idempotent writes.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any, Final

from telegram import Update
from telegram.ext import Application, ContextTypes

from bot.context import SERVICES_KEY, Services
from bot.lifecycle import Backoff
from storage import handled

log = logging.getLogger(__name__)

# Updates handled at the same time, in either serving mode. SQLite has one writer, and an
# update holds its write lock across its calls to Telegram: a few at a time keeps the wait
# well inside its 5 s busy timeout. PostgreSQL: within the default pool (5 + 10 overflow),
# leaving room for the scheduler.
CONCURRENT_UPDATES: Final = {"sqlite": 4, "postgresql": 12}

PRUNE_JOB: Final = "legcoach.prune_handled_updates"
PRUNE_EVERY: Final = timedelta(hours=1)


def once_only_id(update: object) -> int | None:
    """The update id to record for a message update (typed answers, commands), else None."""
    if isinstance(update, Update) and update.message is not None:
        return update.update_id
    return None


def concurrent_updates(application: Application[Any, Any, Any, Any, Any, Any]) -> int:
    """How many updates to handle at the same time on this application's database."""
    services: Services = application.bot_data[SERVICES_KEY]
    return CONCURRENT_UPDATES.get(services.engine.dialect.name, 4)


async def handle(
    application: Application[Any, Any, Any, Any, Any, Any],
    update: Update,
    *,
    attempts: int,
    backoff: Backoff,
) -> bool:
    """``process_update``, tried again a few times if it failed as a whole; False if it never
    succeeded.

    A handler's failure is not one of these: the error handler has told the runner and the
    update's transaction is rolled back, which is a finished update. What is retried is the
    rest (the commit, the database gone for a moment). After ``attempts`` the update is given
    up, logged, and confirmed like any other: Telegram must never redeliver it forever.
    """
    for attempt in range(1, attempts + 1):
        try:
            await application.process_update(update)
            return True
        except Exception as error:
            if attempt == attempts:
                log.error(
                    "update %d could not be handled after %d attempts (%s: %s); given up",
                    update.update_id,
                    attempt,
                    type(error).__name__,
                    error,
                )
                return False
            delay = backoff.next_delay()
            log.warning(
                "update %d could not be handled (%s: %s); attempt %d, next in %g s",
                update.update_id,
                type(error).__name__,
                error,
                attempt,
                delay,
            )
            await asyncio.sleep(delay)
    return False


def schedule_pruning(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Forget old handled updates every hour (the job runs once the application is started)."""
    if application.job_queue is None:
        return
    for job in application.job_queue.get_jobs_by_name(PRUNE_JOB):
        job.schedule_removal()
    application.job_queue.run_repeating(
        prune_handled_updates,
        interval=PRUNE_EVERY,
        first=timedelta(minutes=1),
        name=PRUNE_JOB,
        job_kwargs={"max_instances": 1, "coalesce": True},
    )


async def prune_handled_updates(context: ContextTypes.DEFAULT_TYPE) -> None:
    """The job: delete handled-update rows older than ``storage.handled.KEEP_FOR``."""
    services: Services = context.application.bot_data[SERVICES_KEY]
    async with services.sessionmaker() as db:
        removed = await handled.prune(db, services.clock.now())
        await db.commit()
    if removed:
        log.debug("forgot %d handled updates", removed)
