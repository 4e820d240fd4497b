"""/history as data: a page of past sessions, newest first, and where Older/Newer lead.

Pages are keyed by session id (keyset paging), not by offset: a session started while the
runner pages does not shift what Older shows, and a stale button still leads somewhere
sensible. Dates are turned into the runner's local time here; bot/texts words the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from content.ladder import ChangeKind, ChangeReason, ProgressionChange
from content.library import Library
from content.model import Exercise, Unit
from content.record import SessionKind, infer_kind
from storage import record
from storage.enums import EventKind, ItemStatus, SessionStatus
from storage.record import SessionRecord
from storage.runners import RunnerProfile
from storage.sets import LoggedSet

PAGE_SIZE = 5


class Direction(StrEnum):
    """Which way a history button pages."""

    OLDER = "o"
    NEWER = "n"


@dataclass(frozen=True, slots=True)
class RungSets:
    """Consecutive sets of one exercise on one rung (a Harder mid-exercise starts another)."""

    rung_name: str
    unit: Unit
    per_side: bool
    counts: tuple[int, ...]  # reps, seconds or jumps of each set
    loads: tuple[tuple[float, str | None], ...] = ()  # (weight, unit) of sets that had one


@dataclass(frozen=True, slots=True)
class ExerciseDone:
    """One exercise of a past session: its name, what was done, how it felt."""

    exercise_id: str
    name: str
    status: ItemStatus
    planned_rung: str
    runs: tuple[RungSets, ...]
    effort: str | None = None  # the last effort logged for it, when efforts are stored


@dataclass(frozen=True, slots=True)
class PastSession:
    id: int
    kind: SessionKind
    status: SessionStatus
    started: datetime | None  # in the runner's zone
    minutes: int | None
    exercises: tuple[ExerciseDone, ...]
    changes: tuple[tuple[Exercise, ProgressionChange], ...]

    @property
    def skipped(self) -> int:
        return sum(item.status is ItemStatus.SKIPPED for item in self.exercises)

    @property
    def not_done(self) -> int:
        return sum(item.status is ItemStatus.NOT_DONE for item in self.exercises)

    @property
    def sets_done(self) -> int:
        return sum(len(run.counts) for item in self.exercises for run in item.runs)


@dataclass(frozen=True, slots=True)
class HistoryPage:
    """Up to five sessions, newest first; ``older``/``newer`` are the cursors of the
    buttons (None: nothing that way)."""

    sessions: tuple[PastSession, ...]
    older: int | None
    newer: int | None
    zone: str


async def page(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    *,
    direction: Direction | None = None,
    cursor: int | None = None,
) -> HistoryPage:
    """The newest sessions, or the page older or newer than the session ``cursor``. A page
    that comes out empty (the sessions it led to are gone) falls back to the newest."""
    before = cursor if direction is Direction.OLDER else None
    after = cursor if direction is Direction.NEWER else None
    ids = await record.session_ids(db, runner.id, before=before, after=after, limit=PAGE_SIZE)
    if not ids and cursor is not None:
        ids = await record.session_ids(db, runner.id, limit=PAGE_SIZE)
    zone = _zone(runner)
    shown = [_past(library, found, zone) for found in await record.sessions(db, ids)]
    older = newer = None
    if ids and await record.has_sessions(db, runner.id, before=ids[-1]):
        older = ids[-1]
    if ids and await record.has_sessions(db, runner.id, after=ids[0]):
        newer = ids[0]
    return HistoryPage(tuple(shown), older, newer, runner.time_zone or "UTC")


def _zone(runner: RunnerProfile) -> tzinfo:
    return ZoneInfo(runner.time_zone) if runner.time_zone else UTC


def _past(library: Library, found: SessionRecord, zone: tzinfo) -> PastSession:
    started = found.started_at.astimezone(zone) if found.started_at else None
    minutes = None
    if found.started_at and found.finished_at:
        minutes = max(1, round((found.finished_at - found.started_at).total_seconds() / 60))
    by_item: dict[int, list[LoggedSet]] = {}
    for logged in found.sets:
        by_item.setdefault(logged.item_id, []).append(logged)
    exercises = tuple(
        ExerciseDone(
            exercise_id=item.exercise_id,
            name=_exercise_name(library, item.exercise_id),
            status=ItemStatus(item.status),
            planned_rung=_rung_name(library, item.exercise_id, item.rung_id),
            runs=_runs(library, item.exercise_id, by_item.get(item.id, [])),
            effort=next((s.effort for s in reversed(by_item.get(item.id, [])) if s.effort), None),
        )
        for item in found.items
    )
    changes = tuple(
        (library.get(exercise_id), change)
        for exercise_id, change in _net_changes(library, found.changes)
        if exercise_id in library.ids
    )
    return PastSession(
        id=found.id,
        kind=infer_kind([(item.exercise_id, item.sets) for item in found.items]),
        status=SessionStatus(found.status),
        started=started,
        minutes=minutes,
        exercises=exercises,
        changes=changes,
    )


def _net_changes(
    library: Library, changes: tuple[tuple[str, str, ProgressionChange], ...]
) -> list[tuple[str, ProgressionChange]]:
    """The runner's Harder/Easier presses as one change per exercise (where it started to
    where it ended; none when they cancelled out), then the automatic changes, as the
    session's summary showed them."""
    pressed: dict[str, tuple[ProgressionChange, ProgressionChange]] = {}
    automatic: list[tuple[str, ProgressionChange]] = []
    for exercise_id, kind, change in changes:
        if kind in _PRESSES:
            first = pressed.get(exercise_id, (change, change))[0]
            pressed[exercise_id] = (first, change)
        elif kind != EventKind.RESTART:
            automatic.append((exercise_id, change))
    net: list[tuple[str, ProgressionChange]] = []
    for exercise_id, (first, last) in pressed.items():
        if first.from_rung == last.to_rung or exercise_id not in library.ids:
            continue
        places = {rung.id: n for n, rung in enumerate(library.get(exercise_id).ladder)}
        if first.from_rung not in places or last.to_rung not in places:
            continue  # a rung since taken off the ladder
        up = places[last.to_rung] > places[first.from_rung]
        net.append(
            (
                exercise_id,
                ProgressionChange(
                    ChangeKind.UP if up else ChangeKind.DOWN,
                    ChangeReason.RUNNER_HARDER if up else ChangeReason.RUNNER_EASIER,
                    first.from_rung,
                    last.to_rung,
                    0,
                    0,
                ),
            )
        )
    return net + automatic


_PRESSES = (EventKind.HARDER, EventKind.EASIER)


def _runs(library: Library, exercise_id: str, sets: list[LoggedSet]) -> tuple[RungSets, ...]:
    runs: list[RungSets] = []
    for logged in sets:
        load = ((logged.load, logged.load_unit),) if logged.load is not None else ()
        last = runs[-1] if runs else None
        name = _rung_name(library, exercise_id, logged.rung_id)
        if last is not None and last.rung_name == name and last.unit == logged.unit:
            runs[-1] = RungSets(
                name,
                last.unit,
                last.per_side,
                (*last.counts, logged.reps),
                last.loads + load,
            )
        else:
            runs.append(
                RungSets(name, Unit(logged.unit), logged.side is not None, (logged.reps,), load)
            )
    return tuple(runs)


def _exercise_name(library: Library, exercise_id: str) -> str:
    return library.get(exercise_id).name if exercise_id in library.ids else exercise_id


def _rung_name(library: Library, exercise_id: str, rung_id: str) -> str:
    if exercise_id not in library.ids:
        return rung_id
    rung = library.get(exercise_id).rung(rung_id)
    return rung.name if rung is not None else rung_id
