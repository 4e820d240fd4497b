"""Leg-session use cases: begin, a press on an exercise card, and the end with its summary.

Flows orchestrate content (what to do) and storage (what is stored); they never touch
Telegram. Each returns a plain result that the session handler and screen render. All state is
in the database, so every press is judged against what is stored, never against what the card
showed: a press on a card that is behind (its redraw failed, a double tap, a copy resent
after a resume) brings the runner back to the stored state instead of doing nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.flows.cards import Card, Closed, card_for, closed_for
from bot.flows.plan import next_leg_day
from content import ladder
from content.ladder import (
    ChangeKind,
    ChangeReason,
    Direction,
    ProgressionChange,
    ProgressionState,
)
from content.legdays import race_window
from content.library import Library
from content.model import Equipment, Level
from content.progression import BREAK_DAYS, after_session, restart_after_break
from content.safety import AREAS
from content.session import SessionPlan, plan_session
from storage import presses, progressions, runners, sessions
from storage.enums import EventKind, ItemStatus, SessionStatus
from storage.fast import FastPath
from storage.models import ProgressionEvent
from storage.runners import RunnerProfile
from storage.sessions import ItemView, SessionView

# A session left open this long is closed (as stopped) when a new one is asked for.
STALE_AFTER = timedelta(hours=12)


class IntroNote(StrEnum):
    """Why this session differs from the usual one (bot/texts words each)."""

    BACK_AFTER_BREAK = "back_after_break"
    GENTLE = "gentle"
    LIGHT_TAPER = "light_taper"


@dataclass(frozen=True, slots=True)
class Intro:
    """The first message of a session: its size, the warm-up and any notes."""

    plan: SessionPlan
    notes: tuple[IntroNote, ...] = ()
    days_off: int = 0  # with BACK_AFTER_BREAK
    sore_area: str | None = None  # with GENTLE


class BeginOutcome(StrEnum):
    STARTED = "started"
    RESUMED = "resumed"


@dataclass(frozen=True, slots=True)
class Begin:
    """A session started (intro, then its first card) or one in progress resumed."""

    outcome: BeginOutcome
    card: Card | None
    intro: Intro | None = None


class Action(StrEnum):
    """The buttons of an exercise card."""

    DONE = "d"
    HARDER = "h"
    EASIER = "e"
    SKIP = "s"
    HOW = "w"


class PressOutcome(StrEnum):
    """What a press on an exercise card did."""

    LOGGED = "logged"  # a set logged; the card shows the next set
    COMPLETED = "completed"  # the last set logged; the exercise closes
    MOVED = "moved"  # Harder or Easier moved the rung
    REFUSED = "refused"  # Harder at the top, Easier at the bottom: nothing moved
    SKIPPED = "skipped"  # the exercise skipped
    HOW = "how"  # the runner asked how to do it
    BEHIND = "behind"  # the card was behind the stored state: it is redrawn
    ELSEWHERE = "elsewhere"  # that exercise is closed: the current card is sent anew
    ENDED = "ended"  # the session is over
    NOT_YOURS = "not_yours"
    UNKNOWN = "unknown"  # no such exercise card (forged or deleted)


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


@dataclass(frozen=True, slots=True)
class PressResult:
    """Everything the handler needs to answer a press and redraw the chat.

    ``card`` is what the pressed message shows now (or None: it shows ``closed``);
    ``next_card`` is sent below it; ``summary`` ends the session. ``retire`` lists message
    ids of older copies of a card that must lose their buttons.
    """

    outcome: PressOutcome
    card: Card | None = None
    closed: Closed | None = None
    next_card: Card | None = None
    summary: Summary | None = None
    change: ProgressionChange | None = None
    exercise_id: str | None = None
    sets_done: int = 0
    action: Action | None = None  # the button pressed, when the answer depends on it


# -- begin ----------------------------------------------------------------------------------


async def begin(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    now: datetime,
    *,
    planned_for: datetime | None = None,
    sore_area: str | None = None,
) -> Begin:
    """Start a leg session now, or resume the one in progress.

    A session left open for more than ``STALE_AFTER`` is closed first (as /stop would, with
    its progression applied, quietly). ``sore_area`` leaves out the exercises that load it.
    Two presses racing end with one session: the loser resumes the winner's.
    """
    active = await sessions.active_for(db, runner.id)
    if active is not None and active.started_at and now - active.started_at < STALE_AFTER:
        return _resumed(library, active)
    if active is not None:
        runner = (await _end(db, library, runner, active, SessionStatus.STOPPED, now))[0]
    session_id = await sessions.claim(db, runner.id, warmup="", now=now, planned_for=planned_for)
    if session_id is None:
        raced = await sessions.active_for(db, runner.id)
        if raced is None:  # the winner ended it meanwhile: the rare case of a third press
            raise RuntimeError("no active session after losing the race to create one")
        return _resumed(library, raced)

    notes: list[IntroNote] = []
    states = await progressions.all_states(db, runner.id)
    days_off = await _restart_after_break(db, library, runner, states, now)
    if days_off:
        notes.append(IntroNote.BACK_AFTER_BREAK)
        states = await progressions.all_states(db, runner.id)
    if sore_area is not None:
        notes.append(IntroNote.GENTLE)
    light = _in_taper(runner, now)
    if light:
        notes.append(IntroNote.LIGHT_TAPER)
    plan = plan_session(
        library,
        runner.level or Level.BEGINNER,
        runner.owned_equipment,
        states,
        session_number=await sessions.count_finished(db, runner.id),
        light=light,
        avoid=AREAS[sore_area][1] if sore_area else (),
    )
    await sessions.set_warmup(db, session_id, plan.warmup.code)
    await sessions.add_items(db, session_id, plan.items)
    session = await sessions.load(db, session_id)
    assert session is not None and session.current is not None
    intro = Intro(plan, tuple(notes), days_off=days_off, sore_area=sore_area)
    return Begin(
        BeginOutcome.STARTED, card_for(library, len(session.items), session.current), intro
    )


def _resumed(library: Library, session: SessionView) -> Begin:
    current = session.current
    card = card_for(library, len(session.items), current) if current is not None else None
    return Begin(BeginOutcome.RESUMED, card)


def _in_taper(runner: RunnerProfile, now: datetime) -> bool:
    if runner.race_date is None or not runner.time_zone:
        return False
    today = now.astimezone(ZoneInfo(runner.time_zone)).date()
    return race_window(runner.race_date, today).in_taper


async def _restart_after_break(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    states: dict[str, ProgressionState],
    now: datetime,
) -> int:
    """After two weeks or more without a session every ladder restarts one rung lower;
    returns the days off (0 when there was no such break)."""
    last = runner.last_session_at
    if last is None or not states:
        return 0
    days = (now - last).days
    if days < BREAK_DAYS:
        return 0
    for exercise_id, state in states.items():
        if exercise_id not in library.ids:
            continue
        new_state, change = restart_after_break(
            library.get(exercise_id), state, days, runner.owned_equipment
        )
        await progressions.save_state(db, runner.id, new_state)
        if change is not None:
            await progressions.record(db, runner.id, exercise_id, EventKind.RESTART, change)
    return days


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


async def press_fast(
    fast: FastPath,
    library: Library,
    telegram_user_id: int,
    item_id: int,
    action: Action,
    token: str,
    now: datetime,
) -> PressResult | None:
    """Harder, Easier and Skip on the current exercise, on the fast path (one read and one
    short transaction, no runner load); None when the press needs the full view (a card
    that is behind, another exercise, the end of the session), which :func:`press` gives."""
    if action not in (Action.HARDER, Action.EASIER, Action.SKIP):
        return None
    view = await presses.view(fast, item_id, telegram_user_id)
    if view is None or not view.is_current or view.item.sets_done >= view.item.sets:
        return None
    item = view.item
    if action is Action.SKIP:
        return await _advance_fast(fast, library, view, ItemStatus.SKIPPED, PressOutcome.SKIPPED)
    exercise = library.get(item.exercise_id)
    if token != rung_token(ladder.rung_index(exercise, item.rung_id)):
        return None
    direction = Direction.UP if action is Action.HARDER else Direction.DOWN
    here = ProgressionState(exercise.id, item.rung_id, item.reps)
    equipment = view.equipment | {Equipment.NONE}
    state, change = ladder.move(exercise, here, direction, equipment)
    if state == here:
        hint = None
        if direction is Direction.UP:
            rung = exercise.rung(item.rung_id) or exercise.ladder[0]
            hint = ladder.harder_hint(exercise, rung, equipment)
        card = card_for(library, view.total, item, note=change, hint=hint)
        return PressResult(PressOutcome.REFUSED, card=card, change=change)
    target = exercise.rung(state.rung_id)
    assert target is not None
    dose = ladder.prescription(exercise, target)
    sets = max(dose.sets, item.sets_done + 1)
    kind = EventKind.HARDER if direction is Direction.UP else EventKind.EASIER
    moved = await presses.move(
        fast,
        view,
        rung_id=target.id,
        reps=dose.reps,
        sets=sets,
        per_side=dose.per_side,
        unit=dose.unit,
        state=state,
        kind=kind,
        change=change,
        now=now,
    )
    if not moved:
        return None
    item = replace(
        item, rung_id=target.id, reps=dose.reps, sets=sets, per_side=dose.per_side, unit=dose.unit
    )
    card = card_for(library, view.total, item, note=change)
    return PressResult(PressOutcome.MOVED, card=card, change=change)


async def complete_fast(
    fast: FastPath, library: Library, item: ItemView, total: int
) -> PressResult | None:
    """The fast path logged the last set of an exercise that is not the session's last:
    close it and make the next current in one transaction. None when the session ends here
    (the summary needs the full view) or the item moved on meanwhile."""
    if item.position + 1 >= total:
        return None
    nxt = await presses.close_and_advance(fast, item, ItemStatus.DONE)
    if nxt is None:
        return None
    closed = replace(item, status=ItemStatus.DONE)
    return PressResult(
        PressOutcome.COMPLETED,
        closed=closed_for(library, total, closed),
        next_card=card_for(library, total, nxt),
        sets_done=item.sets_done,
    )


async def _advance_fast(
    fast: FastPath,
    library: Library,
    view: presses.PressView,
    status: ItemStatus,
    outcome: PressOutcome,
) -> PressResult | None:
    item = view.item
    if item.position + 1 >= view.total:
        return None  # the last exercise: the session ends, which the full view does
    nxt = await presses.close_and_advance(fast, item, status)
    if nxt is None:
        return None
    closed = closed_for(library, view.total, replace(item, status=status))
    return PressResult(outcome, closed=closed, next_card=card_for(library, view.total, nxt))


# -- a press on a card ----------------------------------------------------------------------


async def log_set_fast(
    fast: FastPath, item_id: int, telegram_user_id: int, expected_done: int, now: datetime
) -> tuple[ItemView, int] | None:
    """The Done hot path: one atomic statement; None when it did not apply (then the press
    is resolved against the stored state by :func:`press`)."""
    return await sessions.log_set(
        fast,
        item_id=item_id,
        telegram_user_id=telegram_user_id,
        expected_done=expected_done,
        now=now,
    )


def after_logged(library: Library, item: ItemView, total: int) -> PressResult | None:
    """The card after the fast path logged a set; None when the exercise is now complete
    (the caller then finishes it with :func:`press`)."""
    if item.sets_done >= item.sets:
        return None
    return PressResult(
        PressOutcome.LOGGED, card=card_for(library, total, item), sets_done=item.sets_done
    )


async def press(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    item_id: int,
    action: Action,
    token: str,
    message_id: int,
    now: datetime,
) -> PressResult:
    """Resolve a press (not handled by the Done fast path) against the stored state.

    ``token`` is what the card claimed when it was drawn (sets logged for Done, the rung's
    place for Harder/Easier); ``message_id`` is the message pressed, which becomes the live
    card of its exercise whenever it is redrawn.
    """
    found = await sessions.item_with_session(db, item_id)
    if found is None:
        return PressResult(PressOutcome.UNKNOWN)
    item, session = found
    if session.runner_id != runner.id:
        return PressResult(PressOutcome.NOT_YOURS)
    if action is Action.HOW:
        return PressResult(PressOutcome.HOW, exercise_id=item.exercise_id)
    if session.status is not SessionStatus.ACTIVE:
        return await _ended(db, library, runner, session, item, now)

    current = session.current
    if current is None:  # every exercise is closed, yet the session never ended: end it
        _runner, summary = await _end(db, library, runner, session, SessionStatus.FINISHED, now)
        return PressResult(PressOutcome.ENDED, summary=summary)
    if current.sets_done >= current.sets:
        # Every set of the current exercise is logged but closing it did not finish (a
        # Telegram failure rolled the update back): close it now, whatever was pressed.
        return await _complete(db, library, runner, session, current, message_id, now)
    if item.status is not ItemStatus.ACTIVE:
        return await _elsewhere(db, library, session, item, message_id)
    if action is Action.SKIP:
        return await _skip(db, library, runner, session, item, now)
    rung_index = ladder.rung_index(library.get(item.exercise_id), item.rung_id)
    if action is Action.DONE or token != rung_token(rung_index):
        # A Done the fast path refused, or Harder/Easier drawn before a change: the card
        # is behind what is stored. Make the pressed message the live card again.
        if item.message_id != message_id:
            await sessions.set_message(db, item.id, message_id)
        return PressResult(
            PressOutcome.BEHIND,
            card=card_for(library, len(session.items), item),
            sets_done=item.sets_done,
            exercise_id=item.exercise_id,
            action=action,
        )
    direction = Direction.UP if action is Action.HARDER else Direction.DOWN
    return await _move(db, library, runner, session, item, direction)


def rung_token(rung_index: int) -> str:
    """The state a Harder/Easier button carries: the rung's place on the ladder."""
    return f"r{rung_index}"


