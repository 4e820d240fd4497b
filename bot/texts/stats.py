"""The operator view in words: /stats in the chat and ``legcoach stats`` in a terminal.

These texts stay in English on purpose, whatever the language of the admin's Telegram app:
they are read by the bot's operators, not by runners, and the same lines are printed by
``legcoach stats`` in a terminal and read by whoever operates the bot with its English logs
and docs. Nothing here is marked for translation, so no catalog carries it.
"""

from __future__ import annotations

from datetime import timedelta
from html import escape
from typing import Final

from bot.flows.stats import OperatorStats

# Shown in the admins' command menu only (set per admin chat at start-up).
COMMAND: Final = ("stats", "Operator figures (admins only)")
_DATABASE = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def _size(count: int | None) -> str:
    if count is None:
        return "unknown size"
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count:,.0f} {unit}" if unit == "bytes" else f"{count:,.1f} {unit}"
        count /= 1024  # type: ignore[assignment]
    raise AssertionError("unreachable")


def _uptime(uptime: timedelta | None) -> str:
    if uptime is None:
        return "uptime not known here (this is not the bot's process)"
    minutes = int(uptime.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [f"{days} d"] if days else []
    parts += [f"{hours} h"] if hours or days else []
    parts.append(f"{minutes} min")
    return "up " + " ".join(parts)


def _seconds(value: float | None) -> str:
    return "none sent" if value is None else f"{value:.1f} s"


def stats_lines(stats: OperatorStats) -> list[str]:
    runners, sessions, reminders = stats.runners, stats.sessions, stats.reminders
    return [
        f"legcoach {stats.version}, {_uptime(stats.uptime)}",
        f"Runners: {runners.total:,} (set up {runners.onboarded:,}, active in 7 days "
        f"{runners.active_7d:,}, blocked {runners.blocked:,})",
        f"Sessions this week (since Monday 00:00 UTC): {sessions.started:,} started, "
        f"{sessions.finished:,} finished",
        f"Reminders due in the last 24 h: {reminders.sent:,} sent, {reminders.missed:,} missed, "
        f"{reminders.failed:,} failed, {reminders.given_back:,} given back",
        f"Reminder lateness: p50 {_seconds(stats.lateness_p50)}, "
        f"p99 {_seconds(stats.lateness_p99)}",
        f"Database: {_DATABASE.get(stats.database, stats.database)}, "
        f"{_size(stats.database_bytes)}",
    ]


def stats_message(stats: OperatorStats) -> str:
    return "<b>Operator view</b>\n" + "\n".join(escape(line) for line in stats_lines(stats))
