"""The one-hop aiosqlite adapter: one thread call per statement, and DB-API behaviour kept."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select, text, update
from sqlalchemy.exc import IntegrityError, OperationalError

from storage.db import create_engine
from storage.sqlitetrip import OneTripCursor

metadata = MetaData()
things = Table(
    "thing",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, unique=True, nullable=False),
)


def test_the_private_door_it_uses_still_exists() -> None:
    assert callable(aiosqlite.Connection._execute)


async def test_statements_are_one_hop_each_and_behave_like_the_dbapi(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/trip.db")
    try:
        async with engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
        async with engine.connect() as connection:
            raw = await connection.get_raw_connection()
            assert isinstance(raw.dbapi_connection.cursor(), OneTripCursor)  # type: ignore[union-attr]
            driver = raw.driver_connection
            assert driver is not None
            hops: list[Any] = []
            real = driver._execute

            async def counted(fn: Any, *args: Any, **kwargs: Any) -> Any:
                hops.append(fn)
                return await real(fn, *args, **kwargs)

            driver._execute = counted  # type: ignore[method-assign]

            inserted = await connection.execute(insert(things).values(name="band"))
            assert inserted.inserted_primary_key == (1,)
            assert len(hops) == 1  # cursor, execute and close in one call

            hops.clear()
            returned = await connection.execute(
                insert(things).values(name="bell").returning(things.c.id, things.c.name)
            )
            assert returned.all() == [(2, "bell")]
            assert len(hops) == 1

            await connection.execute(insert(things), [{"name": "a"}, {"name": "b"}])
            changed = await connection.execute(
                update(things).where(things.c.id > 2).values(name=things.c.name + "!")
            )
            assert changed.rowcount == 2

            hops.clear()
            await connection.commit()
            rows = await connection.execute(select(things.c.name).order_by(things.c.id))
            assert rows.scalars().all() == ["band", "bell", "a!", "b!"]
            assert len(hops) == 2  # the commit of the writes above
            hops.clear()
            await connection.execute(select(things.c.id))
            await connection.commit()
            await connection.rollback()
            assert len(hops) == 1  # a read opens no transaction: nothing to end

            with pytest.raises(IntegrityError):
                await connection.execute(insert(things).values(name="band"))
            await connection.rollback()
            with pytest.raises(OperationalError):
                await connection.execute(text("SELECT nothing FROM nowhere"))
            await connection.rollback()
        async with engine.connect() as connection:
            count = await connection.scalar(text("SELECT count(*) FROM thing"))
            assert count == 4  # committed before the failures, which lost nothing
    finally:
        await engine.dispose()