async def _move(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    session: SessionView,
    item: ItemView,
    direction: Direction,
) -> PressResult:
    """Harder/Easier: move this runner's progression one rung at once and redraw the card."""
    exercise = library.get(item.exercise_id)
    here = ProgressionState(exercise.id, item.rung_id, item.reps)
    state, change = ladder.move(exercise, here, direction, runner.owned_equipment)
    if state == here:
        hint = None
        if direction is Direction.UP:
            rung = exercise.rung(item.rung_id) or exercise.ladder[0]
            hint = ladder.harder_hint(exercise, rung, runner.owned_equipment)
        card = card_for(library, len(session.items), item, note=change, hint=hint)
        return PressResult(PressOutcome.REFUSED, card=card, change=change)
    target = exercise.rung(state.rung_id)
    assert target is not None
    dose = ladder.prescription(exercise, target)
    sets = max(dose.sets, item.sets_done + 1)
    changed = await sessions.change_rung(
        db,
        item,
        rung_id=target.id,
        reps=dose.reps,
        sets=sets,
        per_side=dose.per_side,
        unit=dose.unit,
    )
    if not changed:  # a press in between changed the item: show what is stored
        fresh = await sessions.item_with_session(db, item.id)
        assert fresh is not None
        return PressResult(
            PressOutcome.BEHIND, card=card_for(library, len(fresh[1].items), fresh[0])
        )
    await progressions.save_state(db, runner.id, state)
    kind = EventKind.HARDER if direction is Direction.UP else EventKind.EASIER
    await progressions.record(db, runner.id, exercise.id, kind, change, session_id=session.id)
    moved = replace(
        item,
        rung_id=target.id,
        reps=dose.reps,
        sets=sets,
        per_side=dose.per_side,
        unit=dose.unit,
    )
    card = card_for(library, len(session.items), moved, note=change)
    return PressResult(PressOutcome.MOVED, card=card, change=change)


