"""Runner repository: load, create and update profiles. Never commits (the caller does).

The only writer of runner rows: through the ORM, or ORM-enabled ``UPDATE``s that keep the
``Runner`` objects a handler's session holds in step (``storage.rows`` says why it matters).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any, cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from content.model import Equipment, Level, WeightUnit
from content.races import RaceDistance
from storage.fast import FastPath, OneTrip
from storage.models import Runner
from storage.rows import Columns, chunks

_RUNNER = cast(Table, Runner.__table__)
_DISTANCES = {distance.value: distance for distance in RaceDistance}


@dataclass(frozen=True, slots=True)
class RunnerProfile:
    """A plain snapshot of a runner, safe to hand to handlers and pure functions."""

    id: int
    telegram_user_id: int
    chat_id: int
    first_name: str
    level: Level | None = None
    equipment: frozenset[Equipment] = frozenset()
    running_days: tuple[int, ...] = ()
    hard_days: tuple[int, ...] = ()
    reminder_time: time | None = None
    time_zone: str | None = None
    pending_question: str | None = None
    draft: dict[str, Any] = field(default_factory=dict)
    onboarded: bool = False
    paused: bool = False
    paused_until: date | None = None
    blocked: bool = False
    race_date: date | None = None
    race_distance: RaceDistance | None = None
    last_session_at: datetime | None = None
    language: str = "en"
    weight_unit: WeightUnit | None = None
    rest_timer: bool = True
    weekly_recap: bool = True

    @property
    def owned_equipment(self) -> frozenset[Equipment]:
        """What the runner can use: body weight always, plus what they ticked."""
        return self.equipment | {Equipment.NONE}


def to_profile(row: Runner) -> RunnerProfile:
    return RunnerProfile(
        id=row.id,
        telegram_user_id=row.telegram_user_id,
        chat_id=row.chat_id,
        first_name=row.first_name,
        level=Level(row.level) if row.level else None,
        equipment=frozenset(Equipment(item) for item in row.equipment or ()),
        running_days=tuple(sorted(row.running_days or ())),
        hard_days=tuple(sorted(row.hard_days or ())),
        reminder_time=row.reminder_time,
        time_zone=row.time_zone,
        pending_question=row.pending_question,
        draft=dict(row.draft or {}),
        onboarded=row.onboarded,
        paused=row.paused,
        paused_until=row.paused_until,
        blocked=row.blocked,
        race_date=row.race_date,
        race_distance=_DISTANCES.get(row.race_distance or ""),
        last_session_at=row.last_session_at,
        language=row.language,
        weight_unit=WeightUnit(row.weight_unit) if row.weight_unit else None,
        rest_timer=row.rest_timer is not False,
        weekly_recap=row.weekly_recap is not False,
    )


async def get_runner(db: AsyncSession, runner_id: int) -> RunnerProfile | None:
    row = await db.get(Runner, runner_id)
    return to_profile(row) if row else None


async def find_by_telegram_id(db: AsyncSession, telegram_user_id: int) -> RunnerProfile | None:
    row = await db.scalar(select(Runner).where(Runner.telegram_user_id == telegram_user_id))
    return to_profile(row) if row else None


_BY_TELEGRAM_ID = OneTrip(
    select(_RUNNER).where(_RUNNER.c.telegram_user_id == bindparam("telegram_user_id"))
)


async def find_unchanged(
    fast: FastPath, *, telegram_user_id: int, chat_id: int, first_name: str
) -> RunnerProfile | None:
    """The runner in one round trip on the fast path, when their row needs no write (it
    exists and still has this chat and first name); None means: use ``get_or_create``."""
    found = await fast.fetch_typed(_BY_TELEGRAM_ID, telegram_user_id=telegram_user_id)
    if found is None or found["chat_id"] != chat_id or found["first_name"] != first_name[:128]:
        return None
    return to_profile(cast(Runner, Columns(found)))


async def get_or_create(
    db: AsyncSession,
    *,
    telegram_user_id: int,
    chat_id: int,
    first_name: str,
    username: str | None = None,
    language: str | None = None,
    fast: FastPath | None = None,
) -> tuple[RunnerProfile, bool]:
    """The runner for this Telegram user, created on first contact. Returns (profile, created).

    With ``fast`` (nothing ran on ``db`` yet), a runner whose row needs no write is read in
    one round trip on the fast path's connection, and ``db`` is not used.

    Creation is ``INSERT ... ON CONFLICT (telegram_user_id) DO NOTHING`` followed by a read:
    two first updates of a new user at once (in one process or two) never fail on the
    unique key; the second waits for the first and then reads its row.
    """
    if fast is not None:
        profile = await find_unchanged(
            fast, telegram_user_id=telegram_user_id, chat_id=chat_id, first_name=first_name
        )
        if profile is not None:
            return profile, False
    found = (
        await db.execute(select(_RUNNER).where(_RUNNER.c.telegram_user_id == telegram_user_id))
    ).first()
    if found is not None:
        # a plain row (read on every update: no ORM object to build)
        if found.chat_id != chat_id or found.first_name != first_name[:128]:
            moved = await db.execute(
                update(Runner)
                .where(Runner.id == found.id)
                .values(chat_id=chat_id, first_name=first_name[:128], username=username)
                .returning(*_RUNNER.c)
            )
            found = moved.one()
        return to_profile(cast(Runner, found)), False
    insert = postgresql_insert if db.get_bind().dialect.name == "postgresql" else sqlite_insert
    result = await db.execute(
        insert(Runner)
        .values(
            telegram_user_id=telegram_user_id,
            chat_id=chat_id,
            first_name=first_name[:128],
            username=username,
            language=(language or "en")[:8],
            equipment=[],
            running_days=[],
            hard_days=[],
            draft={},
            onboarded=False,
            paused=False,
            blocked=False,
        )
        .on_conflict_do_nothing(index_elements=["telegram_user_id"])
    )
    created = bool(result.rowcount == 1)  # type: ignore[attr-defined]
    row = await db.scalar(
        select(Runner)
        .where(Runner.telegram_user_id == telegram_user_id)
        .execution_options(populate_existing=True)
    )
    if row is None:  # pragma: no cover - the insert or the other one's commit made it
        raise LookupError(f"runner for Telegram user {telegram_user_id} vanished")
    return to_profile(row), created


_UPDATABLE = {
    "level",
    "equipment",
    "running_days",
    "hard_days",
    "reminder_time",
    "time_zone",
    "pending_question",
    "draft",
    "onboarded",
    "paused",
    "paused_until",
    "blocked",
    "race_date",
    "race_distance",
    "last_session_at",
    "chat_id",
    "weight_unit",
    "rest_timer",
    "weekly_recap",
    "language",
}


async def update_runner(db: AsyncSession, runner_id: int, **changes: Any) -> RunnerProfile:
    """Store some profile fields and return the fresh profile.

    Enums and sets are stored as plain JSON-friendly values (sorted, so equal profiles look
    equal in the database).
    """
    unknown = set(changes) - _UPDATABLE
    if unknown:
        raise ValueError(f"cannot update runner fields: {sorted(unknown)}")
    values: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "equipment":
            value = sorted(str(item) for item in value if item != Equipment.NONE)
        elif name in {"running_days", "hard_days"}:
            value = sorted({int(day) for day in value})
        elif name == "level" and value is not None:
            value = str(Level(value))
        elif name == "draft":
            value = dict(value)
        values[name] = value
    if not values:
        found = await load_profiles(db, [runner_id])
        if runner_id not in found:
            raise LookupError(f"runner {runner_id} does not exist")
        return found[runner_id]
    # One ORM-enabled UPDATE ... RETURNING: a Runner object the session holds is kept in
    # step, and the fresh row comes back in the same round trip.
    row = (
        await db.execute(
            update(Runner).where(Runner.id == runner_id).values(values).returning(*_RUNNER.c)
        )
    ).first()
    if row is None:
        raise LookupError(f"runner {runner_id} does not exist")
    return to_profile(cast(Runner, row))


async def mark_blocked(db: AsyncSession, chat_id: int, blocked: bool = True) -> None:
    """The runner blocked (or unblocked) the bot: reminders stop until they /start again."""
    await db.execute(update(Runner).where(Runner.chat_id == chat_id).values(blocked=blocked))


async def block(db: AsyncSession, runner_id: int) -> None:
    """Telegram answered 403 to a reminder: the runner blocked the bot. (An ORM-enabled
    UPDATE: a session holding the runner's object sees the change.)"""
    await db.execute(update(Runner).where(Runner.id == runner_id).values(blocked=True))


async def load_profiles(
    db: AsyncSession, ids: Sequence[int], *, for_update: bool = False
) -> dict[int, RunnerProfile]:
    """Profiles by id, read as plain rows (the dispatcher reads a batch's runners at once).

    ``for_update`` locks the rows on PostgreSQL (SQLite has no row locks and ignores it), in
    id order so two planners never deadlock: a profile change and a dispatcher then cannot
    plan one runner at once.
    """
    found: dict[int, RunnerProfile] = {}
    for chunk in chunks(sorted(set(ids))):
        query = select(_RUNNER).where(_RUNNER.c.id.in_(chunk)).order_by(_RUNNER.c.id)
        if for_update:
            query = query.with_for_update()
        for row in await db.execute(query):
            found[row.id] = to_profile(cast(Runner, row))
    return found
