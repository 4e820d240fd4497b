"""Erasing one runner: every row that is theirs, counted, in the caller's one transaction.

What belongs to a runner: the ``runner`` row (profile, settings, conversation state, any
pain answer kept in its draft), their ``leg_session`` rows and, through them, the
``session_item`` rows, their ``set_log`` rows, ``progression`` states and
``progression_event`` changes, every ``reminder`` (pending ones included, so nothing
scheduled is sent afterwards), and the ``sore_area`` rows of their pain memory.
``media_file`` holds the bot's own uploads, shared by every runner, and ``send_budget`` the
bot's send rate: neither is anyone's data, both are kept.

Rows are deleted children first with explicit statements rather than left to ``ON DELETE
CASCADE``: the counts come from the statements themselves, and nothing depends on SQLite
having foreign keys switched on. A test walks the schema, so a new table with a
``runner_id`` cannot be forgotten here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import ColumnElement, Delete, delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import (
    LegSession,
    Progression,
    ProgressionEvent,
    Reminder,
    Runner,
    SessionItem,
    SetLog,
    SoreArea,
)

# Every table is one or the other; tests/bot/test_deletedata.py fails on a table in neither.
PERSONAL = frozenset(
    {
        "runner",
        "leg_session",
        "session_item",
        "set_log",
        "progression",
        "progression_event",
        "reminder",
        "sore_area",
    }
)
NOT_PERSONAL = frozenset({"media_file", "send_budget", "handled_update"})


@dataclass(frozen=True, slots=True)
class RowCounts:
    """How many rows of each kind one runner has (or had)."""

    profile: int = 0
    sessions: int = 0
    exercises: int = 0
    sets: int = 0
    progressions: int = 0
    changes: int = 0
    reminders: int = 0
    sore_areas: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, field.name) for field in fields(self))


async def count(db: AsyncSession, runner_id: int) -> RowCounts:
    """What :func:`erase` would remove."""

    async def rows(model: type, where: ColumnElement[bool]) -> int:
        return int(await db.scalar(select(func.count()).select_from(model).where(where)) or 0)

    own_sessions = select(LegSession.id).where(LegSession.runner_id == runner_id)
    return RowCounts(
        profile=await rows(Runner, Runner.id == runner_id),
        sessions=await rows(LegSession, LegSession.runner_id == runner_id),
        exercises=await rows(SessionItem, SessionItem.session_id.in_(own_sessions)),
        sets=await rows(SetLog, SetLog.runner_id == runner_id),
        progressions=await rows(Progression, Progression.runner_id == runner_id),
        changes=await rows(ProgressionEvent, ProgressionEvent.runner_id == runner_id),
        reminders=await rows(Reminder, Reminder.runner_id == runner_id),
        sore_areas=await rows(SoreArea, SoreArea.runner_id == runner_id),
    )


async def erase(db: AsyncSession, runner_id: int) -> RowCounts:
    """Delete every row of the runner and say how many of each went. Never commits: the
    caller commits once, so it all goes or none of it does."""

    async def gone(statement: Delete) -> int:
        result = await db.execute(statement)
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    own_sessions = select(LegSession.id).where(LegSession.runner_id == runner_id)
    sets = await gone(delete(SetLog).where(SetLog.runner_id == runner_id))
    # set logs of the runner's sessions are theirs too, whatever runner_id they carry
    sets += await gone(delete(SetLog).where(SetLog.session_id.in_(own_sessions)))
    changes = await gone(delete(ProgressionEvent).where(ProgressionEvent.runner_id == runner_id))
    exercises = await gone(delete(SessionItem).where(SessionItem.session_id.in_(own_sessions)))
    counts = RowCounts(
        sets=sets,
        changes=changes,
        exercises=exercises,
        sessions=await gone(delete(LegSession).where(LegSession.runner_id == runner_id)),
        progressions=await gone(delete(Progression).where(Progression.runner_id == runner_id)),
        reminders=await gone(delete(Reminder).where(Reminder.runner_id == runner_id)),
        sore_areas=await gone(delete(SoreArea).where(SoreArea.runner_id == runner_id)),
        profile=await gone(delete(Runner).where(Runner.id == runner_id)),
    )
    # The ORM may hold the runner loaded earlier in this update: forget it, so nothing
    # flushes it back.
    db.expunge_all()
    return counts
