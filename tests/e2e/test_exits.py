"""The real ``legcoach run`` process: every way out is one line, no secret ever shows (issue 11,
point 4).

A token Telegram rejects, a crash in start-up and a Bot API that is down at first; at INFO and
at DEBUG (where httpx logs every request URL, which holds the token, and PTB logs every
call's parameters, the webhook secret among them).
"""

from __future__ import annotations

import asyncio
import socket
import sys
from pathlib import Path

import httpx
import pytest

from bot.offline import FakeBotApi
from bot.offline.http import BotApiServer
from bot.webhook import SECRET_HEADER
from tests.e2e.helpers import (
    SECRET,
    STARTUP_TIMEOUT,
    TOKEN,
    BotProcess,
    HttpRunner,
    JSONDict,
    bot_environment,
    wait_for,
)

# Well-formed, but not the token the fake Telegram knows: it answers 401.
WRONG_TOKEN = "654321:WRONG-token-that-telegram-rejects"
REJECTED = (
    "legcoach: Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized): check the token from "
    "@BotFather"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def run_to_exit(env: dict[str, str], workdir: Path) -> tuple[int, str, str]:
    """``legcoach run`` until it exits by itself: the exit code, stdout and stderr."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "run",
        env=env,
        cwd=workdir,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        out, err = await asyncio.wait_for(process.communicate(), STARTUP_TIMEOUT)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


def assert_no_secrets(*outputs: str) -> None:
    everything = "\n".join(outputs)
    for secret in (TOKEN, WRONG_TOKEN, SECRET):
        assert secret not in everything, f"{secret} leaked"
        assert secret.split(":")[-1] not in everything, f"{secret} leaked"


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
async def test_a_rejected_token_is_one_line_and_exit_2(
    telegram: BotApiServer, tmp_path: Path, level: str
) -> None:
    env = bot_environment(
        TELEGRAM_API_BASE_URL=telegram.base_url,
        TELEGRAM_BOT_TOKEN=WRONG_TOKEN,
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/legcoach.db",
        LOG_LEVEL=level,
    )
    code, out, err = await run_to_exit(env, tmp_path)
    assert code == 2, err
    assert err.splitlines()[-1] == REJECTED
    assert [line for line in err.splitlines() if line.startswith("legcoach:")] == [REJECTED]
    assert "Traceback" not in out + err
    assert_no_secrets(out, err)
    assert len(telegram.api.calls) == 0  # the fake never let it past the token check


@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
async def test_a_crash_in_start_up_is_one_line_and_exit_1(
    telegram: BotApiServer, tmp_path: Path, level: str
) -> None:
    # A file where the database's folder should be; its name holds the token, so the error
    # message (and the traceback logged at DEBUG) would show it if nothing redacted it.
    blocker = tmp_path / TOKEN
    blocker.write_text("")
    env = bot_environment(
        TELEGRAM_API_BASE_URL=telegram.base_url,
        DATABASE_URL=f"sqlite+aiosqlite:///{blocker}/legcoach.db",
        LOG_LEVEL=level,
    )
    code, out, err = await run_to_exit(env, tmp_path)
    assert code == 1, err
    last = err.splitlines()[-1]
    assert last.startswith("legcoach: run failed: FileExistsError: ") and "<token>" in last
    assert [line for line in err.splitlines() if line.startswith("legcoach:")] == [last]
    if level == "INFO":
        assert "Traceback" not in out + err
    else:
        assert "Traceback" in err  # logged at DEBUG for the operator, redacted like the rest
    assert_no_secrets(out, err)


async def test_an_unreachable_bot_api_is_retried_until_it_answers(tmp_path: Path) -> None:
    port = free_port()
    api = FakeBotApi()
    env = bot_environment(
        TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{port}",
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/legcoach.db",
        LOG_LEVEL="DEBUG",
    )
    bot = BotProcess(env, tmp_path, tmp_path / "bot.log")
    try:
        await bot.start()
        await wait_for(
            lambda: "attempt 2 failed" in bot.log() or not bot.running,
            within=STARTUP_TIMEOUT,
            what="two failed attempts to reach the Bot API",
        )
        assert bot.running, bot.log()
        async with BotApiServer(api, port=port, token=TOKEN):
            await wait_for(
                lambda: bool(api.calls_to("deleteWebhook")) or not bot.running,
                within=STARTUP_TIMEOUT,
                what="the bot to reach the Bot API and start polling",
            )

            async def push(update: JSONDict) -> None:
                api.push_update(update)

            runner = HttpRunner(api, push, 5550010)
            await runner.send("/start")
            assert "1/6" in runner.last_text
            assert api.calls_to("setMyDescription") and api.calls_to("setMyShortDescription")
            assert await bot.terminate() == 0, bot.log()
    except BaseException:
        print(bot.log()[-5000:])
        raise
    finally:
        await bot.kill()
    log = bot.log()
    assert "start-up: the Bot API is not answering (NetworkError" in log
    assert "<token>" in log  # httpx's request lines were there, redacted
    assert "Traceback" not in log
    assert_no_secrets(log)


async def test_webhook_mode_at_debug_shows_neither_token_nor_secret(
    telegram: BotApiServer, tmp_path: Path
) -> None:
    api = telegram.api
    port = free_port()
    hook = f"http://127.0.0.1:{port}/telegram"
    env = bot_environment(
        TELEGRAM_API_BASE_URL=telegram.base_url,
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/legcoach.db",
        WEBHOOK_URL=hook,
        WEBHOOK_SECRET=SECRET,
        WEBHOOK_LISTEN="127.0.0.1",
        WEBHOOK_PORT=str(port),
        LOG_LEVEL="DEBUG",
    )
    bot = BotProcess(env, tmp_path, tmp_path / "bot.log")
    async with httpx.AsyncClient(timeout=10) as client:

        async def post(update: JSONDict) -> None:
            response = await client.post(hook, json=update, headers={SECRET_HEADER: SECRET})
            assert response.status_code == 200, response.text

        try:
            await bot.start()
            await wait_for(
                lambda: bool(api.calls_to("setWebhook")) or not bot.running,
                within=STARTUP_TIMEOUT,
                what="the webhook to be registered",
            )
            runner = HttpRunner(api, post, 5550011)
            await runner.send("/start")
            assert "1/6" in runner.last_text
            assert await bot.terminate() == 0, bot.log()
        except BaseException:
            print(bot.log()[-5000:])
            raise
        finally:
            await bot.kill()
    log = bot.log()
    assert "secret_token" in log  # PTB logged setWebhook's parameters...
    assert "<token>" in log  # ...with the secret masked
    assert_no_secrets(log)
