"""The bot's own getUpdates loop (issue 11, point 5): at-least-once, then handled once.

The real Application and the real handlers run on a real database; the fake Bot API keeps
updates until a ``getUpdates`` confirms them with a higher ``offset``, as Telegram does. A
:class:`Gate` holds chosen updates inside ``process_update`` (before the handlers, or after
the commit), so "the process died while handling it" is a controlled state, not a race.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from telegram.error import InvalidToken

from bot.app import build_application
from bot.clock import ManualClock
from bot.config import Settings
from bot.lifecycle import Backoff, TokenRejected
from bot.offline import FakeBotApi
from bot.polling import UpdatePoller, serve
from bot.redelivery import concurrent_updates
from storage.models import HandledUpdate
from tests.harness import DEFAULT_NOW, TEST_TOKEN, BotHarness, sqlite_url

ALLOWED = ["message", "callback_query"]
QUICK = Backoff(initial=0.001, cap=0.01)


async def wait_for(condition: Callable[[], bool], within: float = 10.0) -> None:
    """Poll ``condition`` every 10 ms; fail if it does not hold within ``within`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"condition not met within {within} s")
        await asyncio.sleep(0.01)


def message(api: FakeBotApi, user_id: int, text: str) -> dict[str, Any]:
    """A private text message from ``user_id``, as Telegram sends it in an update."""
    payload: dict[str, Any] = {
        "message_id": api.allocate_message_id(user_id),
        "date": int(api.now()),
        "chat": {"id": user_id, "type": "private", "first_name": "Robin"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Robin"},
        "text": text,
    }
    if text.startswith("/"):
        payload["entities"] = [
            {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
        ]
    return {"message": payload}


class Gate:
    """Holds the ``held`` updates in ``process_update`` until :meth:`release`.

    ``after=False`` holds them before any handler runs; ``after=True`` once they are handled
    and committed. ``started`` lists update ids in the order their handling began.
    """

    def __init__(self, application: Any, held: Collection[int], *, after: bool = False) -> None:
        self.held = set(held)
        self.reached: set[int] = set()
        self.started: list[int] = []
        self._open = asyncio.Event()
        original = application.process_update

        async def process_update(update: Any) -> None:
            self.started.append(update.update_id)
            if not after:
                await self._hold(update.update_id)
            await original(update)
            if after:
                await self._hold(update.update_id)

        application.process_update = process_update

    async def _hold(self, update_id: int) -> None:
        if update_id in self.held:
            self.reached.add(update_id)
            await self._open.wait()

    def release(self) -> None:
        self._open.set()


class Polling:
    """An :class:`UpdatePoller` running in a task, stopped or "killed" by the test."""

    def __init__(self, bot: BotHarness, **options: Any) -> None:
        options.setdefault("backoff", QUICK)
        options.setdefault("recheck", 0.02)
        options.setdefault("poll_timeout", 1)
        self.poller = UpdatePoller(bot.application, allowed_updates=ALLOWED, **options)
        self.stop = asyncio.Event()
        self.task = asyncio.create_task(self.poller.run(self.stop))

    async def stop_cleanly(self) -> None:
        self.stop.set()
        await asyncio.wait_for(self.task, 10)

    async def crash(self) -> None:
        """Like kill -9 for the update in hand: cancelled, nothing confirmed afterwards."""
        self.poller.drain_timeout = 0
        self.task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await self.task


def offsets(api: FakeBotApi) -> list[int | None]:
    return [call.params.get("offset") for call in api.calls_to("getUpdates")]


async def pending_at_telegram(bot: BotHarness) -> int:
    info = await bot.application.bot.get_webhook_info()
    return int(info.pending_update_count)


async def test_an_update_is_confirmed_only_after_it_is_handled(bot: BotHarness) -> None:
    update_id = bot.api.push_update(message(bot.api, 5001, "/start"))
    gate = Gate(bot.application, {update_id})
    polling = Polling(bot)
    await wait_for(lambda: update_id in gate.reached)
    # Meanwhile the loop keeps asking, never past the update in hand.
    calls = len(offsets(bot.api))
    await wait_for(lambda: len(offsets(bot.api)) > calls + 1)
    assert all(offset is None or offset <= update_id for offset in offsets(bot.api))
    assert polling.poller.offset == update_id
    assert await pending_at_telegram(bot) == 1

    gate.release()
    await wait_for(lambda: update_id + 1 in offsets(bot.api))
    assert "1/6" in bot.api.last_message(5001).plain_text
    assert await pending_at_telegram(bot) == 0
    await polling.stop_cleanly()


async def test_an_update_in_hand_at_a_crash_comes_again_and_is_handled_once(
    bot: BotHarness,
) -> None:
    update_id = bot.api.push_update(message(bot.api, 5002, "/start"))
    gate = Gate(bot.application, {update_id})
    polling = Polling(bot)
    await wait_for(lambda: update_id in gate.reached)
    await polling.crash()
    assert bot.api.messages(5002) == []  # never handled

    await bot.restart()
    polling = Polling(bot)
    await wait_for(lambda: update_id + 1 in offsets(bot.api))
    texts = bot.api.texts(5002)
    assert sum("1/6" in text for text in texts) == 1, texts
    await polling.stop_cleanly()
    async with bot.session() as db:
        assert list(await db.scalars(select(HandledUpdate.update_id))) == [update_id]


async def test_an_update_handled_but_not_confirmed_at_a_crash_is_skipped_when_it_comes_again(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    update_id = bot.api.push_update(message(bot.api, 5003, "/start"))
    gate = Gate(bot.application, {update_id}, after=True)  # held after the commit
    polling = Polling(bot)
    await wait_for(lambda: update_id in gate.reached)
    await polling.crash()
    replies = bot.api.texts(5003)
    assert "1/6" in replies[-1]
    assert await pending_at_telegram(bot) == 1  # Telegram will send it again

    await bot.restart()
    with caplog.at_level(logging.INFO, logger="bot.app"):
        polling = Polling(bot)
        await wait_for(lambda: update_id + 1 in offsets(bot.api))
        await polling.stop_cleanly()
    assert bot.api.texts(5003) == replies  # not answered twice
    assert f"update {update_id} was handled before; skipped" in caplog.text


async def test_chats_are_handled_side_by_side_and_each_chat_in_order(bot: BotHarness) -> None:
    first_a = bot.api.push_update(message(bot.api, 5004, "/start"))
    second_a = bot.api.push_update(message(bot.api, 5004, "/help"))
    only_b = bot.api.push_update(message(bot.api, 5005, "/start"))
    gate = Gate(bot.application, {first_a})
    polling = Polling(bot)
    await wait_for(lambda: bool(bot.api.messages(5005)))  # B is not kept waiting by A
    await wait_for(lambda: len(offsets(bot.api)) > 2)
    assert second_a not in gate.started  # A's second waits for A's first
    assert polling.poller.offset == first_a
    assert max(offset or 0 for offset in offsets(bot.api)) <= first_a

    gate.release()
    await wait_for(lambda: only_b + 1 in offsets(bot.api))
    assert gate.started.index(second_a) > gate.started.index(first_a)
    assert any("What I can do" in text for text in bot.api.texts(5004))
    await polling.stop_cleanly()


async def test_a_stop_finishes_the_update_in_hand_and_confirms_it(bot: BotHarness) -> None:
    update_id = bot.api.push_update(message(bot.api, 5006, "/start"))
    gate = Gate(bot.application, {update_id})
    polling = Polling(bot)
    await wait_for(lambda: update_id in gate.reached)
    polling.stop.set()
    await wait_for(lambda: len(polling.poller._workers) == 1 and not polling.task.done())
    gate.release()
    await asyncio.wait_for(polling.task, 10)
    assert "1/6" in bot.api.last_message(5006).plain_text
    last = bot.api.calls_to("getUpdates")[-1].params
    assert last["offset"] == update_id + 1 and last["timeout"] == 0
    assert await pending_at_telegram(bot) == 0


@pytest.mark.parametrize(
    "fault", ["500", "timeout", "429", "409"], ids=["5xx", "timeout", "flood", "conflict"]
)
async def test_polling_rides_out_bot_api_failures(
    bot: BotHarness, caplog: pytest.LogCaptureFixture, fault: str
) -> None:
    if fault == "409":
        bot.api.webhook_url = "https://elsewhere.example.org/hook"  # getUpdates answers 409
    else:
        bot.api.fail_next("getUpdates", fault, times=3, retry_after=0)  # type: ignore[arg-type]
    bot.api.push_update(message(bot.api, 5007, "/start"))
    with caplog.at_level(logging.WARNING, logger="bot.polling"):
        polling = Polling(bot)
        await wait_for(lambda: len(caplog.records) >= 3)
        bot.api.webhook_url = ""
        await wait_for(lambda: bool(bot.api.messages(5007)))
        await polling.stop_cleanly()
    assert "1/6" in bot.api.last_message(5007).plain_text
    expected = "409 Conflict" if fault == "409" else "getUpdates failed"
    assert all(expected in record.getMessage() for record in caplog.records)


async def test_a_token_revoked_while_polling_stops_with_the_rejection(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer = bot.api.do_request

    async def revoked(url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        if url.endswith("getUpdates"):
            return 401, b'{"ok": false, "error_code": 401, "description": "Unauthorized"}'
        return await answer(url, *args, **kwargs)

    monkeypatch.setattr(bot.api, "do_request", revoked)
    polling = Polling(bot)
    with pytest.raises(TokenRejected, match="401 Unauthorized") as caught:
        await asyncio.wait_for(polling.task, 10)
    assert TEST_TOKEN not in str(caught.value)
    assert isinstance(caught.value.__context__, InvalidToken)


async def test_a_failure_outside_the_handlers_is_retried_then_the_update_is_handled(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    original = bot.application.process_update
    failures = [ConnectionError("database went away")]

    async def flaky(update: Any) -> None:
        if failures:
            raise failures.pop()
        await original(update)

    bot.application.process_update = flaky
    update_id = bot.api.push_update(message(bot.api, 5008, "/start"))
    with caplog.at_level(logging.WARNING, logger="bot.redelivery"):
        polling = Polling(bot)
        await wait_for(lambda: update_id + 1 in offsets(bot.api))
        await polling.stop_cleanly()
    assert "1/6" in bot.api.last_message(5008).plain_text
    assert f"update {update_id} could not be handled (ConnectionError" in caplog.text


def polling_settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, database_url=sqlite_url(tmp_path))  # type: ignore[call-arg]


async def test_serve_retries_an_unreachable_bot_api_then_polls_with_the_scheduler(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.cli import migrate

    settings = polling_settings(tmp_path)
    await migrate(settings)
    clock = ManualClock(DEFAULT_NOW)
    api = FakeBotApi(now=lambda: clock.now().timestamp())
    api.fail_next("getMe", "500")
    api.fail_next("getMe", "timeout")
    api.fail_next("deleteWebhook", "429", retry_after=1)
    api.webhook_url = "https://old.example.org/hook"  # left over from webhook mode
    application = build_application(
        settings, request=api, updates_request=api, clock=clock, rate_limit=False, token=TEST_TOKEN
    )
    api.push_update(message(api, 5009, "/start"))
    stop = asyncio.Event()
    with caplog.at_level(logging.WARNING, logger="legcoach"):
        task = asyncio.create_task(
            serve(application, settings, allowed_updates=ALLOWED, stop=stop, backoff=QUICK)
        )
        try:
            await wait_for(lambda: bool(api.messages(5009)) or task.done())
            assert application.running and application.job_queue.scheduler.running
            assert api.webhook_url == ""
            assert api.calls_to("setMyDescription") and api.calls_to("setMyShortDescription")
        finally:
            stop.set()
            await asyncio.wait_for(task, 10)
    attempts = [r.getMessage() for r in caplog.records if "attempt" in r.getMessage()]
    assert len(attempts) == 3, attempts
    assert "attempt 1 failed" in attempts[0] and "NetworkError" in attempts[0]
    assert "TimedOut" in attempts[1] and "RetryAfter" in attempts[2]
    assert not application.running


async def test_serve_stops_at_once_on_a_rejected_token(tmp_path: Path) -> None:
    settings = polling_settings(tmp_path)
    api = FakeBotApi()
    answer = api.do_request
    asked: list[str] = []

    async def unauthorized(url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        asked.append(url.rsplit("/", 1)[-1])
        if url.endswith("getMe"):
            return 401, b'{"ok": false, "error_code": 401, "description": "Unauthorized"}'
        return await answer(url, *args, **kwargs)

    api.do_request = unauthorized  # type: ignore[method-assign]
    application = build_application(
        settings, request=api, updates_request=api, rate_limit=False, token=TEST_TOKEN
    )
    with pytest.raises(TokenRejected) as caught:
        await serve(application, settings, allowed_updates=ALLOWED, stop=asyncio.Event())
    assert str(caught.value) == (
        "Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized): check the token from @BotFather"
    )
    assert asked == ["getMe"] and not application.running  # not retried


async def test_at_most_the_database_s_share_of_updates_run_at_once(bot: BotHarness) -> None:
    """SQLite has one writer: 4 updates at a time (PostgreSQL: 12, within its pool)."""
    assert concurrent_updates(bot.application) == 4
    chats = range(5101, 5107)
    ids = [bot.api.push_update(message(bot.api, chat, "/start")) for chat in chats]
    gate = Gate(bot.application, set(ids))
    polling = Polling(bot)
    await wait_for(lambda: len(gate.reached) == 4)
    calls = len(offsets(bot.api))
    await wait_for(lambda: len(offsets(bot.api)) > calls + 3)  # a few more rounds
    assert len(gate.started) == 4
    gate.release()
    await wait_for(lambda: ids[-1] + 1 in offsets(bot.api))
    assert all(bot.api.messages(chat) for chat in chats)
    await polling.stop_cleanly()


async def test_postgresql_handles_more_updates_at_once(pg_bot: BotHarness) -> None:
    assert concurrent_updates(pg_bot.application) == 12
