"""Test wiring: a real Application on a real database, with only Telegram's HTTP faked."""

from __future__ import annotations

import contextlib
import itertools
import os
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from bot.app import build_application
from bot.clock import ManualClock
from bot.config import Settings
from bot.offline import ChatDriver, FakeBotApi
from storage.base import Base
from storage.db import create_engine, create_sessionmaker

TEST_TOKEN = "123456:TEST-token-not-a-real-one-xyz"
POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
# A Wednesday morning in Berlin; tests move the clock, never sleep.
DEFAULT_NOW = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)

_user_ids = itertools.count(1001)


def new_user_id() -> int:
    return next(_user_ids)


async def create_schema(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)


def sqlite_url(directory: Any) -> str:
    return f"sqlite+aiosqlite:///{directory}/legcoach-test.db"


@asynccontextmanager
async def postgres_database() -> AsyncIterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards.

    Locally the test is skipped (with the reason) when no server answers; in CI it fails, so
    PostgreSQL coverage can never silently vanish.
    """
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"legcoach_{uuid.uuid4().hex[:12]}"
    try:
        async with admin.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
    except (OSError, Exception) as exc:  # connection refused, auth, missing database...
        await admin.dispose()
        reason = f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {exc.__class__.__name__}"
        if os.environ.get("CI"):
            pytest.fail(reason + " (CI requires PostgreSQL)")
        pytest.skip(reason)
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        async with admin.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


@dataclass
class BotHarness:
    """The real bot, started, over a fake Telegram; ``restart`` keeps database and chats."""

    engine: AsyncEngine
    clock: ManualClock
    api: FakeBotApi
    settings: Settings
    application: Any = None
    drivers: list[ChatDriver] = field(default_factory=list)

    async def start(self) -> None:
        self.application = build_application(
            self.settings,
            request=self.api,
            updates_request=self.api,
            clock=self.clock,
            engine=self.engine,
            rate_limit=False,
            token=TEST_TOKEN,
        )
        await self.application.initialize()
        await self.application.post_init(self.application)
        for driver in self.drivers:
            driver.application = self.application

    async def stop(self) -> None:
        if self.application is not None:
            await self.application.shutdown()
            await self.application.post_shutdown(self.application)
            self.application = None

    async def restart(self) -> None:
        """Like a process restart: nothing in memory survives, the database does."""
        await self.stop()
        await self.start()

    def runner(
        self, user_id: int | None = None, first_name: str = "Alex", **kwargs: Any
    ) -> ChatDriver:
        driver = ChatDriver(
            self.application, self.api, user_id or new_user_id(), first_name=first_name, **kwargs
        )
        self.drivers.append(driver)
        return driver

    def session(self) -> AsyncSession:
        return create_sessionmaker(self.engine)()


@asynccontextmanager
async def running_bot(
    url: str, clock: ManualClock | None = None, pictures_dir: Path | None = None
) -> AsyncIterator[BotHarness]:
    """The bot on ``url``. ``pictures_dir`` is where it draws its pictures (the fixtures pass
    one folder for the whole run, so each picture is drawn once); without one, a folder of
    its own, removed afterwards."""
    engine = create_engine(url)
    await create_schema(engine)
    clock = clock or ManualClock(DEFAULT_NOW)
    with contextlib.ExitStack() as stack:
        if pictures_dir is None:
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="legcoach-pictures-"))
            pictures_dir = Path(folder)
        settings = Settings(  # type: ignore[call-arg]
            database_url=url, pictures_dir=pictures_dir, _env_file=None
        )
        harness = BotHarness(
            engine=engine,
            clock=clock,
            api=FakeBotApi(now=lambda: clock.now().timestamp()),
            settings=settings,
        )
        await harness.start()
        try:
            yield harness
        finally:
            await harness.stop()
            await engine.dispose()
