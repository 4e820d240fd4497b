"""Leg-session use cases: begin (or resume), /stop, and the end with its summary.

Flows orchestrate content (what to do) and storage (what is stored); they never touch
Telegram. Presses on a card are in ``bot.flows.press``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.flows import starts
from bot.flows.cards import Card, Closed, card_for, closed_for
from bot.flows.plan import Replanned, next_leg_day, respaced
from bot.flows.starts import StartHold
from content import ladder
from content.calendar import race
from content.ladder import (
    ChangeKind,
    ChangeReason,
    ProgressionChange,
    ProgressionState,
)
from content.library import Library
from content.model import Area, Effort, Level, Unit
from content.progression import after_session
from content.races import ComebackKind
from content.reminders import local_midnight
from content.session import SessionPlan, outline, plan_session, work_seconds
from content.spacing import local_day, may_progress
from storage import presses, progressions, runners, sessiondays, sessions
from storage import starts as stored_starts
from storage.enums import EventKind, ItemStatus, SessionStatus
from storage.fast import FastPath
from storage.runners import RunnerProfile
from storage.sessions import Carried, SessionView

# A session left open this long is closed (as stopped) when a new one is asked for.
STALE_AFTER = timedelta(hours=12)


class IntroNote(StrEnum):
    """Why this session differs from the usual one (bot/texts words each)."""

    BACK_AFTER_BREAK = "back_after_break"
    BACK_AFTER_RACE = "back_after_race"
    GENTLE = "gentle"
    LIGHT_TAPER = "light_taper"
    EASY_RECOVERY = "easy_recovery"
    REPLACES = "replaces"  # in place of the session a pain report ended


@dataclass(frozen=True, slots=True)
class Intro:
    """The first message of a session: its size, the warm-up and any notes."""

    plan: SessionPlan
    notes: tuple[IntroNote, ...] = ()
    days_off: int = 0  # with BACK_AFTER_BREAK
    sore_area: str | None = None  # with GENTLE: the first spared area
    spared: tuple[Area, ...] = ()  # with GENTLE: every spared area
    hurt: str | None = None  # with REPLACES: the name of the exercise that hurt (left out)


class BeginOutcome(StrEnum):
    STARTED = "started"
    RESUMED = "resumed"
    HELD = "held"  # not now: the race, the spacing or the sore areas say why (``hold``)


@dataclass(frozen=True, slots=True)
class Begin:
    """A session started (intro, then its first card), one in progress resumed (its
    current card, or the last exercise's open effort question), or held back (``hold``:
    why, and what the rules still offer). ``ended`` is the summary of a session a Gentle
    press mid-session ended to start the gentle one in its place."""

    outcome: BeginOutcome
    card: Card | None
    intro: Intro | None = None
    ask: Closed | None = None
    hold: StartHold | None = None
    ended: Summary | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    """The end of a session: what was done, what changed, and when the next leg day is."""

    stopped: bool
    sets_done: int
    sets_planned: int
    exercises_done: int
    exercises_total: int
    minutes: int
    changes: tuple[tuple[str, ProgressionChange], ...]  # (exercise id, change)
    next_leg_day: datetime | None
    unfinished: tuple[Closed, ...] = ()  # cards of exercises the session ended on
    total_reps: int = 0  # both legs of one-sided sets
    contacts: int = 0  # jump landings
    seconds_held: int = 0
    work_seconds: int = 0  # time under work, rests not counted
    # exercises whose ladders stayed put: an earlier session today already moved them
    held_today: tuple[str, ...] = ()
    # the spacing rule moved the next leg day: from where (local), and to next_leg_day
    respaced_from: datetime | None = None


# -- begin ----------------------------------------------------------------------------------


async def begin(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    now: datetime,
    *,
    planned_for: datetime | None = None,
    light: bool = False,
    confirmed: bool = False,
    gentle: bool = False,
    replaces: int | None = None,
    also_spare: frozenset[Area] = frozenset(),
) -> Begin:
    """Start a leg session now, or resume the one in progress.

    A session left open for more than ``STALE_AFTER`` is closed first (as /stop would, with
    its progression applied, quietly). Every start goes through the gate
    (``bot.flows.starts.prepare``: race day, the taper, the recovery, the spacing unless
    ``confirmed``) and spares the sore areas remembered (and ``also_spare``). ``gentle``
    pressed while a session is going ends it (keeping what was logged) and starts a gentle
    one in its place; ``replaces`` names a session a pain report ended, which the gentle
    one replaces without a same-day confirmation and without the exercise that hurt.
    ``light`` asks for the taper's light session (or an easy one in the recovery days).
    Two presses racing end with one session: the loser resumes the winner's.
    """
    library = library.localized(runner.language)  # the cards speak the runner's language
    found = await stored_starts.reads(db, runner.id)
    ended: Summary | None = None
    active = await sessions.load(db, found.active_id) if found.active_id is not None else None
    if active is not None:
        if active.started_at and now - active.started_at < STALE_AFTER:
            if not gentle or await sessiondays.is_replacement(db, active.id):
                return _resumed(library, active)  # (a replacement going is where to be)
            runner, ended = await _end(db, library, runner, active, SessionStatus.STOPPED, now)
            replaces = active.id
        else:
            runner = (await _end(db, library, runner, active, SessionStatus.STOPPED, now))[0]
        found = await stored_starts.reads(db, runner.id)  # the end moved count and ladders
    start = await starts.prepare(
        db,
        library,
        runner,
        now,
        light=light or (planned_for is not None and _in_taper(runner, now)),
        confirmed=confirmed,
        replaces=replaces,
        also_spare=also_spare,
        sore=found.sore,
    )
    if isinstance(start, StartHold):
        return Begin(BeginOutcome.HELD, None, hold=start, ended=ended)
    level = runner.level or Level.BEGINNER
    # which exercises come and the warm-up, before the ladders are read (the plan below
    # takes them from the same ``outline``): the claim stores the warm-up with the row
    exercises, warmup = outline(
        level, found.finished, light=start.light, avoid=start.avoid, spare=start.spared
    )
    claimed = await stored_starts.claim(
        db,
        runner.id,
        warmup=warmup.code,
        now=now,
        planned_for=planned_for,
        kind=start.kind,
        replaces_id=start.replaces,
        first_exercise=exercises[0] if exercises else None,
    )
    if claimed is None:
        raced = await sessions.active_for(db, runner.id)
        if raced is None:  # the winner ended it meanwhile: the rare case of a third press
            raise RuntimeError("no active session after losing the race to create one")
        return _resumed(library, raced)

    notes: list[IntroNote] = []
    back, states = await starts.come_back(db, library, runner, now, found.states)
    days_off = 0
    if back is not None:
        kind, days_off = back
        notes.append(
            IntroNote.BACK_AFTER_RACE if kind is ComebackKind.RACE else IntroNote.BACK_AFTER_BREAK
        )
    if start.replaces is not None:
        notes.append(IntroNote.REPLACES)
    if start.spared:
        notes.append(IntroNote.GENTLE)
    if start.light:
        notes.append(IntroNote.LIGHT_TAPER if _in_taper(runner, now) else IntroNote.EASY_RECOVERY)
    plan = plan_session(
        library,
        level,
        runner.owned_equipment,
        states,
        session_number=found.finished,
        light=start.light,
        avoid=start.avoid,
        spare=start.spared,
    )
    carried = {
        exercise_id: Carried(state.load, state.load_unit, state.harder_next)
        for exercise_id, state in states.items()
    }
    items = await sessions.add_items(db, claimed.id, plan.items, carried)
    # the claim asked whether the first exercise's card was ever shown: its picture or not
    items[0] = replace(items[0], met=claimed.first_met)
    intro = Intro(
        plan,
        tuple(notes),
        days_off=days_off,
        sore_area=start.spared[0] if start.spared else None,
        spared=start.spared,
        hurt=library.get(start.hurt).name if start.hurt else None,
    )
    return Begin(
        BeginOutcome.STARTED,
        card_for(library, len(items), items[0]),  # the first exercise is current
        intro,
        ended=ended,
    )


def _resumed(library: Library, session: SessionView) -> Begin:
    current = session.current
    total = len(session.items)
    if current is None:  # every exercise closed: the last one's effort question is open
        ask = closed_for(library, total, session.items[-1], ask_effort=True, last=True)
        return Begin(BeginOutcome.RESUMED, None, ask=ask)
    return Begin(BeginOutcome.RESUMED, card_for(library, total, current))


def _in_taper(runner: RunnerProfile, now: datetime) -> bool:
    goal = race(runner)
    if goal is None or not runner.time_zone:
        return False
    return goal.in_taper(now.astimezone(ZoneInfo(runner.time_zone)).date())


async def live_card(
    db: AsyncSession, library: Library, runner_id: int, now: datetime
) -> Card | None:
    """The card of the exercise the runner is on, while a session is going (started less
    than ``STALE_AFTER`` ago); None otherwise. An answer sent mid-session (How?, the full
    how-to, a question) sends this card again below it, so Done stays the last thing on
    screen."""
    session = await sessions.active_for(db, runner_id)
    if session is None or session.current is None or session.started_at is None:
        return None
    if now - session.started_at >= STALE_AFTER:
        return None
    return card_for(library, len(session.items), session.current)


async def card_shown(
    db: AsyncSession | None, fast: FastPath, item_id: int, message_id: int
) -> None:
    """Remember which message is the live card of an exercise: in the update's own
    transaction when it has one open (the item may be new in it), else on the fast path."""
    if db is not None:
        await sessions.set_message(db, item_id, message_id)
    else:
        await presses.card_shown(fast, item_id, message_id)


# -- the end ---------------------------------------------------------------------------------


async def stop(
    db: AsyncSession, library: Library, runner: RunnerProfile, now: datetime
) -> Summary | None:
    """/stop: end the current session early, keeping what was logged; None if none runs."""
    library = library.localized(runner.language)
    session = await sessions.active_for(db, runner.id)
    if session is None:
        return None
    # every exercise closed (the last effort question unanswered): that is a whole session
    status = SessionStatus.FINISHED if session.current is None else SessionStatus.STOPPED
    return (await _end(db, library, runner, session, status, now))[1]


async def end_session(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    session: SessionView,
    status: SessionStatus,
    now: datetime,
) -> Summary | None:
    """Close the session, apply the progression, and summarise it (None if it had ended).
    ``session`` is as stored now."""
    return (await _end(db, library, runner, session, status, now))[1]


async def summary_of(
    db: AsyncSession, library: Library, runner: RunnerProfile, ended: SessionView, now: datetime
) -> Summary:
    """The summary of a session that has ended, from what is stored."""
    return await _summary(db, library, runner, ended, now, unfinished=False)


async def _end(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    session: SessionView,
    status: SessionStatus,
    now: datetime,
) -> tuple[RunnerProfile, Summary | None]:
    """Close the session and apply the automatic progression; the fresh runner and the
    summary (None if the session had already ended). ``session`` is as stored now (the
    caller read it, or wrote what it changed into it).

    A session left open past ``STALE_AFTER`` (the runner walked away, or the bot was down)
    ends at its last logged set, not now: it lasted as long as the work did, and the spacing
    and once-a-day rules count it on the day it happened."""
    logs = await sessions.set_logs(db, session.id)
    ended_at = now
    if session.started_at is not None and now - session.started_at >= STALE_AFTER:
        ended_at = max((log.logged_at for log in logs), default=session.started_at)
    still_open = any(item.status in _OPEN for item in session.items)
    if not await sessions.finish(db, session.id, status, ended_at, any_open=still_open):
        return runner, None
    ended = sessions.ended(session, status, ended_at)
    # What each exercise's sets were done on: after a Harder or Easier part-way through, only
    # the sets on the final rung count towards its progression.
    final_rung = {item.id: item.rung_id for item in ended.items}
    reps_on_rung: dict[int, list[int]] = {}
    for log in logs:
        if log.rung_id == final_rung.get(log.item_id):
            reps_on_rung.setdefault(log.item_id, []).append(log.reps)
    # an extra session never moves a ladder twice in one (local) day
    zone = runner.time_zone or "UTC"
    midnight = local_midnight(local_day(ended_at, zone), zone)
    done = [item.exercise_id for item in ended.items if item.status is ItemStatus.DONE]
    # Every ended session finished at or before the runner's last_session_at (sessions end
    # one after another, each stamping it), so only a last end since midnight can find any.
    last_end = runner.last_session_at
    earlier = (
        await sessiondays.done_since(db, runner.id, midnight, excluding=session.id)
        if done and last_end is not None and last_end >= midnight
        else frozenset()
    )
    allowed = may_progress(done, earlier)
    held = tuple(exercise_id for exercise_id in done if exercise_id not in allowed)
    states = await progressions.all_states(db, runner.id) if allowed else {}
    saved: list[ProgressionState] = []
    events: list[progressions.Event] = []
    for item in ended.items:
        if item.status is not ItemStatus.DONE or item.exercise_id not in allowed:
            continue
        exercise = library.get(item.exercise_id)
        state = states.get(exercise.id) or ProgressionState(
            exercise.id, item.rung_id, item.reps, sets=item.sets
        )
        if item.load is not None:  # the weight the runner told on this session's card
            state = replace(state, load=item.load, load_unit=item.load_unit)
        new_state, change = after_session(
            exercise,
            state,
            reps_on_rung.get(item.id, []),
            runner.owned_equipment,
            item.effort or Effort.RIGHT,
        )
        saved.append(new_state)
        if change is not None:
            kind = EventKind(f"auto_{change.kind}")
            events.append(progressions.Event(exercise.id, kind, change, session.id))
    # every exercise's new state in one statement, its events in one more
    await progressions.save_states(db, runner.id, saved)
    # stamped with the session's end: a press in an extra session that day sees them
    await progressions.record_many(db, runner.id, events, at=ended_at)
    runner = await runners.update_runner(db, runner.id, last_session_at=ended_at)
    # the next leg day keeps its distance from this session (content.spacing)
    plan, respaced_from = await respaced(db, runner, now, fresh=True)
    summary = await _summary(
        db,
        library,
        plan.runner,
        ended,
        now,
        unfinished=True,
        logs=logs,
        automatic=[(event.exercise_id, event.change) for event in events],
        plan=plan,
    )
    return plan.runner, replace(summary, held_today=held, respaced_from=respaced_from)


_OPEN = (ItemStatus.ACTIVE, ItemStatus.PENDING)
_AUTOMATIC = (
    EventKind.AUTO_UP,
    EventKind.AUTO_REPS,
    EventKind.AUTO_AT_TOP,
    EventKind.AUTO_DOWN,
    EventKind.AUTO_LOAD,
)
_PRESSES = (EventKind.HARDER, EventKind.EASIER)
_PRESS_VALUES = frozenset(kind.value for kind in _PRESSES)


async def _summary(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    ended: SessionView,
    now: datetime,
    *,
    unfinished: bool,
    logs: Sequence[Any] | None = None,
    automatic: Sequence[tuple[str, ProgressionChange]] | None = None,
    plan: Replanned | None = None,
) -> Summary:
    """The summary of an ended session, from what is stored: the sets, the runner's net
    presses, the automatic changes, and the next leg day. The end of a session passes what
    it just read or wrote (the sets, the automatic changes, the plan) rather than have them
    read again."""
    wanted = _PRESSES if automatic is not None else _PRESSES + _AUTOMATIC
    events = await progressions.session_changes(db, ended.id, wanted)
    presses = [(event, change) for event, change in events if event.kind in _PRESS_VALUES]
    changes = _net_presses(library, presses)
    if automatic is None:
        automatic = [
            (event.exercise_id, change)
            for event, change in events
            if event.kind not in _PRESS_VALUES
        ]
    changes += [
        (exercise_id, change) for exercise_id, change in automatic if exercise_id in library.ids
    ]
    left: list[Closed] = []
    for item in ended.items:
        current = item.position == ended.current_position
        if unfinished and item.status is not ItemStatus.DONE and current and item.message_id:
            left.append(closed_for(library, len(ended.items), item))
    started = ended.started_at or now
    finished = ended.finished_at or now
    totals = _totals(logs if logs is not None else await sessions.set_logs(db, ended.id))
    if plan is not None:
        next_day = plan.next_leg_day(now)
    else:
        next_day = await next_leg_day(db, runner, now)
    return Summary(
        stopped=ended.status is SessionStatus.STOPPED,
        sets_done=sum(item.sets_done for item in ended.items),
        sets_planned=sum(item.sets for item in ended.items),
        exercises_done=sum(item.status is ItemStatus.DONE for item in ended.items),
        exercises_total=len(ended.items),
        minutes=max(1, round((finished - started).total_seconds() / 60)),
        changes=tuple(changes),
        next_leg_day=next_day,
        unfinished=tuple(left),
        total_reps=totals[0],
        contacts=totals[1],
        seconds_held=totals[2],
        work_seconds=totals[3],
    )


def _totals(logs: Sequence[Any]) -> tuple[int, int, int, int]:
    """Reps (both legs of a one-sided set), jump contacts, seconds held, and the time under
    work, from the sets as logged."""
    reps = contacts = held = 0
    work = 0.0
    for log in logs:
        unit, sides = Unit(log.unit), 2 if log.side else 1
        if unit is Unit.REPS:
            reps += log.reps * sides
        elif unit is Unit.CONTACTS:
            contacts += log.reps * sides
        else:
            held += log.reps * sides
        work += work_seconds(log.reps, unit, bool(log.side))
    return reps, contacts, held, round(work)


def _net_presses(
    library: Library, presses: Sequence[tuple[Any, ProgressionChange]]
) -> list[tuple[str, ProgressionChange]]:
    """One line per exercise for the runner's Harder/Easier presses: from where it started
    to where it ended; nothing when the presses cancelled out."""
    first: dict[str, ProgressionChange] = {}
    last: dict[str, ProgressionChange] = {}
    for event, change in presses:
        first.setdefault(event.exercise_id, change)
        last[event.exercise_id] = change
    net: list[tuple[str, ProgressionChange]] = []
    for exercise_id, start in first.items():
        end = last[exercise_id]
        if exercise_id not in library.ids or start.from_rung == end.to_rung:
            continue
        exercise = library.get(exercise_id)
        up = ladder.rung_index(exercise, end.to_rung) > ladder.rung_index(
            exercise, start.from_rung
        )
        net.append(
            (
                exercise_id,
                ProgressionChange(
                    ChangeKind.UP if up else ChangeKind.DOWN,
                    ChangeReason.RUNNER_HARDER if up else ChangeReason.RUNNER_EASIER,
                    start.from_rung,
                    end.to_rung,
                    0,
                    0,
                ),
            )
        )
    return net