async def _skip(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    session: SessionView,
    item: ItemView,
    now: datetime,
) -> PressResult:
    if not await sessions.close_item(db, item, ItemStatus.SKIPPED):
        return await _elsewhere(db, library, session, item, item.message_id or 0)
    closed = closed_for(library, len(session.items), replace(item, status=ItemStatus.SKIPPED))
    return await _next_or_finish(
        db, library, runner, session.id, PressOutcome.SKIPPED, closed, now
    )


async def _complete(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    session: SessionView,
    item: ItemView,
    message_id: int,
    now: datetime,
) -> PressResult:
    """All sets are logged: close the exercise and move on."""
    await sessions.close_item(db, item, ItemStatus.DONE)
    closed = closed_for(library, len(session.items), replace(item, status=ItemStatus.DONE))
    if item.message_id is not None and item.message_id != message_id:
        # the press came from another copy: that copy shows the end state too
        closed = replace(closed, message_id=message_id)
    return await _next_or_finish(
        db, library, runner, session.id, PressOutcome.COMPLETED, closed, now
    )


async def complete_logged(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    item: ItemView,
    message_id: int,
    now: datetime,
) -> PressResult:
    """The fast path logged the last set of an exercise: close it and move on."""
    found = await sessions.item_with_session(db, item.id)
    if found is None:
        return PressResult(PressOutcome.UNKNOWN)
    fresh, session = found
    if session.status is not SessionStatus.ACTIVE:
        return await _ended(db, library, runner, session, fresh, now)
    if fresh.status is not ItemStatus.ACTIVE:
        return await _elsewhere(db, library, session, fresh, message_id)
    return await _complete(db, library, runner, session, fresh, message_id, now)


