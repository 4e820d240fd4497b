"""Webhook mode: a small tornado server in front of the Application.

Telegram POSTs each update to ``WEBHOOK_URL`` with the secret of ``setWebhook`` in the
``X-Telegram-Bot-Api-Secret-Token`` header. A request without the right secret gets 403 and
is never decoded; the others are turned into an ``Update`` and put on the application's update
queue (processing happens there, so the answer to Telegram is immediate). ``GET /healthz``
answers 200 when the database answers ``SELECT 1`` and 503 otherwise, for the compose health
check and load balancers.

Any number of instances may serve the same webhook behind a load balancer: every update is
handled inside one database transaction, and reminders are claimed in the database (see
docs/DEPLOY.md and docs/SCHEDULING.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
from collections.abc import Sequence
from typing import Any, Final
from urllib.parse import urlsplit

import tornado.httpserver
import tornado.netutil
import tornado.web
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.ext import Application, ExtBot

from bot.config import Settings
from bot.context import services_of
from bot.metrics import METRICS_PATH, MetricsHandler

log = logging.getLogger(__name__)

SECRET_HEADER: Final = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_PATH: Final = "/telegram"
HEALTH_PATH: Final = "/healthz"
HEALTH_TIMEOUT: Final = 3.0
# Telegram's updates are small; anything bigger is not from Telegram.
MAX_BODY_BYTES: Final = 1024 * 1024

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


def webhook_path(webhook_url: str) -> str:
    """The path Telegram will POST to: the path of ``WEBHOOK_URL``, ``/telegram`` if empty."""
    path = urlsplit(webhook_url).path.rstrip("/")
    return path or DEFAULT_PATH


async def database_answers(engine: AsyncEngine) -> bool:
    """Whether ``SELECT 1`` succeeds within ``HEALTH_TIMEOUT`` seconds."""
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT), engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means "not healthy"; the reason goes to the log
        log.warning("health check: the database did not answer (%s)", type(exc).__name__)
        return False
    return True


class UpdateHandler(tornado.web.RequestHandler):
    """POST <webhook path>: one update from Telegram."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(self, bot_application: AnyApplication, secret: str) -> None:
        self.bot_application = bot_application
        self.secret = secret.encode()

    async def post(self) -> None:
        """Check the secret, decode the update and queue it; 403 on a wrong secret."""
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), self.secret):
            self._reply(403, {"ok": False, "description": "Forbidden"})
            return
        try:
            data = json.loads(self.request.body)
            if not isinstance(data, dict):
                raise ValueError("an update is a JSON object")
            bot = self.bot_application.bot
            update = Update.de_json(data, bot)
        except Exception as exc:
            log.warning("webhook: could not decode an update (%s)", type(exc).__name__)
            self._reply(400, {"ok": False, "description": "Bad Request"})
            return
        if isinstance(bot, ExtBot):
            # Resolve arbitrary callback data the way PTB's own webhook server does.
            bot.insert_callback_data(update)
        await self.bot_application.update_queue.put(update)
        self._reply(200, {"ok": True})

    def _reply(self, status: int, body: dict[str, Any]) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(body))


class HealthHandler(tornado.web.RequestHandler):
    """GET /healthz: 200 when the database answers, 503 otherwise."""

    SUPPORTED_METHODS = ("GET", "HEAD")

    def initialize(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def get(self) -> None:
        """Answer with the database's health."""
        healthy = await database_answers(self.engine)
        self.set_status(200 if healthy else 503)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps({"status": "ok" if healthy else "unavailable"}))

    async def head(self) -> None:
        """Same as GET, without a body."""
        healthy = await database_answers(self.engine)
        self.set_status(200 if healthy else 503)
        self.finish()


def _log_request(handler: tornado.web.RequestHandler) -> None:
    """Access log: failures at INFO, the steady stream of 2xx at DEBUG."""
    status = handler.get_status()
    level = logging.DEBUG if status < 400 else logging.INFO
    request = handler.request
    log.log(level, "%d %s %s (%s)", status, request.method, request.path, request.remote_ip)


def make_web_app(
    application: AnyApplication,
    *,
    secret: str,
    path: str = DEFAULT_PATH,
    engine: AsyncEngine | None = None,
) -> tornado.web.Application:
    """The tornado app: the webhook at ``path`` and ``/healthz`` (on ``engine``, by default
    the application's own database)."""
    if not secret:
        raise ValueError("a webhook needs a secret")
    engine = engine or services_of(application).engine
    return tornado.web.Application(
        [
            (
                tornado.web.url(
                    path, UpdateHandler, {"bot_application": application, "secret": secret}
                )
            ),
            (tornado.web.url(HEALTH_PATH, HealthHandler, {"engine": engine})),
            tornado.web.url(METRICS_PATH, MetricsHandler, {"bot_application": application}),
        ],
        log_function=_log_request,
    )


class WebhookServer:
    """The HTTP server: ``start`` binds (port 0 picks a free one), ``stop`` closes it."""

    def __init__(self, app: tornado.web.Application) -> None:
        self._server = tornado.httpserver.HTTPServer(app, max_body_size=MAX_BODY_BYTES)
        self.port = 0

    def start(self, listen: str, port: int) -> None:
        sockets = tornado.netutil.bind_sockets(port, listen)
        self.port = int(sockets[0].getsockname()[1])
        self._server.add_sockets(sockets)

    async def stop(self) -> None:
        self._server.stop()
        await self._server.close_all_connections()


async def serve(
    application: AnyApplication,
    settings: Settings,
    *,
    allowed_updates: Sequence[str],
    stop: asyncio.Event | None = None,
) -> None:
    """Run the bot in webhook mode until ``stop`` is set (by default: SIGTERM or SIGINT).

    The order mirrors ``Application.run_webhook``: initialize, post_init, start (update
    processing and the job queue), listen, register the webhook with Telegram; on the way out
    everything is undone in reverse. The webhook stays registered at Telegram: other
    instances may still be serving it.
    """
    if not settings.webhook_url or settings.webhook_secret is None:
        raise ValueError("webhook mode needs WEBHOOK_URL and WEBHOOK_SECRET")
    secret = settings.webhook_secret.get_secret_value()
    path = webhook_path(settings.webhook_url)
    loop = asyncio.get_running_loop()
    own_signals = stop is None
    stop = stop or asyncio.Event()
    if own_signals:
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
    server = WebhookServer(make_web_app(application, secret=secret, path=path))
    try:
        await application.initialize()
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        server.start(settings.webhook_listen, settings.webhook_port)
        await application.bot.set_webhook(
            url=settings.webhook_url,
            secret_token=secret,
            allowed_updates=list(allowed_updates),
        )
        log.info(
            "webhook mode: listening on %s:%s, updates at %s, health at %s",
            settings.webhook_listen,
            server.port,
            path,
            HEALTH_PATH,
        )
        await stop.wait()
        log.info("stopping")
    finally:
        await server.stop()
        if application.running:
            await application.stop()
            if application.post_stop is not None:
                await application.post_stop(application)
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
        if own_signals:
            for sig in (signal.SIGTERM, signal.SIGINT):
                with contextlib.suppress(Exception):
                    loop.remove_signal_handler(sig)
