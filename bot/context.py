"""Typed access to services and the per-update database session from handlers."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from telegram.ext import Application, CallbackContext, ExtBot

from bot.clock import Clock
from bot.config import Settings
from bot.dispatch.dispatcher import Dispatcher
from bot.i18n import current_language
from bot.pictures import PictureCache
from content.library import Library
from storage.fast import FastPath
from storage.runners import RunnerProfile


class UpdateSession:
    """The database session of one update, opened on first use.

    Every handler of one update shares it and its one commit; an update that never touches
    the ORM (a Done press runs its own single statement) never opens one.
    """

    __slots__ = ("_factory", "guarded", "session")

    def __init__(self, factory: async_sessionmaker[AsyncSession]) -> None:
        self._factory = factory
        self.session: AsyncSession | None = None
        # A message update: recorded as handled in this session's transaction at the end
        # (bot.redelivery), so its writes all go through this session, never the fast path.
        self.guarded = False

    def get(self) -> AsyncSession:
        if self.session is None:
            self.session = self._factory()
        return self.session

    @property
    def writing(self) -> bool:
        """Whether this update's session has a transaction open (its writes are not yet
        visible to the fast path's own connection)."""
        return self.guarded or not self.untouched

    @property
    def untouched(self) -> bool:
        """Whether nothing ran on this update's session yet: a read on the fast path's
        connection sees the same committed rows."""
        return self.session is None or not self.session.in_transaction()


# Set by LegcoachApplication.process_update for the update being processed.
current_db: ContextVar[UpdateSession | None] = ContextVar("current_db", default=None)
# Set when a handler failed, so the update's transaction is rolled back rather than committed.
update_failed: ContextVar[bool] = ContextVar("update_failed", default=False)


@dataclass(slots=True)
class Services:
    """What handlers need besides the update: wired once in ``bot.app.build_application``."""

    settings: Settings
    engine: AsyncEngine
    # A held autocommit connection for single-statement hot paths (a Done press).
    fast: FastPath
    sessionmaker: async_sessionmaker[AsyncSession]
    library: Library
    clock: Clock
    # The exercise pictures on disk (settings.pictures_dir), drawn once, sent by file_id.
    pictures: PictureCache
    # The application's reminder dispatcher; its repeating job calls ``tick``.
    dispatcher: Dispatcher


SERVICES_KEY = "legcoach.services"


def services_of(application: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    """The application's services (wired by ``bot.app.build_application``)."""
    services = application.bot_data[SERVICES_KEY]
    assert isinstance(services, Services)
    return services


class LegContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with the runner of this update and typed services."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self._runner: RunnerProfile | None = None

    @property
    def services(self) -> Services:
        services = self.application.bot_data[SERVICES_KEY]
        assert isinstance(services, Services)
        return services

    @property
    def library(self) -> Library:
        """The exercise library in the language being spoken in this update (``bot.i18n``):
        the same ids and ladders as ``services.library``, in the runner's words."""
        return self.services.library.localized(current_language())

    @property
    def db(self) -> AsyncSession:
        holder = current_db.get()
        if holder is None:
            raise RuntimeError("no database session: handlers run inside process_update")
        return holder.get()

    @property
    def db_writing(self) -> bool:
        """Whether the update's database session has a transaction open: a write that must
        see its rows goes through ``db`` then, not the fast path."""
        holder = current_db.get()
        return holder is not None and holder.writing

    @property
    def db_untouched(self) -> bool:
        """Whether nothing ran on the update's database session yet (``UpdateSession``)."""
        holder = current_db.get()
        return holder is None or holder.untouched

    @property
    def runner(self) -> RunnerProfile:
        """The runner who sent this update (loaded by the per-update handler in group -1)."""
        if self._runner is None:
            raise RuntimeError("runner not loaded for this update")
        return self._runner

    @runner.setter
    def runner(self, profile: RunnerProfile) -> None:
        self._runner = profile

    @property
    def has_runner(self) -> bool:
        return self._runner is not None
