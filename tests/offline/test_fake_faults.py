"""Injected faults: each kind as PTB sees it, both timeout flavours, the seeded random mode."""

from __future__ import annotations

import contextlib
import datetime as dtm

import pytest
from telegram import Bot
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.request import HTTPXRequest

from bot.offline import FakeBotApi, Fault
from bot.offline.http import BotApiServer
from tests.offline.conftest import TOKEN


async def test_a_random_429_carries_retry_after_like_telegram(
    bot: Bot, api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    api.inject_faults(rate=1.0, kinds=("429",), seed=1, retry_after=3)

    with pytest.raises(RetryAfter) as error:
        await bot.send_message(7, "hi")

    assert error.value.retry_after == dtm.timedelta(seconds=3)
    call = api.calls_to("sendMessage")[0]
    assert (call.status, call.fault, call.faulted, call.performed) == (
        429,
        Fault.TOO_MANY_REQUESTS,
        True,
        False,
    )
    assert call.description == "Too Many Requests: retry after 3"
    assert api.messages(7) == []
    assert api.faults_injected == 1


async def test_a_random_5xx_is_a_500_or_502_envelope_and_a_network_error(
    bot: Bot, api: FakeBotApi
) -> None:
    api.inject_faults(rate=1.0, kinds=("5xx",), seed=3, methods={"sendMessage"})

    seen: dict[int | None, str] = {}
    for _ in range(12):
        with pytest.raises(NetworkError) as error:
            await bot.send_message(7, "hi")
        assert not isinstance(error.value, TimedOut)
        seen[api.calls[-1].status] = str(error.value)

    assert seen == {500: "Internal Server Error", 502: "Bad Gateway"}
    assert {call.fault for call in api.calls_to("sendMessage")} == {
        Fault.SERVER_ERROR,
        Fault.BAD_GATEWAY,
    }
    assert api.messages(7) == []


async def test_a_network_fault_raises_network_error_and_nothing_reaches_telegram(
    bot: Bot, api: FakeBotApi
) -> None:
    api.inject_faults(rate=1.0, kinds=("network",), seed=0)

    with pytest.raises(NetworkError, match="ConnectError") as error:
        await bot.send_message(7, "hi")

    assert type(error.value) is NetworkError
    call = api.calls[-1]
    assert (call.method, call.status, call.fault, call.performed) == (
        "sendMessage",
        None,
        Fault.NETWORK,
        False,
    )
    assert api.messages(7) == []


async def test_a_timeout_before_telegram_acted_changes_nothing(bot: Bot, api: FakeBotApi) -> None:
    api.fail_next("sendMessage", "timeout")

    with pytest.raises(TimedOut):
        await bot.send_message(7, "hi")

    assert api.messages(7) == []
    call = api.calls[-1]
    assert (call.status, call.fault, call.performed) == (None, Fault.TIMEOUT, False)


async def test_a_timeout_after_telegram_acted_keeps_the_message_but_raises(
    bot: Bot, api: FakeBotApi
) -> None:
    api.fail_next("sendMessage", "timeout-after")

    with pytest.raises(TimedOut):
        await bot.send_message(7, "Leg day!")

    # The client saw a timeout, yet the user got the message: a blind retry sends it twice.
    assert api.texts(7) == ["Leg day!"]
    call = api.calls[-1]
    assert (call.ok, call.status, call.fault, call.performed) == (
        False,
        None,
        Fault.TIMEOUT_AFTER,
        True,
    )
    await bot.send_message(7, "Leg day!")
    assert api.texts(7) == ["Leg day!", "Leg day!"]


async def test_a_timeout_after_an_edit_makes_the_retry_not_modified(
    bot: Bot, api: FakeBotApi
) -> None:
    sent = await bot.send_message(7, "Set 1 of 3")
    api.fail_next("editMessageText", "timeout-after")

    with pytest.raises(TimedOut):
        await bot.edit_message_text("Set 2 of 3", chat_id=7, message_id=sent.message_id)
    assert api.texts(7) == ["Set 2 of 3"]
    with pytest.raises(BadRequest, match=r"^Message is not modified"):
        await bot.edit_message_text("Set 2 of 3", chat_id=7, message_id=sent.message_id)


async def test_a_timeout_after_a_refused_call_is_still_not_performed(
    bot: Bot, api: FakeBotApi
) -> None:
    api.fail_next("editMessageText", "timeout-after")

    with pytest.raises(TimedOut):
        await bot.edit_message_text("x", chat_id=7, message_id=99)

    call = api.calls[-1]
    assert (call.fault, call.performed) == (Fault.TIMEOUT_AFTER, False)
    assert call.description is not None and "message to edit not found" in call.description


async def test_random_timeouts_come_in_both_flavours_and_only_after_ones_deliver(
    bot: Bot, api: FakeBotApi
) -> None:
    api.inject_faults(rate=1.0, kinds=("timeout",), seed=7)

    for number in range(20):
        with pytest.raises(TimedOut):
            await bot.send_message(7, f"message {number}")

    calls = api.calls_to("sendMessage")
    flavours = [call.fault for call in calls]
    assert set(flavours) == {Fault.TIMEOUT, Fault.TIMEOUT_AFTER}
    delivered = [f"message {n}" for n, call in enumerate(calls) if call.performed]
    assert api.texts(7) == delivered
    assert len(delivered) == flavours.count(Fault.TIMEOUT_AFTER)


async def test_the_same_seed_gives_the_same_faults() -> None:
    async def run(seed: int) -> list[Fault | None]:
        api = FakeBotApi()
        api.inject_faults(rate=0.3, seed=seed)
        async with Bot(TOKEN, request=api, get_updates_request=api) as bot:
            for _ in range(40):
                with contextlib.suppress(TelegramError):
                    await bot.send_message(7, "hi")
        return [call.fault for call in api.calls_to("sendMessage")]

    first, again, other = await run(5), await run(5), await run(6)

    assert first == again
    assert first != other
    assert any(first)


async def test_the_rate_is_honoured_and_every_fault_is_counted_and_visible(
    bot: Bot, api: FakeBotApi
) -> None:
    api.inject_faults(rate=0.1, kinds=("5xx",), seed=11)

    for _ in range(300):
        with contextlib.suppress(NetworkError):
            await bot.send_chat_action(7, "typing")

    faulted = [call for call in api.calls_to("sendChatAction") if call.faulted]
    assert 15 <= len(faulted) <= 50  # 30 expected
    assert api.faults_injected == len(faulted)


async def test_start_up_and_polling_methods_are_spared_unless_named(
    bot: Bot, api: FakeBotApi
) -> None:
    api.inject_faults(rate=1.0, seed=0)

    await bot.get_me()
    await bot.set_webhook("https://example.org/hook")
    await bot.delete_webhook()
    await bot.get_updates()
    assert api.faults_injected == 0

    api.inject_faults(rate=1.0, kinds=("5xx",), seed=0, methods={"getMe"})
    with pytest.raises(NetworkError):
        await bot.get_me()
    await bot.send_message(7, "not named, not faulted")
    assert api.faults_injected == 1


async def test_faults_stop_on_request_or_when_the_block_ends(bot: Bot, api: FakeBotApi) -> None:
    with api.inject_faults(rate=1.0, kinds=("network",)) as plan, pytest.raises(NetworkError):
        await bot.send_message(7, "lost")
    await bot.send_message(7, "after the block")

    api.inject_faults(rate=1.0, kinds=("network",))
    api.stop_faults()
    await bot.send_message(7, "after stop")

    assert plan.injected == 1
    assert api.texts(7) == ["after the block", "after stop"]


async def test_queued_faults_strike_before_the_random_plan(bot: Bot, api: FakeBotApi) -> None:
    api.inject_faults(rate=1.0, kinds=("network",))
    api.fail_next("sendMessage", "403")

    with pytest.raises(Forbidden, match="blocked"):
        await bot.send_message(7, "hi")
    with pytest.raises(NetworkError, match="ConnectError"):
        await bot.send_message(7, "hi")

    assert [call.fault for call in api.calls_to("sendMessage")] == [
        Fault.FORBIDDEN,
        Fault.NETWORK,
    ]
    assert api.faults_injected == 2


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [({"rate": 1.5}, "rate"), ({"kinds": ()}, "kinds"), ({"kinds": ("418",)}, "kinds")],
)
def test_a_nonsense_plan_is_refused(kwargs: dict[str, object], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        FakeBotApi().inject_faults(**kwargs)  # type: ignore[arg-type]


async def test_over_http_a_network_fault_drops_the_connection() -> None:
    api = FakeBotApi()
    async with BotApiServer(api, token=TOKEN) as server:
        request = HTTPXRequest(connection_pool_size=2)
        async with Bot(TOKEN, base_url=f"{server.base_url}/bot", request=request) as bot:
            api.fail_next("sendMessage", "network")
            with pytest.raises(NetworkError):
                await bot.send_message(7, "lost")
            api.fail_next("sendMessage", "timeout-after")
            with pytest.raises(NetworkError):
                await bot.send_message(7, "delivered")

    assert api.texts(7) == ["delivered"]
