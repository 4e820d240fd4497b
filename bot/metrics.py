"""``GET /metrics``: the operator's figures in Prometheus' text format, next to ``/healthz``.

The figures are those of /stats (``bot.operator``), turned into metric families by a
collector over one snapshot in a registry of its own: nothing global, no background
thread, and a scrape costs at most one set of counting queries per ``operator.CACHE_FOR``.
The endpoint tells nothing about any one runner, but it does tell how big the bot is: serve
the webhook port only to Telegram and your monitoring (docs/DEPLOY.md).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any, Final

import tornado.web
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector
from telegram.ext import Application

from bot import operator
from bot.flows.stats import OperatorStats

log = logging.getLogger(__name__)

METRICS_PATH: Final = "/metrics"


class _Snapshot(Collector):
    """The metric families of one set of figures."""

    def __init__(self, stats: OperatorStats) -> None:
        self.stats = stats

    def collect(self) -> Iterator[Metric]:
        stats = self.stats
        info = InfoMetricFamily("legcoach_build", "The running legcoach version.")
        info.add_metric([], {"version": stats.version, "database": stats.database})
        yield info
        runners = GaugeMetricFamily(
            "legcoach_runners",
            "Runners by state (active: started a session in 7 days).",
            labels=["state"],
        )
        for state, count in (
            ("total", stats.runners.total),
            ("onboarded", stats.runners.onboarded),
            ("active_7d", stats.runners.active_7d),
            ("blocked", stats.runners.blocked),
        ):
            runners.add_metric([state], count)
        yield runners
        sessions = GaugeMetricFamily(
            "legcoach_sessions_this_week",
            "Leg sessions started since Monday 00:00 UTC, and those finished.",
            labels=["status"],
        )
        sessions.add_metric(["started"], stats.sessions.started)
        sessions.add_metric(["finished"], stats.sessions.finished)
        yield sessions
        reminders = GaugeMetricFamily(
            "legcoach_reminders_last_24h",
            "Reminders due in the last 24 hours by outcome (given_back: transient failures "
            "handed back for a later try).",
            labels=["outcome"],
        )
        for outcome, count in (
            ("sent", stats.reminders.sent),
            ("missed", stats.reminders.missed),
            ("failed", stats.reminders.failed),
            ("given_back", stats.reminders.given_back),
        ):
            reminders.add_metric([outcome], count)
        yield reminders
        lateness = GaugeMetricFamily(
            "legcoach_reminder_lateness_seconds",
            "Due to sent, over the reminders sent in the last 24 hours (nearest rank).",
            labels=["quantile"],
        )
        for quantile, value in (("0.5", stats.lateness_p50), ("0.99", stats.lateness_p99)):
            if value is not None:
                lateness.add_metric([quantile], value)
        yield lateness
        if stats.database_bytes is not None:
            yield GaugeMetricFamily(
                "legcoach_database_size_bytes", "The database's size.", stats.database_bytes
            )
        if stats.uptime is not None:
            yield GaugeMetricFamily(
                "legcoach_uptime_seconds",
                "Seconds since this process started.",
                stats.uptime.total_seconds(),
            )


def render(stats: OperatorStats) -> bytes:
    """The figures in the Prometheus text exposition format."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Snapshot(stats))
    return generate_latest(registry)


class MetricsHandler(tornado.web.RequestHandler):
    """GET /metrics: the operator figures for Prometheus; 503 when the database is down."""

    SUPPORTED_METHODS = ("GET",)

    def initialize(self, bot_application: Application[Any, Any, Any, Any, Any, Any]) -> None:
        self.bot_application = bot_application

    async def get(self) -> None:
        """Answer with the current figures."""
        try:
            stats = await operator.figures(self.bot_application)
        except Exception as exc:  # the database is down: say so, Prometheus marks it
            log.warning("metrics: could not read the figures (%s)", type(exc).__name__)
            self.set_status(503)
            self.finish()
            return
        self.set_header("Content-Type", CONTENT_TYPE_LATEST)
        self.set_header("Cache-Control", "no-store")
        self.finish(render(stats))
