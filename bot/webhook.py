"""Webhook mode: a small tornado server in front of the Application.

Telegram POSTs each update to ``WEBHOOK_URL`` with the secret of ``setWebhook`` in the
``X-Telegram-Bot-Api-Secret-Token`` header. A request without the right secret gets 403 and
is never decoded; the others are turned into an ``Update`` and handled before the answer:
Telegram gets its 200 only once the update is handled and committed, so an instance that dies
meanwhile leaves it to Telegram to deliver again (``bot.redelivery`` skips a message handled
twice). A handler that failed still gets 200 (the error handler has told the runner), or
Telegram would redeliver it forever; while the server stops, new updates get 503 and come
back later. ``GET /healthz`` answers 200 when the database answers ``SELECT 1`` and 503
otherwise, for the compose health check and load balancers.

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
from collections.abc import Iterator, Sequence
from typing import Any, Final
from urllib.parse import urlsplit

import tornado.httpserver
import tornado.netutil
import tornado.web
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update
from telegram.ext import Application, ExtBot

from bot import lifecycle, redelivery
from bot.config import Settings
from bot.context import services_of
from bot.lifecycle import Backoff
from bot.metrics import METRICS_PATH, MetricsHandler

log = logging.getLogger(__name__)

SECRET_HEADER: Final = "X-Telegram-Bot-Api-Secret-Token"
DEFAULT_PATH: Final = "/telegram"
HEALTH_PATH: Final = "/healthz"
HEALTH_TIMEOUT: Final = 3.0
# Telegram's updates are small; anything bigger is not from Telegram.
MAX_BODY_BYTES: Final = 1024 * 1024
# How long a stop waits for updates being handled to be answered.
DRAIN_TIMEOUT: Final = 20.0
# Tries of an update that failed as a whole, kept short: Telegram is waiting for the answer.
HANDLE_ATTEMPTS: Final = 3
RETRY_FIRST_DELAY = 0.5

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


class InFlight:
    """Updates being handled by the webhook: at most ``concurrent`` at a time (Telegram opens
    up to 40 connections; the others wait for a slot), and a stop waits for them."""

    def __init__(self, concurrent: int) -> None:
        self.slots = asyncio.Semaphore(concurrent)
        self.count = 0
        self.closing = False
        self._idle = asyncio.Event()
        self._idle.set()

    @contextlib.contextmanager
    def one(self) -> Iterator[None]:
        self.count += 1
        self._idle.clear()
        try:
            yield
        finally:
            self.count -= 1
            if self.count == 0:
                self._idle.set()

    async def drained(self, within: float) -> bool:
        """Refuse new updates, then wait (at most ``within`` s) for those in hand."""
        self.closing = True
        try:
            await asyncio.wait_for(self._idle.wait(), within)
        except TimeoutError:
            return False
        return True


class UpdateHandler(tornado.web.RequestHandler):
    """POST <webhook path>: one update from Telegram."""

    SUPPORTED_METHODS = ("POST",)

    def initialize(
        self, bot_application: AnyApplication, secret: str, in_flight: InFlight
    ) -> None:
        self.bot_application = bot_application
        self.secret = secret.encode()
        self.in_flight = in_flight

    async def post(self) -> None:
        """Check the secret, decode the update, handle it, then answer; 403 on a wrong secret."""
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), self.secret):
            self._reply(403, {"ok": False, "description": "Forbidden"})
            return
        if self.in_flight.closing:
            # Not handled: Telegram delivers it again (to another instance, or after restart).
            self._reply(503, {"ok": False, "description": "Service Unavailable"})
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
        with self.in_flight.one():
            async with self.in_flight.slots:
                # 200 even if it failed: a handler's failure was told to the runner, and the
                # rest was retried here; Telegram would otherwise redeliver it again and again.
                backoff = Backoff(initial=RETRY_FIRST_DELAY, cap=RETRY_FIRST_DELAY * 4)
                await redelivery.handle(
                    self.bot_application, update, attempts=HANDLE_ATTEMPTS, backoff=backoff
                )
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
    in_flight = InFlight(redelivery.concurrent_updates(application))
    updates = {"bot_application": application, "secret": secret, "in_flight": in_flight}
    return tornado.web.Application(
        [
            tornado.web.url(path, UpdateHandler, updates),
            tornado.web.url(HEALTH_PATH, HealthHandler, {"engine": engine}),
            tornado.web.url(METRICS_PATH, MetricsHandler, {"bot_application": application}),
        ],
        log_function=_log_request,
        in_flight=in_flight,
    )


class WebhookServer:
    """The HTTP server: ``start`` binds (port 0 picks a free one), ``stop`` closes it after
    the updates in hand are answered."""

    def __init__(self, app: tornado.web.Application) -> None:
        self._server = tornado.httpserver.HTTPServer(app, max_body_size=MAX_BODY_BYTES)
        in_flight = app.settings.get("in_flight")
        assert isinstance(in_flight, InFlight), "build the app with make_web_app"
        self.in_flight = in_flight
        self.port = 0

    def start(self, listen: str, port: int) -> None:
        sockets = tornado.netutil.bind_sockets(port, listen)
        self.port = int(sockets[0].getsockname()[1])
        self._server.add_sockets(sockets)

    async def stop(self, drain_timeout: float = DRAIN_TIMEOUT) -> None:
        self._server.stop()
        if not await self.in_flight.drained(drain_timeout):
            log.warning("webhook: stopping with %d updates unanswered", self.in_flight.count)
        await self._server.close_all_connections()


async def serve(
    application: AnyApplication,
    settings: Settings,
    *,
    allowed_updates: Sequence[str],
    stop: asyncio.Event | None = None,
    backoff: Backoff | None = None,
) -> None:
    """Run the bot in webhook mode until ``stop`` is set (by default: SIGTERM or SIGINT).

    The order mirrors ``Application.run_webhook``: initialize, post_init, start (update
    processing and the job queue), listen, register the webhook with Telegram; the steps that
    talk to Telegram are retried through Bot API outages (``bot.lifecycle``). On the way out
    everything is undone in reverse. The webhook stays registered at Telegram: other
    instances may still be serving it.
    """
    if not settings.webhook_url or settings.webhook_secret is None:
        raise ValueError("webhook mode needs WEBHOOK_URL and WEBHOOK_SECRET")
    secret = settings.webhook_secret.get_secret_value()
    url = settings.webhook_url
    path = webhook_path(url)
    own_signals = stop is None
    stop = stop or asyncio.Event()
    backoff = backoff or Backoff()
    server = WebhookServer(make_web_app(application, secret=secret, path=path))
    with contextlib.ExitStack() as stack:
        if own_signals:
            stack.enter_context(lifecycle.stop_on_signals(stop))
        try:
            await lifecycle.start(application, stop, backoff=backoff)
            server.start(settings.webhook_listen, settings.webhook_port)
            await lifecycle.with_retries(
                "start-up",
                lambda: application.bot.set_webhook(
                    url=url, secret_token=secret, allowed_updates=list(allowed_updates)
                ),
                stop,
                backoff,
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
        except lifecycle.Stopped:
            log.info("stopped during start-up")
        finally:
            await server.stop()
            await lifecycle.stop_application(application)
