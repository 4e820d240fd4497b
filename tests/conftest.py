"""Shared fixtures: a fresh database per test, and the real bot over a fake Telegram."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import ManualClock
from tests.harness import DEFAULT_NOW, BotHarness, postgres_database, running_bot, sqlite_url


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(DEFAULT_NOW)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh empty database URL: SQLite, and the real PostgreSQL server."""
    if request.param == "sqlite":
        yield sqlite_url(tmp_path)
    else:
        async with postgres_database() as url:
            yield url


@pytest.fixture(scope="session")
def pictures_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One pictures folder for the whole run, never the repository's: each picture is drawn
    once, by the first test that needs it (or a bot drawing in the background at start-up),
    and found on disk by every later test."""
    return tmp_path_factory.mktemp("pictures")


@pytest.fixture
async def bot(tmp_path: Path, clock: ManualClock, pictures_dir: Path) -> AsyncIterator[BotHarness]:
    """The real bot on a fresh SQLite database."""
    async with running_bot(sqlite_url(tmp_path), clock, pictures_dir) as harness:
        yield harness


@pytest.fixture
async def pg_bot(clock: ManualClock, pictures_dir: Path) -> AsyncIterator[BotHarness]:
    """The real bot on a fresh PostgreSQL database."""
    async with postgres_database() as url, running_bot(url, clock, pictures_dir) as harness:
        yield harness
