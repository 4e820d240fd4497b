"""FastPath.unit: all of it or none of it, on SQLite (one hop) and on PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, bindparam, insert, select, update

from storage.db import create_engine
from storage.fast import FastPath, OneTrip, Step

metadata = MetaData()
counters = Table(
    "fast_counter",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String, unique=True, nullable=False),
    Column("value", Integer, nullable=False),
)

ADD = OneTrip(insert(counters).values(name=bindparam("name"), value=bindparam("value")))
BUMP = OneTrip(
    update(counters)
    .where(counters.c.name == bindparam("name"))
    .values(value=counters.c.value + 1)
    .returning(counters.c.value)
)
ALL = OneTrip(select(counters.c.name, counters.c.value).order_by(counters.c.name))


async def test_a_unit_writes_all_of_it_or_none_of_it(db_url: str) -> None:
    engine = create_engine(db_url, isolation_level="AUTOCOMMIT")
    fast = FastPath(engine)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(metadata.create_all)
        hops: list[Any] = []
        if engine.dialect.name == "sqlite":
            driver = await fast._held()
            real = driver._execute

            async def counted(fn: Any, *args: Any, **kwargs: Any) -> Any:
                hops.append(fn)
                return await real(fn, *args, **kwargs)

            driver._execute = counted

        done = await fast.unit(
            [
                Step(ADD, rows=[{"name": "a", "value": 1}, {"name": "b", "value": 5}]),
                Step(BUMP, {"name": "b"}, required=True),
            ]
        )
        assert done is not None
        assert [list(row) for row in done[1]] == [[6]]
        if engine.dialect.name == "sqlite":
            assert len(hops) == 1  # begin, both steps and the commit: one call on the thread

        # a required step that matches nothing: the unit is undone, not half-written
        undone = await fast.unit(
            [Step(BUMP, {"name": "a"}), Step(BUMP, {"name": "nobody"}, required=True)]
        )
        assert undone is None
        assert [tuple(row) for row in await fast.fetch_all(ALL)] == [("a", 1), ("b", 6)]

        # a failing step (a duplicate name): nothing of the unit stays, and the next one works
        with pytest.raises(Exception, match=r"(?i)unique"):
            await fast.unit([Step(BUMP, {"name": "a"}), Step(ADD, {"name": "b", "value": 0})])
        assert [tuple(row) for row in await fast.fetch_all(ALL)] == [("a", 1), ("b", 6)]
        assert await fast.unit([Step(BUMP, {"name": "a"}, required=True)]) is not None
        assert [tuple(row) for row in await fast.fetch_all(ALL)] == [("a", 2), ("b", 6)]
    finally:
        await fast.close()
        await engine.dispose()
