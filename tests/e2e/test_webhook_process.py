"""The real ``legcoach run`` process in webhook mode, over HTTP (issue 7)."""

from __future__ import annotations

import socket
from pathlib import Path

import httpx
from sqlalchemy import func, select

from bot.offline.http import BotApiServer
from bot.webhook import SECRET_HEADER
from storage.db import create_engine, create_sessionmaker
from storage.models import SetLog
from tests.e2e.helpers import (
    SECRET,
    STARTUP_TIMEOUT,
    TOKEN,
    BotProcess,
    HttpRunner,
    JSONDict,
    bot_environment,
    onboard,
    wait_for,
)

USER_ID = 5550002


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def count_sets(url: str) -> int:
    engine = create_engine(url)
    try:
        async with create_sessionmaker(engine)() as db:
            return int(await db.scalar(select(func.count()).select_from(SetLog)) or 0)
    finally:
        await engine.dispose()


async def test_webhook_mode_with_the_secret(
    telegram: BotApiServer, tmp_path: Path, pictures_dir: Path
) -> None:
    api = telegram.api
    port = free_port()
    hook = f"http://127.0.0.1:{port}/telegram"
    url = f"sqlite+aiosqlite:///{tmp_path}/legcoach.db"
    env = bot_environment(
        TELEGRAM_API_BASE_URL=telegram.base_url,
        DATABASE_URL=url,
        PICTURES_DIR=str(pictures_dir),
        SCHEDULER_TICK_SECONDS="1",
        WEBHOOK_URL=hook,
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
    )
    bot = BotProcess(env, tmp_path, tmp_path / "bot.log")
    async with httpx.AsyncClient(timeout=10) as client:

        async def post(update: JSONDict) -> None:
            response = await client.post(hook, json=update, headers={SECRET_HEADER: SECRET})
            assert response.status_code == 200, response.text

        runner = HttpRunner(api, post, USER_ID)
        try:
            await bot.start()
            await wait_for(
                lambda: bool(api.calls_to("setWebhook")) or not bot.running,
                within=STARTUP_TIMEOUT,
                what="the webhook to be registered",
            )
            assert bot.running, bot.log()
            registered = api.calls_to("setWebhook")[-1].params
            assert registered["url"] == hook and registered["secret_token"] == SECRET
            assert set(registered["allowed_updates"]) >= {"message", "callback_query"}
            assert api.calls_to("setMyCommands") and not api.calls_to("getUpdates")

            health = await client.get(f"http://127.0.0.1:{port}/healthz")
            assert (health.status_code, health.json()) == (200, {"status": "ok"})
            probe = {"update_id": 1, "message": {"message_id": 1, "date": 0, "text": "/start"}}
            for headers in ({}, {SECRET_HEADER: "not-the-secret"}):
                refused = await client.post(hook, json=probe, headers=headers)
                assert refused.status_code == 403

            await onboard(runner)
            await runner.send("/workout")
            assert runner.last_text.startswith("1/5"), runner.texts()
            await runner.press("Done")
            assert "Set 2 of" in runner.last_text
            await runner.press("Done")
            assert "Set 3 of" in runner.last_text
            await runner.press("Done")
            assert runner.last_text.startswith("2/5"), runner.texts()
            assert await count_sets(url) == 3

            assert await bot.terminate() == 0, bot.log()
            assert TOKEN not in bot.log() and SECRET not in bot.log()
        except BaseException:
            print(bot.log()[-5000:])
            raise
        finally:
            await bot.kill()
