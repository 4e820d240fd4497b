"""Media repository: the Telegram file_id of each picture, so each is uploaded once per bot.

Telegram answers an upload with a ``file_id`` that this bot may send again without the bytes.
The first upload of a picture stores it; every later send reuses it. Two runners asking at
once may both upload: the first row stored wins (``save_file_id`` never fails on the unique
key, on SQLite or PostgreSQL) and both ids stay valid. Never commits: the caller does.
"""

from __future__ import annotations

from enum import StrEnum
from typing import cast

from sqlalchemy import Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import MediaFile

_MEDIA = cast(Table, MediaFile.__table__)


class MediaKind(StrEnum):
    """How a picture is sent: the Bot API method, and so the kind of file_id it returns."""

    PHOTO = "photo"  # sendPhoto: the two-panel PNG
    ANIMATION = "animation"  # sendAnimation: the looping GIF


async def get_file_id(db: AsyncSession, key: str, kind: MediaKind) -> str | None:
    """The file_id stored for this picture and kind, or None before its first upload."""
    return await db.scalar(
        select(MediaFile.file_id).where(MediaFile.key == key, MediaFile.kind == kind.value)
    )


async def save_file_id(db: AsyncSession, key: str, kind: MediaKind, file_id: str) -> str:
    """Store the file_id of a first upload unless one is stored already; return the stored one.

    An ``INSERT ... ON CONFLICT DO NOTHING``, so a concurrent upload of the same picture
    neither fails nor replaces the id the other process may already be sending.
    """
    insert = postgresql.insert if db.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(_MEDIA)
        .values(key=key, kind=kind.value, file_id=file_id)
        .on_conflict_do_nothing(index_elements=["key", "kind"])
    )
    await db.execute(statement)
    stored = await get_file_id(db, key, kind)
    return stored if stored is not None else file_id


async def forget_file_id(db: AsyncSession, key: str, kind: MediaKind, file_id: str) -> None:
    """Drop a file_id Telegram no longer accepts, so the next send uploads afresh.

    Only that id is dropped: if another process stored a newer one meanwhile, it stays.
    """
    await db.execute(
        delete(MediaFile).where(
            MediaFile.key == key, MediaFile.kind == kind.value, MediaFile.file_id == file_id
        )
    )
