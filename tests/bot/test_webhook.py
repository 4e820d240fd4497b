"""Webhook mode in-process (issue 7): the secret check, /healthz, and serve()'s lifecycle."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import create_async_engine

from bot.app import build_application
from bot.clock import ManualClock
from bot.config import Settings
from bot.flows import setup
from bot.offline import FakeBotApi
from bot.webhook import SECRET_HEADER, WebhookServer, make_web_app, serve, webhook_path
from tests.harness import DEFAULT_NOW, TEST_TOKEN, BotHarness, sqlite_url

SECRET = "s3cret-Token_value"


def start_update(update_id: int = 1, user_id: int = 4242) -> dict[str, Any]:
    user = {"id": user_id, "is_bot": False, "first_name": "Wes"}
    return {
        "update_id": update_id,
        "message": {
            "message_id": 1,
            "date": int(DEFAULT_NOW.timestamp()),
            "chat": {"id": user_id, "type": "private", "first_name": "Wes"},
            "from": user,
            "text": "/start",
            "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
        },
    }


@pytest.fixture
async def web(bot: BotHarness) -> AsyncIterator[str]:
    """The webhook server in front of the test bot; yields its base URL."""
    server = WebhookServer(make_web_app(bot.application, secret=SECRET, path="/telegram"))
    server.start("127.0.0.1", 0)
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        await server.stop()


async def wait_for(condition: Callable[[], bool], within: float = 10.0) -> None:
    """Poll ``condition`` until it holds; fail after ``within`` seconds."""
    deadline = asyncio.get_running_loop().time() + within
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {within} s")
        await asyncio.sleep(0.02)


@pytest.mark.parametrize("headers", [{}, {SECRET_HEADER: "wrong"}, {SECRET_HEADER: ""}])
async def test_a_request_without_the_right_secret_is_refused(
    bot: BotHarness, web: str, headers: dict[str, str]
) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{web}/telegram", json=start_update(), headers=headers)
    assert response.status_code == 403
    assert bot.application.update_queue.empty()


async def test_the_right_secret_gets_the_update_handled_before_the_answer(
    bot: BotHarness, web: str
) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"{web}/telegram", json=start_update(7), headers={SECRET_HEADER: SECRET}
        )
    assert response.status_code == 200
    # Handled and committed by the time Telegram gets its 200: nothing left in a queue.
    assert "1/6" in bot.api.last_message(4242).plain_text
    assert bot.application.update_queue.empty()


async def test_the_same_update_posted_twice_is_answered_once(bot: BotHarness, web: str) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(2):
            response = await client.post(
                f"{web}/telegram", json=start_update(8), headers={SECRET_HEADER: SECRET}
            )
            assert response.status_code == 200
    assert sum("1/6" in text for text in bot.api.texts(4242)) == 1


async def test_a_failed_handler_still_gets_200(
    bot: BotHarness, web: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def fails(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("the handler fails")

    monkeypatch.setattr(setup, "start", fails)
    async with httpx.AsyncClient() as client:
        response = await client.post(
            f"{web}/telegram", json=start_update(9), headers={SECRET_HEADER: SECRET}
        )
    assert response.status_code == 200  # Telegram must not send it again and again
    assert "something went wrong" in bot.api.last_message(4242).plain_text


async def test_a_failure_outside_the_handlers_is_retried_and_still_answered_200(
    bot: BotHarness, web: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("bot.webhook.RETRY_FIRST_DELAY", 0.001)
    original = bot.application.process_update
    calls: list[int] = []

    async def database_away(update: Any) -> None:
        calls.append(update.update_id)
        if update.update_id == 10 and len(calls) == 1:
            raise ConnectionError("the database went away")  # once, then it is back
        if update.update_id == 11:
            raise ConnectionError("the database is gone")
        await original(update)

    bot.application.process_update = database_away
    async with httpx.AsyncClient() as client:
        recovered = await client.post(
            f"{web}/telegram", json=start_update(10), headers={SECRET_HEADER: SECRET}
        )
        given_up = await client.post(
            f"{web}/telegram", json=start_update(11, user_id=4343), headers={SECRET_HEADER: SECRET}
        )
    assert (recovered.status_code, given_up.status_code) == (200, 200)
    assert calls == [10, 10, 11, 11, 11]
    assert "1/6" in bot.api.last_message(4242).plain_text


async def test_while_stopping_new_updates_get_503_and_come_back_later(bot: BotHarness) -> None:
    server = WebhookServer(make_web_app(bot.application, secret=SECRET, path="/telegram"))
    server.start("127.0.0.1", 0)
    server.in_flight.closing = True  # what stop() does first
    try:
        async with httpx.AsyncClient() as client:
            response = await client.post(
                f"http://127.0.0.1:{server.port}/telegram",
                json=start_update(12),
                headers={SECRET_HEADER: SECRET},
            )
    finally:
        await server.stop()
    assert response.status_code == 503
    assert bot.api.messages(4242) == []


async def test_garbage_is_a_bad_request_and_get_is_not_allowed(bot: BotHarness, web: str) -> None:
    async with httpx.AsyncClient() as client:
        headers = {SECRET_HEADER: SECRET}
        bad = await client.post(f"{web}/telegram", content=b"{nope", headers=headers)
        array = await client.post(f"{web}/telegram", content=b"[1, 2]", headers=headers)
        get = await client.get(f"{web}/telegram")
        other = await client.post(f"{web}/elsewhere", json={}, headers=headers)
    assert bad.status_code == array.status_code == 400
    assert get.status_code == 405
    assert other.status_code == 404
    assert bot.application.update_queue.empty()


async def test_healthz_is_ok_when_the_database_answers(web: str) -> None:
    async with httpx.AsyncClient() as client:
        response = await client.get(f"{web}/healthz")
        head = await client.head(f"{web}/healthz")
    assert response.status_code == 200 and head.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_healthz_is_503_when_the_database_does_not_answer(
    bot: BotHarness, tmp_path: Path
) -> None:
    broken = create_async_engine(f"sqlite+aiosqlite:///{tmp_path}/missing/dir/db.sqlite")
    server = WebhookServer(make_web_app(bot.application, secret=SECRET, engine=broken))
    server.start("127.0.0.1", 0)
    try:
        async with httpx.AsyncClient() as client:
            response = await client.get(f"http://127.0.0.1:{server.port}/healthz")
    finally:
        await server.stop()
        await broken.dispose()
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}


def test_the_webhook_path_comes_from_the_url() -> None:
    assert webhook_path("https://bot.example.org/telegram") == "/telegram"
    assert webhook_path("https://bot.example.org/hooks/legcoach/") == "/hooks/legcoach"
    assert webhook_path("https://bot.example.org") == "/telegram"


def test_a_webhook_without_a_secret_is_refused(bot: BotHarness) -> None:
    with pytest.raises(ValueError, match="secret"):
        make_web_app(bot.application, secret="")


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_serve_registers_the_webhook_handles_updates_and_stops(
    tmp_path: Path, pictures_dir: Path
) -> None:
    port = free_port()
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=sqlite_url(tmp_path),
        pictures_dir=pictures_dir,
        webhook_url=f"http://127.0.0.1:{port}/hook",
        webhook_secret=SecretStr(SECRET),
        webhook_listen="127.0.0.1",
        webhook_port=port,
    )
    from bot.cli import migrate

    await migrate(settings)
    clock = ManualClock(DEFAULT_NOW)
    api = FakeBotApi(now=lambda: clock.now().timestamp())
    application = build_application(
        settings, request=api, updates_request=api, clock=clock, rate_limit=False, token=TEST_TOKEN
    )
    stop = asyncio.Event()
    task = asyncio.create_task(
        serve(application, settings, allowed_updates=["message"], stop=stop)
    )
    try:
        await wait_for(lambda: bool(api.calls_to("setWebhook")) or task.done())
        registered = api.calls_to("setWebhook")[0].params
        assert registered["url"] == settings.webhook_url
        assert registered["secret_token"] == SECRET
        assert registered["allowed_updates"] == ["message"]
        assert api.commands()  # post_init ran
        async with httpx.AsyncClient() as client:
            url = f"http://127.0.0.1:{port}/hook"
            refused = await client.post(url, json=start_update())
            accepted = await client.post(
                url, content=json.dumps(start_update()), headers={SECRET_HEADER: SECRET}
            )
            health = await client.get(f"http://127.0.0.1:{port}/healthz")
        assert (refused.status_code, accepted.status_code, health.status_code) == (403, 200, 200)
        await wait_for(lambda: bool(api.messages(4242)))
        assert "legcoach" in api.messages(4242)[0].plain_text
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
    assert not application.running
    with pytest.raises(httpx.ConnectError):
        async with httpx.AsyncClient() as client:
            await client.get(f"http://127.0.0.1:{port}/healthz")


async def test_a_stop_answers_the_update_in_hand_before_shutting_down(tmp_path: Path) -> None:
    port = free_port()
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=sqlite_url(tmp_path),
        webhook_url=f"http://127.0.0.1:{port}/hook",
        webhook_secret=SecretStr(SECRET),
        webhook_listen="127.0.0.1",
        webhook_port=port,
    )
    from bot.cli import migrate

    await migrate(settings)
    api = FakeBotApi()
    application = build_application(
        settings, request=api, updates_request=api, rate_limit=False, token=TEST_TOKEN
    )
    original = application.process_update
    entered, release = asyncio.Event(), asyncio.Event()

    async def slow(update: Any) -> None:
        entered.set()
        await release.wait()
        await original(update)

    application.process_update = slow  # type: ignore[method-assign]
    stop = asyncio.Event()
    task = asyncio.create_task(
        serve(application, settings, allowed_updates=["message"], stop=stop)
    )
    url = f"http://127.0.0.1:{port}/hook"
    headers = {SECRET_HEADER: SECRET}
    try:
        await wait_for(lambda: bool(api.calls_to("setWebhook")) or task.done())
        async with httpx.AsyncClient() as client:
            in_hand = asyncio.create_task(client.post(url, json=start_update(1), headers=headers))
            await entered.wait()
            stop.set()
            await wait_for(lambda: not listening(port))  # the server has begun to stop
            assert application.running  # not stopped under the update in hand
            release.set()
            assert (await in_hand).status_code == 200
    finally:
        stop.set()
        release.set()
        await asyncio.wait_for(task, 10)
    assert "1/6" in api.last_message(4242).plain_text
    assert not application.running