async def _next_or_finish(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    session_id: int,
    outcome: PressOutcome,
    closed: Closed,
    now: datetime,
) -> PressResult:
    session = await sessions.load(db, session_id)
    assert session is not None
    if session.current is not None:
        card = card_for(library, len(session.items), session.current)
        return PressResult(outcome, closed=closed, next_card=card)
    _runner, summary = await _end(db, library, runner, session, SessionStatus.FINISHED, now)
    return PressResult(outcome, closed=closed, summary=summary)


async def _elsewhere(
    db: AsyncSession,
    library: Library,
    session: SessionView,
    item: ItemView,
    message_id: int,
) -> PressResult:
    """A press naming an exercise that is not current. On the current exercise's own card
    (a forged or mixed-up press) that card is redrawn; elsewhere the pressed card shows its
    end state and the current card is sent anew, so the live card is the last message."""
    current = session.current
    total = len(session.items)
    closed = closed_for(library, total, item) if item.status.closed else None
    if current is None:
        return PressResult(PressOutcome.ELSEWHERE, closed=closed, exercise_id=item.exercise_id)
    card = card_for(library, total, current)
    if current.message_id == message_id:
        return PressResult(PressOutcome.ELSEWHERE, card=card, exercise_id=item.exercise_id)
    if closed is not None and closed.message_id != message_id:
        closed = replace(closed, message_id=message_id)
    return PressResult(
        PressOutcome.ELSEWHERE, closed=closed, next_card=card, exercise_id=item.exercise_id
    )


