"""/progress: the runner's chart, drawn in a worker process and sent as a photo."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import Application, CommandHandler

from bot.charts import ChartBusy, ChartFailed, ChartWorker
from bot.context import LegContext
from bot.flows.progress import progress
from bot.messages import try_send
from bot.screens.files import try_action, try_send_photo
from bot.texts import chart as texts

WORKER_KEY = "legcoach.chart_worker"

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


def register(application: AnyApplication) -> None:
    application.add_handler(CommandHandler("progress", show_progress))
    # One worker for the application, started on the first chart (or by warm()).
    application.bot_data[WORKER_KEY] = ChartWorker()


def worker_of(application: AnyApplication) -> ChartWorker:
    worker = application.bot_data[WORKER_KEY]
    assert isinstance(worker, ChartWorker)
    return worker


async def close(application: AnyApplication) -> None:
    """Stop the chart worker's processes (at shutdown)."""
    await worker_of(application).close()


async def show_progress(update: Update, context: LegContext) -> None:
    """/progress: the chart, or a sentence when there is nothing to chart yet."""
    message = update.effective_message
    assert message is not None
    services = context.services
    found = await progress(context.db, services.library, context.runner, services.clock.now())
    if found is None:
        await try_send(message.chat, texts.no_sessions())
        return
    # Give the database connection back before waiting on the worker: a queue of charts
    # must not hold the pool's connections while other runners' updates need them.
    await context.db.commit()
    await try_action(message.chat, ChatAction.UPLOAD_PHOTO)
    try:
        png = await worker_of(context.application).render(texts.chart_spec(found, context.library))
    except ChartBusy:
        await try_send(message.chat, texts.busy())
        return
    except ChartFailed:
        await try_send(message.chat, texts.failed())
        return
    await try_send_photo(message.chat, png, texts.caption(found))
