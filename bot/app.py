"""The one place where the application is composed: its topic modules, services, and the
reminder dispatcher with its repeating job. Only the entry points (cli, console, webhook)
import it."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.error import BadRequest, InvalidToken
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes
from telegram.request import BaseRequest

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.context import (
    SERVICES_KEY,
    LegContext,
    Services,
    UpdateSession,
    current_db,
    services_of,
    update_failed,
)
from bot.dispatch.dispatcher import JOB_NAME, build_dispatcher
from bot.handlers import (
    common,
    export,
    history,
    howto,
    language,
    onboarding,
    privacy,
    profile,
    progress,
    safety,
    schedule,
    session,
    stats,
)
from bot.i18n import load_all, reset_language, speaking, use_language
from bot.keyboards.menu import menus, telegram_code
from bot.pictures import PictureCache, Prerender
from bot.redelivery import once_only_id, schedule_pruning
from bot.texts import common as texts
from content.languages import SUPPORTED
from content.library import default_library
from storage import handled
from storage.db import create_engine, create_sessionmaker
from storage.fast import FastPath

log = logging.getLogger(__name__)

PRERENDER_KEY = "legcoach.prerender"


class LegcoachApplication(Application):
    """An Application that wraps each update in one database session and one commit.

    Handlers use ``context.db``; if any handler raised, the error handler has run and the
    transaction is rolled back, so a half-handled update never leaves half-written data.
    A message update already handled before (Telegram redelivers after a crash) is skipped,
    and a new one is recorded in the same transaction (``bot.redelivery``).
    """

    async def process_update(self, update: object) -> None:
        services: Services = self.bot_data[SERVICES_KEY]
        holder = UpdateSession(services.sessionmaker)
        db_token = current_db.set(holder)
        failed_token = update_failed.set(False)
        # The user's Telegram language until the runner's stored one is loaded (group -1)
        language_token = use_language(telegram_language(update))
        once = once_only_id(update)
        try:
            if once is not None:
                if await handled.seen(services.fast, once):
                    log.info("update %d was handled before; skipped", once)
                    return
                holder.guarded = True
            await super().process_update(update)
            if once is not None and not update_failed.get():
                recorded = await handled.record(holder.get(), once, services.clock.now())
                if not recorded:
                    log.info("update %d was handled meanwhile elsewhere; undone here", once)
                    update_failed.set(True)
            session = holder.session
            if session is not None and session.in_transaction():
                if update_failed.get():
                    await session.rollback()
                else:
                    await session.commit()
        finally:
            current_db.reset(db_token)
            update_failed.reset(failed_token)
            reset_language(language_token)
            if holder.session is not None:
                await holder.session.close()


def telegram_language(update: object) -> str | None:
    """The language the user's Telegram app is set to, if the update says."""
    user = update.effective_user if isinstance(update, Update) else None
    return user.language_code if user is not None else None


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    clock: Clock | None = None,
    engine: AsyncEngine | None = None,
    rate_limit: bool = True,
    token: str | None = None,
    pictures: PictureCache | None = None,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """Build the bot: services, handlers in their order, start-up and shutdown hooks.

    ``request`` replaces the HTTP edge to Telegram (tests and the offline console pass the
    in-process fake); everything else is the real thing.
    """
    if token is None:
        secret = settings.telegram_bot_token
        if secret is None:
            raise ValueError("TELEGRAM_BOT_TOKEN is not set")
        token = secret.get_secret_value()
    load_all()  # a broken catalog stops start-up here, naming the language
    builder = (
        ApplicationBuilder()
        .application_class(LegcoachApplication)
        .token(token)
        .base_url(settings.bot_api_url)
        .base_file_url(settings.bot_file_url)
        .context_types(ContextTypes(context=LegContext))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if request is not None:
        builder = builder.request(request)
    if updates_request is not None:
        builder = builder.get_updates_request(updates_request)
    if rate_limit:
        # Telegram's global limit for every call, replies included; the reminder dispatcher
        # paces itself per chat on top of this (bot/dispatch/ratelimit.py).
        limiter = AIORateLimiter(overall_max_rate=settings.send_rate_per_second, max_retries=0)
        builder = builder.rate_limiter(limiter)  # type: ignore[arg-type]
    application = builder.build()

    engine = engine or create_engine(settings.database_url)
    autocommit_engine = create_engine(
        engine.url.render_as_string(hide_password=False),
        isolation_level="AUTOCOMMIT",
        # nothing to roll back in autocommit mode: skip the round trip on check-in
        pool_reset_on_return=None,
        **_autocommit_options(engine),
    )
    sessionmaker = create_sessionmaker(engine)
    clock = clock or SystemClock()
    dispatcher = build_dispatcher(
        application.bot, engine=engine, sessionmaker=sessionmaker, clock=clock, settings=settings
    )
    application.bot_data[SERVICES_KEY] = Services(
        settings=settings,
        engine=engine,
        fast=FastPath(autocommit_engine),
        sessionmaker=sessionmaker,
        library=default_library(),
        clock=clock,
        dispatcher=dispatcher,
        pictures=pictures or PictureCache(settings.pictures_dir),
    )

    # Order matters: group -1 loads the runner (and turns group chats away) before any topic
    # handler runs; the catch-all fallbacks in common go last, after every topic had its turn.
    common.register_early(application)
    # Free text is offered to responders in this order: pain first (safety beats a pending
    # question, and "my knee hurts when I lunge" is about the knee, not the lunge), then a
    # pending onboarding or settings answer, then exercise questions, then the help fallback.
    safety.register(application)
    onboarding.register(application)
    profile.register(application)
    language.register(application)
    session.register(application)
    howto.register(application)
    schedule.register(application)
    history.register(application)
    progress.register(application)
    export.register(application)
    privacy.register(application)
    stats.register(application)
    common.register_late(application)

    # The job only runs once the application is started (run_polling / webhook); tests and
    # benchmarks call ``services.dispatcher.tick`` directly with their own clock.
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            dispatch_due,
            interval=settings.scheduler_tick_seconds,
            first=1.0,
            name=JOB_NAME,
            job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
        )
    return application


