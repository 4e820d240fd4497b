"""The one place where the application is composed from its topic modules."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
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
from bot.handlers import (
    common,
    export,
    history,
    howto,
    onboarding,
    privacy,
    profile,
    progress,
    safety,
    schedule,
    session,
    stats,
)
from content.library import default_library
from storage.db import create_engine, create_sessionmaker
from storage.fast import FastPath

log = logging.getLogger(__name__)


class LegcoachApplication(Application):
    """An Application that wraps each update in one database session and one commit.

    Handlers use ``context.db``; if any handler raised, the error handler has run and the
    transaction is rolled back, so a half-handled update never leaves half-written data.
    """

    async def process_update(self, update: object) -> None:
        services: Services = self.bot_data[SERVICES_KEY]
        holder = UpdateSession(services.sessionmaker)
        db_token = current_db.set(holder)
        failed_token = update_failed.set(False)
        try:
            await super().process_update(update)
            session = holder.session
            if session is not None and session.in_transaction():
                if update_failed.get():
                    await session.rollback()
                else:
                    await session.commit()
        finally:
            current_db.reset(db_token)
            update_failed.reset(failed_token)
            if holder.session is not None:
                await holder.session.close()


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    updates_request: BaseRequest | None = None,
    clock: Clock | None = None,
    engine: AsyncEngine | None = None,
    rate_limit: bool = True,
    token: str | None = None,
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
        # paces itself per chat on top of this (bot/scheduler.py).
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
    application.bot_data[SERVICES_KEY] = Services(
        settings=settings,
        engine=engine,
        fast=FastPath(autocommit_engine),
        sessionmaker=create_sessionmaker(engine),
        library=default_library(),
        clock=clock or SystemClock(),
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
    session.register(application)
    howto.register(application)
    schedule.register(application)
    history.register(application)
    progress.register(application)
    export.register(application)
    privacy.register(application)
    stats.register(application)
    common.register_late(application)
    return application


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
    await application.bot.set_my_commands(common.COMMAND_MENU)
    await stats.set_admin_menus(application)


async def _post_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    services: Services = application.bot_data[SERVICES_KEY]
    await progress.close(application)
    await services.fast.close()
    await services.fast.engine.dispose()
    await services.engine.dispose()


__all__ = ["LegcoachApplication", "Update", "build_application", "services_of"]
