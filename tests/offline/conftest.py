"""Fixtures for the fake Bot API's contract tests: a fake with a still clock, a real Bot on it."""

from __future__ import annotations

import datetime as dtm
from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from bot.offline import FakeBotApi

TOKEN = "123:ABC"
START = dtm.datetime(2025, 3, 3, 7, 0, tzinfo=dtm.UTC)


class FakeClock:
    """Unix seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.value = START.timestamp()

    def __call__(self) -> float:
        return self.value


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def api(clock: FakeClock) -> FakeBotApi:
    return FakeBotApi(now=clock)


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(token=TOKEN, request=api, get_updates_request=api) as bot:
        yield bot
