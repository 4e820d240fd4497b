"""The operator view: /stats for ADMIN_IDS only (and in their menus only), the same figures
from ``legcoach stats`` and from ``GET /metrics`` in Prometheus' text format."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import cli
from bot.flows.stats import OperatorStats, percentile
from bot.metrics import render
from bot.webhook import WebhookServer, make_web_app
from storage.base import Base
from storage.db import create_engine
from storage.models import LegSession, Reminder, Runner
from storage.stats import ReminderFigures, RunnerFigures, SessionFigures
from tests.factories import onboard
from tests.harness import DEFAULT_NOW, BotHarness, new_user_id, sqlite_url

NOW = DEFAULT_NOW


async def seed(engine: AsyncEngine, now: datetime = NOW) -> None:
    """Three runners (one blocked), two sessions this week, and reminders due in the last
    day: two sent (30 s and 90 s late), one answered after its send, one missed, one
    failed after one give-back, one pending after two give-backs, and one sent two days
    ago (outside the window)."""
    async with engine.begin() as connection:
        ids = []
        for number in range(3):
            user = new_user_id()
            result = await connection.execute(
                insert(Runner)
                .values(
                    telegram_user_id=user,
                    chat_id=user,
                    first_name=f"R{number}",
                    equipment=[],
                    running_days=[],
                    hard_days=[],
                    draft={},
                    onboarded=number < 2,
                    blocked=number == 2,
                )
                .returning(Runner.id)
            )
            ids.append(result.scalar_one())
        for runner_id, status in ((ids[0], "finished"), (ids[1], "stopped")):
            await connection.execute(
                insert(LegSession).values(
                    runner_id=runner_id,
                    status=status,
                    warmup="",
                    current_position=0,
                    started_at=now - timedelta(hours=1),
                )
            )

        def reminder(day: int, due: datetime, status: str, **values: object) -> dict[str, object]:
            return {
                "runner_id": ids[day % 3],
                "kind": "leg_day",
                "local_date": date(2026, 11, 1 + day),
                "due_at": due,
                "status": status,
                "attempts": 0,
                "sent_at": None,
                "last_error": None,
                **values,
            }

        hour = timedelta(hours=1)
        rows = [
            reminder(
                1, now - hour, "sent", sent_at=now - hour + timedelta(seconds=30), attempts=1
            ),
            reminder(
                2,
                now - 2 * hour,
                "sent",
                sent_at=now - 2 * hour + timedelta(seconds=90),
                attempts=1,
            ),
            reminder(
                3,
                now - 3 * hour,
                "started",
                sent_at=now - 3 * hour + timedelta(seconds=60),
                attempts=1,
            ),
            reminder(4, now - 4 * hour, "missed"),
            reminder(5, now - 5 * hour, "failed", attempts=2, last_error="Forbidden"),
            reminder(6, now - 6 * hour, "pending", attempts=2, last_error="TimedOut"),
            reminder(7, now - 48 * hour, "sent", sent_at=now - 48 * hour, attempts=1),
        ]
        await connection.execute(insert(Reminder), rows)


def test_percentiles_are_nearest_rank() -> None:
    assert percentile([], 0.5) is None
    assert percentile([3.0], 0.99) == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.0
    assert percentile([float(n) for n in range(1, 101)], 0.99) == 99.0


async def test_stats_is_an_unknown_command_to_anyone_but_an_admin(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.command("stats")
    assert runner.last_text.startswith("I don't know /stats. Here is what I do know:")
    assert "Operator view" not in runner.last_text
    default_menu = [command["command"] for command in bot.api.commands()]
    assert "stats" not in default_menu and "history" in default_menu


async def test_an_admin_gets_the_figures_and_the_command_in_their_menu(bot: BotHarness) -> None:
    admin_id = new_user_id()
    bot.settings = bot.settings.model_copy(update={"admin_ids": (admin_id,)})
    await bot.restart()
    await seed(bot.engine)
    admin = bot.runner(admin_id)
    other = bot.runner()
    await onboard(other)
    await admin.command("help")
    bot.clock.advance(timedelta(hours=2))
    await admin.command("stats")
    lines = admin.last_text.split("\n")
    assert lines[0] == "Operator view"
    assert lines[1].startswith("legcoach ") and lines[1].endswith("up 2 h 0 min")
    # three seeded runners, the one onboarded through the chat and the admin
    assert lines[2] == "Runners: 5 (set up 3, active in 7 days 2, blocked 1)"
    assert lines[3] == "Sessions this week (since Monday 00:00 UTC): 2 started, 1 finished"
    # the onboarded runner's own reminder is due later: not counted
    assert lines[4] == "Reminders due in the last 24 h: 3 sent, 1 missed, 1 failed, 3 given back"
    assert lines[5] == "Reminder lateness: p50 60.0 s, p99 90.0 s"
    assert lines[6].startswith("Database: SQLite, ")

    admin_menu = bot.api.commands({"type": "chat", "chat_id": admin_id})
    assert [command["command"] for command in admin_menu][-1] == "stats"
    assert "stats" not in [c["command"] for c in bot.api.commands_for(other.chat_id)]

    await other.command("stats")
    assert other.last_text.startswith("I don't know /stats.")


def test_legcoach_stats_prints_the_same_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = sqlite_url(tmp_path)

    async def prepare() -> None:
        engine = create_engine(url)
        async with engine.begin() as connection:
            await connection.run_sync(Base.metadata.create_all)
        await seed(engine, datetime.now(UTC))  # the command line reads the system clock
        await engine.dispose()

    asyncio.run(prepare())
    monkeypatch.chdir(tmp_path)  # no .env from the repository
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setattr(cli, "setup_logging", lambda *_args: None)
    assert cli.main(["stats"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("legcoach ") and "uptime not known here" in out[0]
    assert out[1] == "Runners: 3 (set up 2, active in 7 days 2, blocked 1)"
    assert out[3] == "Reminders due in the last 24 h: 3 sent, 1 missed, 1 failed, 3 given back"
    assert out[4] == "Reminder lateness: p50 60.0 s, p99 90.0 s"


def families(text: str) -> dict[str, dict[tuple[tuple[str, str], ...], float]]:
    found: dict[str, dict[tuple[tuple[str, str], ...], float]] = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found.setdefault(sample.name, {})[tuple(sorted(sample.labels.items()))] = sample.value
    return found


async def test_metrics_are_served_in_prometheus_text_format(bot: BotHarness) -> None:
    await seed(bot.engine)
    server = WebhookServer(make_web_app(bot.application, secret="s3cret", path="/telegram"))
    server.start("127.0.0.1", 0)
    try:
        async with httpx.AsyncClient() as client:
            response = await client.get(f"http://127.0.0.1:{server.port}/metrics")
    finally:
        await server.stop()
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    found = families(response.text)
    assert found["legcoach_runners"][(("state", "total"),)] == 3
    assert found["legcoach_runners"][(("state", "blocked"),)] == 1
    assert found["legcoach_sessions_this_week"][(("status", "started"),)] == 2
    reminders = found["legcoach_reminders_last_24h"]
    assert reminders[(("outcome", "sent"),)] == 3
    assert reminders[(("outcome", "given_back"),)] == 3
    lateness = found["legcoach_reminder_lateness_seconds"]
    assert lateness == {(("quantile", "0.5"),): 60.0, (("quantile", "0.99"),): 90.0}
    assert found["legcoach_database_size_bytes"][()] > 0
    assert found["legcoach_uptime_seconds"][()] == 0.0  # the clock has not moved
    (info,) = found["legcoach_build_info"]
    assert dict(info)["database"] == "sqlite"


def test_metrics_render_without_optional_figures() -> None:
    stats = OperatorStats(
        at=NOW,
        runners=RunnerFigures(0, 0, 0, 0),
        week_start=NOW,
        sessions=SessionFigures(0, 0),
        reminders=ReminderFigures(0, 0, 0, 0, ()),
        lateness_p50=None,
        lateness_p99=None,
        database="postgresql",
        database_bytes=None,
        uptime=None,
        version="0.1.0",
    )
    found = families(render(stats).decode())
    assert "legcoach_uptime_seconds" not in found
    assert "legcoach_reminder_lateness_seconds" not in found
    assert found["legcoach_runners"][(("state", "total"),)] == 0
