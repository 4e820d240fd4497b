"""The media repository on SQLite and PostgreSQL, on the migrated schema (not create_all)."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from storage import media, migrate
from storage.db import create_engine, create_sessionmaker
from storage.media import MediaKind
from storage.models import MediaFile


async def test_file_ids_are_stored_per_picture_and_kind_and_read_back(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        await migrate.upgrade(engine)
        async with create_sessionmaker(engine)() as db:
            assert await media.get_file_id(db, "squat.abc", MediaKind.PHOTO) is None
            stored = await media.save_file_id(db, "squat.abc", MediaKind.PHOTO, "AgAD-photo")
            await media.save_file_id(db, "squat.abc", MediaKind.ANIMATION, "CgAD-anim")
            await media.save_file_id(db, "lunge.def", MediaKind.PHOTO, "AgAD-lunge")
            await db.commit()
        assert stored == "AgAD-photo"
        async with create_sessionmaker(engine)() as db:
            assert await media.get_file_id(db, "squat.abc", MediaKind.PHOTO) == "AgAD-photo"
            assert await media.get_file_id(db, "squat.abc", MediaKind.ANIMATION) == "CgAD-anim"
            assert await media.get_file_id(db, "lunge.def", MediaKind.PHOTO) == "AgAD-lunge"
            assert await media.get_file_id(db, "lunge.def", MediaKind.ANIMATION) is None
    finally:
        await engine.dispose()


async def test_the_first_upload_wins_and_a_second_save_never_fails(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        await migrate.upgrade(engine)
        sessions = create_sessionmaker(engine)
        async with sessions() as db:
            await media.save_file_id(db, "squat.abc", MediaKind.PHOTO, "first")
            await db.commit()
        async with sessions() as db:
            # a second process uploaded the same picture meanwhile: no error, first id kept
            kept = await media.save_file_id(db, "squat.abc", MediaKind.PHOTO, "second")
            assert kept == "first"
            await db.commit()
        async with sessions() as db:
            count = await db.scalar(select(func.count()).select_from(MediaFile))
            assert count == 1
            assert await media.get_file_id(db, "squat.abc", MediaKind.PHOTO) == "first"
    finally:
        await engine.dispose()


async def test_two_sessions_saving_at_once_both_succeed_with_one_row(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        await migrate.upgrade(engine)
        sessions = create_sessionmaker(engine)

        async def save(file_id: str) -> str:
            async with sessions() as db:
                stored = await media.save_file_id(db, "race.key", MediaKind.ANIMATION, file_id)
                await db.commit()
                return stored

        results = await asyncio.gather(save("one"), save("two"))
        async with sessions() as db:
            final = await media.get_file_id(db, "race.key", MediaKind.ANIMATION)
        assert final in {"one", "two"}
        # each caller got a valid id; the one stored is the same for everyone from now on
        assert set(results) <= {"one", "two"}
    finally:
        await engine.dispose()


async def test_a_stale_file_id_is_forgotten_but_a_newer_one_is_kept(db_url: str) -> None:
    engine = create_engine(db_url)
    try:
        await migrate.upgrade(engine)
        sessions = create_sessionmaker(engine)
        async with sessions() as db:
            await media.save_file_id(db, "squat.abc", MediaKind.PHOTO, "stale")
            await db.commit()
        async with sessions() as db:
            await media.forget_file_id(db, "squat.abc", MediaKind.PHOTO, "someone-elses")
            assert await media.get_file_id(db, "squat.abc", MediaKind.PHOTO) == "stale"
            await media.forget_file_id(db, "squat.abc", MediaKind.PHOTO, "stale")
            assert await media.get_file_id(db, "squat.abc", MediaKind.PHOTO) is None
            fresh = await media.save_file_id(db, "squat.abc", MediaKind.PHOTO, "fresh")
            assert fresh == "fresh"
            await db.commit()
    finally:
        await engine.dispose()
