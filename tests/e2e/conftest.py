"""Fixtures for the end-to-end tests: a fake Telegram served over HTTP on 127.0.0.1."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.offline import FakeBotApi
from bot.offline.http import BotApiServer
from tests.e2e.helpers import TOKEN


@pytest.fixture
async def telegram() -> AsyncIterator[BotApiServer]:
    """A fake Bot API reachable over HTTP; only the test token is accepted."""
    async with BotApiServer(FakeBotApi(), token=TOKEN) as server:
        yield server
