"""/export as data: every logged set with its session and exercise, and the profile with
where the runner stands on each ladder and every change to it.

Sets are yielded one at a time as the database streams them, so an export of any length
goes to a temporary file without ever sitting in memory (bot/screens/export.py writes it).
Times are in the runner's zone; names come from the exercise library (an exercise or rung
since removed from it is exported under its id).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from content.library import Library
from content.model import Unit
from content.pain import SoreArea
from content.record import SessionKind, infer_kind
from storage import pain, progressions, record, sets
from storage.enums import SessionStatus
from storage.record import ChangeRow, SessionOutline
from storage.runners import RunnerProfile


@dataclass(frozen=True, slots=True)
class ExportedSet:
    """One logged set, with everything a row of the CSV file says."""

    when: datetime  # in the runner's zone
    session_id: int
    session_kind: SessionKind
    session_status: SessionStatus
    session_minutes: int | None
    exercise_id: str
    exercise: str
    rung_id: str
    variation: str
    set_number: int
    amount: int  # reps, seconds or jumps
    unit: Unit
    per_side: bool
    load: float | None
    load_unit: str | None
    effort: str | None


@dataclass(frozen=True, slots=True)
class StandingExport:
    """Where the runner stands on one exercise's ladder."""

    exercise_id: str
    exercise: str
    rung_id: str
    variation: str
    rung_number: int | None  # 1-based place on the ladder (None: no longer on it)
    rungs: int
    reps: int
    top_streak: int
    clean_streak: int


@dataclass(frozen=True, slots=True)
class ProfileExport:
    runner: RunnerProfile
    zone: str
    standings: tuple[StandingExport, ...]
    changes: tuple[ChangeRow, ...]
    sets: int
    sessions: int
    sore: tuple[SoreArea, ...] = ()  # the pain memory: what sessions spare


def zone_of(runner: RunnerProfile) -> tzinfo:
    return ZoneInfo(runner.time_zone) if runner.time_zone else UTC


async def exported_sets(
    db: AsyncSession, library: Library, runner: RunnerProfile
) -> AsyncIterator[ExportedSet]:
    """Every set the runner logged, oldest first, streamed from the database."""
    zone = zone_of(runner)
    outlines = await record.outlines(db, runner.id)
    kinds = {session_id: infer_kind(outline.plan) for session_id, outline in outlines.items()}
    async for logged in sets.stream_sets(db, runner.id):
        outline = outlines.get(logged.session_id)
        exercise, variation = _names(library, logged.exercise_id, logged.rung_id)
        yield ExportedSet(
            when=logged.logged_at.astimezone(zone),
            session_id=logged.session_id,
            session_kind=kinds.get(logged.session_id, SessionKind.NORMAL),
            session_status=SessionStatus(outline.status) if outline else SessionStatus.FINISHED,
            session_minutes=_minutes(outline),
            exercise_id=logged.exercise_id,
            exercise=exercise,
            rung_id=logged.rung_id,
            variation=variation,
            set_number=logged.set_number,
            amount=logged.reps,
            unit=Unit(logged.unit),
            per_side=logged.side is not None,
            load=logged.load,
            load_unit=logged.load_unit,
            effort=logged.effort,
        )


async def profile_export(
    db: AsyncSession, library: Library, runner: RunnerProfile
) -> ProfileExport:
    """The profile, the progression on every exercise, and every change to it."""
    standings = []
    for exercise_id, state in sorted((await progressions.all_states(db, runner.id)).items()):
        exercise, variation = _names(library, exercise_id, state.rung_id)
        ladder = library.get(exercise_id).ladder if exercise_id in library.ids else ()
        place = next((n for n, rung in enumerate(ladder, 1) if rung.id == state.rung_id), None)
        standings.append(
            StandingExport(
                exercise_id,
                exercise,
                state.rung_id,
                variation,
                place,
                len(ladder),
                state.reps,
                state.top_streak,
                state.clean_streak,
            )
        )
    outlines = await record.outlines(db, runner.id)
    return ProfileExport(
        runner=runner,
        zone=runner.time_zone or "UTC",
        standings=tuple(standings),
        changes=tuple(await record.changes(db, runner.id)),
        sets=await sets.count_sets(db, runner.id),
        sessions=len(outlines),
        sore=await pain.sore_of(db, runner.id),
    )


def _names(library: Library, exercise_id: str, rung_id: str) -> tuple[str, str]:
    if exercise_id not in library.ids:
        return exercise_id, rung_id
    exercise = library.get(exercise_id)
    rung = exercise.rung(rung_id)
    return exercise.name, rung.name if rung is not None else rung_id


def _minutes(outline: SessionOutline | None) -> int | None:
    if outline is None or outline.started_at is None or outline.finished_at is None:
        return None
    return max(1, round((outline.finished_at - outline.started_at).total_seconds() / 60))