# -- the end ---------------------------------------------------------------------------------


async def stop(
    db: AsyncSession, library: Library, runner: RunnerProfile, now: datetime
) -> Summary | None:
    """/stop: end the current session early, keeping what was logged; None if none runs."""
    session = await sessions.active_for(db, runner.id)
    if session is None:
        return None
    return (await _end(db, library, runner, session, SessionStatus.STOPPED, now))[1]


async def _end(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    session: SessionView,
    status: SessionStatus,
    now: datetime,
) -> tuple[RunnerProfile, Summary | None]:
    """Close the session and apply the automatic progression; the fresh runner and the
    summary (None if the session had already ended)."""
    if not await sessions.finish(db, session.id, status, now):
        return runner, None
    ended = await sessions.load(db, session.id)
    assert ended is not None
    states = await progressions.all_states(db, runner.id)
    # What each exercise's sets were done on: after a Harder or Easier part-way through, only
    # the sets on the final rung count towards its progression.
    final_rung = {item.id: item.rung_id for item in ended.items}
    reps_on_rung: dict[int, list[int]] = {}
    for log in await sessions.set_logs(db, session.id):
        if log.rung_id == final_rung.get(log.item_id):
            reps_on_rung.setdefault(log.item_id, []).append(log.reps)
    for item in ended.items:
        if item.status is not ItemStatus.DONE:
            continue
        exercise = library.get(item.exercise_id)
        state = states.get(exercise.id) or ProgressionState(exercise.id, item.rung_id, item.reps)
        new_state, change = after_session(
            exercise, state, reps_on_rung.get(item.id, []), runner.owned_equipment
        )
        await progressions.save_state(db, runner.id, new_state)
        if change is not None:
            kind = EventKind(f"auto_{change.kind}")
            await progressions.record(db, runner.id, exercise.id, kind, change, session.id)
    runner = await runners.update_runner(db, runner.id, last_session_at=now)
    return runner, await _summary(db, library, runner, ended, now, unfinished=True)


