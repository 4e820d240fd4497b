"""Who is talking: the runner behind an update, created on first contact."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from storage import runners
from storage.fast import FastPath
from storage.runners import RunnerProfile


async def load_or_create(
    db: AsyncSession,
    fast: FastPath | None,
    *,
    telegram_user_id: int,
    chat_id: int,
    first_name: str,
    username: str | None,
    language: str | None,
) -> RunnerProfile:
    """The runner for this Telegram user. Two first updates of a new user at once (two taps,
    two instances) both get the one row: creation is an insert that ignores the unique key
    taken by the other (storage.runners.get_or_create).

    With ``fast`` (nothing ran on ``db`` yet), a runner whose row needs no write is read in
    one round trip on the fast path instead."""
    profile, _created = await runners.get_or_create(
        db,
        fast=fast,
        telegram_user_id=telegram_user_id,
        chat_id=chat_id,
        first_name=first_name,
        username=username,
        language=language,
    )
    return profile


async def blocked(db: AsyncSession, chat_id: int, is_blocked: bool) -> None:
    """The runner blocked (or unblocked) the bot: reminders stop until they /start again."""
    await runners.mark_blocked(db, chat_id, is_blocked)