async def dispatch_due(context: LegContext) -> None:
    """The repeating job: claim the reminders due now and send them."""
    services = context.services
    await services.dispatcher.tick(services.clock.now())


def _autocommit_options(engine: AsyncEngine) -> dict[str, Any]:
    if engine.dialect.name != "postgresql":
        return {}
    # Set logs are the only writes here: a PostgreSQL server crash may lose the last fraction
    # of a second of them (never corrupt anything); fsync per Done press is not worth it.
    return {
        "pool_pre_ping": False,
        "connect_args": {"server_settings": {"synchronous_commit": "off"}},
    }


async def _post_init(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    bot = application.bot
    for code, menu in menus():
        await bot.set_my_commands(menu, language_code=code)
    try:
        for language in SUPPORTED:
            with speaking(language):
                description = str(texts.BOT_DESCRIPTION)
                short_description = str(texts.BOT_SHORT_DESCRIPTION)
            code = telegram_code(language)
            await bot.set_my_description(description, language_code=code)
            await bot.set_my_short_description(short_description, language_code=code)
    except (BadRequest, InvalidToken) as error:
        # A self-hosted Bot API server too old to know these answers 400 or 404 (which PTB
        # reports as InvalidToken); the bot works without its description.
        log.warning("could not set the bot's description: %s", error.message)
    schedule_pruning(application)
    # Draw the missing exercise pictures in the background: start-up never waits for them
    # (about 8 s on a fresh install), and a runner asking first has theirs drawn on demand.
    prerender = Prerender(services_of(application).pictures)
    prerender.start()
    application.bot_data[PRERENDER_KEY] = prerender
    await stats.set_admin_menus(application)


async def _post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    prerender = application.bot_data.pop(PRERENDER_KEY, None)
    if isinstance(prerender, Prerender):
        await prerender.stop()
    services: Services = application.bot_data[SERVICES_KEY]
    await progress.close(application)
    await services.fast.close()
    await services.fast.engine.dispose()
    await services.engine.dispose()


__all__ = [
    "LegcoachApplication",
    "Update",
    "build_application",
    "dispatch_due",
    "services_of",
]