_AUTOMATIC = (EventKind.AUTO_UP, EventKind.AUTO_REPS, EventKind.AUTO_AT_TOP, EventKind.AUTO_DOWN)


async def _summary(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    ended: SessionView,
    now: datetime,
    *,
    unfinished: bool,
) -> Summary:
    """The summary of an ended session, from what is stored: the sets, the runner's net
    presses, the automatic changes, and the next leg day."""
    changes = _net_presses(library, await progressions.session_changes(db, ended.id))
    changes += [
        (event.exercise_id, change)
        for event, change in await progressions.session_changes(db, ended.id, _AUTOMATIC)
        if event.exercise_id in library.ids
    ]
    left: list[Closed] = []
    for item in ended.items:
        current = item.position == ended.current_position
        if unfinished and item.status is not ItemStatus.DONE and current and item.message_id:
            left.append(closed_for(library, len(ended.items), item))
    started = ended.started_at or now
    finished = ended.finished_at or now
    return Summary(
        stopped=ended.status is SessionStatus.STOPPED,
        sets_done=sum(item.sets_done for item in ended.items),
        sets_planned=sum(item.sets for item in ended.items),
        exercises_done=sum(item.status is ItemStatus.DONE for item in ended.items),
        exercises_total=len(ended.items),
        minutes=max(1, round((finished - started).total_seconds() / 60)),
        changes=tuple(changes),
        next_leg_day=await next_leg_day(db, runner, now),
        unfinished=tuple(left),
    )


async def _ended(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    session: SessionView,
    item: ItemView,
    now: datetime,
) -> PressResult:
    """A press on a card of a session that has ended. The runner's latest session ended in
    the last hours gets its summary again: the one sent at the end may never have arrived."""
    closed = closed_for(library, len(session.items), item)
    latest = await sessions.latest_for(db, runner.id)
    recent = session.finished_at is not None and now - session.finished_at < STALE_AFTER
    if latest != session.id or not recent:
        return PressResult(PressOutcome.ENDED, closed=closed)
    summary = await _summary(db, library, runner, session, now, unfinished=False)
    return PressResult(PressOutcome.ENDED, closed=closed, summary=summary)


def _net_presses(
    library: Library, presses: list[tuple[ProgressionEvent, ProgressionChange]]
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
