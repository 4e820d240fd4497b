"""A press on an exercise card (or its typed equivalent), judged against the stored session.

The usual presses run on the fast path (``press_fast``: one read and at most one short
transaction, no runner load): Done and its Fewer counts, Harder, Easier, Skip, closing an
exercise, the effort answer, a typed weight. Anything unusual (a card that is behind the
stored state, another exercise's card, the end of the session) returns None there and is
resolved by :func:`press` on the full stored session, so every press on any card brings the
runner to the stored state: a stale card is redrawn, a closed exercise's card sends the
current one, and a summary that never arrived is sent again.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.flows.cards import Card, Closed, Mode, Resting, card_for, closed_for
from bot.flows.session import STALE_AFTER, Summary, end_session, summary_of
from content import ladder
from content.answers import Fit, Option, Reading, read_answer
from content.answerwords import Meaning
from content.ladder import (
    ChangeKind,
    Direction,
    HarderHint,
    ProgressionChange,
    ProgressionState,
)
from content.library import Library
from content.load import WeightReading, read_weight, unit_for
from content.model import Effort, Equipment, WeightUnit
from storage import presses, sessions
from storage.enums import EventKind, ItemStatus, SessionStatus
from storage.fast import FastPath
from storage.presses import PressView
from storage.runners import RunnerProfile
from storage.sessions import ItemView, SessionView


class Action(StrEnum):
    """The buttons of an exercise card (callback data ``s:<item>:<action>:<state>``)."""

    DONE = "d"
    FEWER = "f"  # show the counts below the target
    COUNT = "n"  # a set that counted fewer (``<sets done>_<count>``)
    BACK = "b"  # from the counts back to the card
    HARDER = "h"
    EASIER = "e"
    SKIP = "s"
    HOW = "w"
    EFFORT = "y"  # how a finished exercise felt (``e``, ``r``, ``h``, or ``s`` to skip)
    WEIGHT = "k"  # a typed bare number was the weight (``<sets done>_<tenths>``)


class PressOutcome(StrEnum):
    """What a press did."""

    LOGGED = "logged"  # a set logged; the card shows the next set
    COMPLETED = "completed"  # the last set logged; the exercise closes
    MOVED = "moved"  # Harder or Easier moved the rung
    EASED = "eased"  # Easier on the first rung: a smaller dose
    REFUSED = "refused"  # Harder at the top, Easier at the floor: nothing moved
    HELD = "held"  # a second Harder in one session: offered next time
    SKIPPED = "skipped"  # the exercise skipped
    PICKING = "picking"  # the card shows the counts below the target
    BACK = "back"  # the card shows its buttons again
    EFFORT = "effort"  # how the exercise felt is noted
    LOAD = "load"  # the weight is noted
    WHICH = "which"  # a bare number: the weight or the reps?
    HOW = "how"  # the runner asked how to do it
    BEHIND = "behind"  # the card was behind the stored state: it is redrawn
    ELSEWHERE = "elsewhere"  # that exercise is closed: the current card is sent anew
    AWAITING = "awaiting"  # the last exercise's effort question is open
    UNSURE = "unsure"  # typed words that could mean more than one button: ask which
    ENDED = "ended"  # the session is over
    NOT_YOURS = "not_yours"
    UNKNOWN = "unknown"  # no such exercise card (forged or deleted)


@dataclass(frozen=True, slots=True)
class PressResult:
    """Everything the handler needs to answer a press and redraw the chat.

    ``card`` is what the pressed message (or, for typed input, the exercise's live card)
    shows now; ``closed`` is what a card that takes no more sets shows; ``next_card`` is sent
    below; ``ask`` re-sends an open effort question; ``summary`` ends the session. ``rest``
    is the rest to time before the card says "Go" (0: no timer).
    """

    outcome: PressOutcome
    card: Card | None = None
    closed: Closed | None = None
    next_card: Card | None = None
    ask: Closed | None = None
    summary: Summary | None = None
    change: ProgressionChange | None = None
    exercise_id: str | None = None
    sets_done: int = 0
    action: Action | None = None
    rest: int = 0
    effort: Effort | None = None


EFFORT_CODES: dict[str, Effort | None] = {
    "e": Effort.EASY,
    "r": Effort.RIGHT,
    "h": Effort.HARD,
    "s": None,
}


def rung_token(rung_index: int) -> str:
    """The state a Harder/Easier button carries: the rung's place on the ladder."""
    return f"r{rung_index}"


def count_token(sets_done: int, count: int) -> str:
    return f"{sets_done}_{count}"


def parse_pair(token: str) -> tuple[int, int] | None:
    first, _, second = token.partition("_")
    if not (first.isdigit() and second.isdigit()) or len(token) > 16:
        return None
    return int(first), int(second)


# -- the fast path ---------------------------------------------------------------------------


async def log_set(
    fast: FastPath,
    library: Library,
    telegram_user_id: int,
    item_id: int,
    expected_done: int,
    now: datetime,
    *,
    reps: int | None = None,
) -> PressResult | None:
    """Done (or a Fewer count): log the set in one statement; the exercise closes on its
    last set. None when the press did not apply, or closing needs the full view."""
    logged = await sessions.log_set(
        fast,
        item_id=item_id,
        telegram_user_id=telegram_user_id,
        expected_done=expected_done,
        now=now,
        reps=reps,
    )
    if logged is None:
        return None
    item, total, level = logged.item, logged.total, logged.level
    if item.sets_done < item.sets:
        rest = 0
        resting = Resting.IDLE
        if logged.rest_timer:
            rest = card_for(library, total, item, level=level).rest.timer
            resting = Resting.RESTING
        card = card_for(library, total, item, resting=resting, level=level)
        return PressResult(PressOutcome.LOGGED, card=card, sets_done=item.sets_done, rest=rest)
    return await _close_fast(fast, library, item, total, ItemStatus.DONE, PressOutcome.COMPLETED)


async def _close_fast(
    fast: FastPath,
    library: Library,
    item: ItemView,
    total: int,
    status: ItemStatus,
    outcome: PressOutcome,
) -> PressResult | None:
    """Close the current exercise and make the next current, in one transaction. A done
    exercise's card asks how it felt; the session's last one keeps the summary waiting for
    the answer."""
    advanced = await presses.close_and_advance(fast, item, status)
    if advanced is None:
        return None
    done = status is ItemStatus.DONE
    last = advanced.next_item is None
    closed = closed_for(
        library, total, replace(item, status=status), ask_effort=done, last=last and done
    )
    if advanced.next_item is not None:
        card = card_for(library, total, advanced.next_item)
        return PressResult(outcome, closed=closed, next_card=card, sets_done=item.sets_done)
    if done:  # the last exercise: its effort question comes before the summary
        return PressResult(outcome, closed=closed, sets_done=item.sets_done)
    return None  # the last exercise skipped: the session ends, with the full view


async def press_fast(
    fast: FastPath,
    library: Library,
    telegram_user_id: int,
    item_id: int,
    action: Action,
    token: str,
    now: datetime,
) -> PressResult | None:
    """The usual presses on the current exercise, or an effort answer; None when the press
    needs the full view (then :func:`press` resolves it)."""
    if action is Action.DONE:
        expected = token if token.isdigit() and len(token) < 6 else None
        if expected is None:
            return None
        return await log_set(fast, library, telegram_user_id, item_id, int(expected), now)
    if action is Action.COUNT:
        pair = parse_pair(token)
        if pair is None:
            return None
        return await log_set(
            fast, library, telegram_user_id, item_id, pair[0], now, reps=max(0, pair[1])
        )
    if action is Action.EFFORT:
        return await _effort_fast(fast, library, telegram_user_id, item_id, token)
    if action is Action.HOW:
        return None
    view = await presses.view(fast, item_id, telegram_user_id)
    if view is None or not view.is_current or view.item.sets_done >= view.item.sets:
        return None
    item = view.item
    if action in (Action.FEWER, Action.BACK):
        if token != str(item.sets_done):
            return None
        mode, outcome = (
            (Mode.FEWER, PressOutcome.PICKING)
            if action is Action.FEWER
            else (Mode.SET, PressOutcome.BACK)
        )
        return PressResult(outcome, card=_card(library, view, mode=mode))
    if action is Action.WEIGHT:
        pair = parse_pair(token)
        if pair is None or pair[0] != item.sets_done:
            return None
        return await _store_load(fast, library, view, pair[1] / 10, None)
    if action is Action.SKIP:
        if item.position + 1 >= view.total:
            return None  # the last exercise: skipping it ends the session (the full view)
        return await _close_fast(
            fast, library, item, view.total, ItemStatus.SKIPPED, PressOutcome.SKIPPED
        )
    exercise = library.get(item.exercise_id)
    if token != rung_token(ladder.rung_index(exercise, item.rung_id)):
        return None
    direction = Direction.UP if action is Action.HARDER else Direction.DOWN
    return await _move_fast(fast, library, view, direction, now)


def _card(
    library: Library,
    view: PressView,
    *,
    note: ProgressionChange | None = None,
    hint: HarderHint | None = None,
    resting: Resting = Resting.IDLE,
    mode: Mode = Mode.SET,
    typed: float | None = None,
    load_noted: bool = False,
) -> Card:
    return card_for(
        library,
        view.total,
        view.item,
        note=note,
        hint=hint,
        resting=resting,
        mode=mode,
        weight_unit=view.weight_unit or unit_for(view.language),
        typed=typed,
        load_noted=load_noted,
        level=view.level,
    )


async def _move_fast(
    fast: FastPath, library: Library, view: PressView, direction: Direction, now: datetime
) -> PressResult | None:
    """Harder or Easier: at most one rung up per session; Easier on the first rung eases
    the dose; the item, the progression and the event in one transaction."""
    item = view.item
    exercise = library.get(item.exercise_id)
    equipment = view.equipment | {Equipment.NONE}
    here = ProgressionState(exercise.id, item.rung_id, item.reps, sets=item.sets)
    state, change = ladder.move(exercise, here, direction, equipment, moved_up=item.moved_up)
    if change.kind is ChangeKind.HELD:
        await presses.hold(fast, view, state, now)
        card = _card(library, view, note=change)
        return PressResult(PressOutcome.HELD, card=card, change=change)
    if change.kind in (ChangeKind.AT_TOP, ChangeKind.AT_BOTTOM):
        hint = None
        if change.kind is ChangeKind.AT_TOP:
            rung = exercise.rung(item.rung_id) or exercise.ladder[0]
            hint = ladder.harder_hint(exercise, rung, equipment)
        card = _card(library, view, note=change, hint=hint)
        return PressResult(PressOutcome.REFUSED, card=card, change=change)
    target = exercise.rung(state.rung_id)
    assert target is not None
    dose = ladder.prescription(exercise, target, state.reps, state.sets)
    sets = max(dose.sets, item.sets_done + 1)
    eased = change.kind is ChangeKind.EASED
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
        moved_up=direction is Direction.UP,
    )
    if not moved:
        return None
    item = replace(
        item,
        rung_id=target.id,
        reps=dose.reps,
        sets=sets,
        per_side=dose.per_side,
        unit=dose.unit,
        moved_up=item.moved_up or direction is Direction.UP,
        offer_harder=False,
    )
    card = _card(library, replace(view, item=item), note=change)
    outcome = PressOutcome.EASED if eased else PressOutcome.MOVED
    return PressResult(outcome, card=card, change=change)


async def _effort_fast(
    fast: FastPath, library: Library, telegram_user_id: int, item_id: int, token: str
) -> PressResult | None:
    """How a finished exercise felt. The last exercise's answer ends the session, which
    needs the full view (None)."""
    if token not in EFFORT_CODES:
        return None
    effort = EFFORT_CODES[token]
    view = await presses.view(fast, item_id, telegram_user_id)
    if view is None or view.session_status is not SessionStatus.ACTIVE:
        return None
    if view.item.position + 1 >= view.total:
        return None  # the last one: its answer ends the session
    item = view.item
    if effort is not None:
        stored = await presses.set_effort(fast, item_id, telegram_user_id, effort.value)
        if stored is None:
            return None
        item = stored
    closed = closed_for(library, view.total, item)
    return PressResult(PressOutcome.EFFORT, closed=closed, effort=effort)


async def _store_load(
    fast: FastPath,
    library: Library,
    view: PressView,
    value: float,
    unit: WeightUnit | None,
) -> PressResult | None:
    chosen = unit or view.item.load_unit or view.weight_unit or unit_for(view.language)
    stored = await presses.set_load(fast, view.item.id, value, chosen.value)
    if stored is None:
        return None
    card = _card(library, replace(view, item=stored), load_noted=True)
    return PressResult(PressOutcome.LOAD, card=card)


# -- typed on a card ------------------------------------------------------------------------

# The buttons on screen during a session, as typed words can name them (content.answers):
# the live card's, and the effort question of the exercise just finished.
_CARD_OPTIONS = (
    Option(Action.DONE, "Done", (Meaning.DONE,)),
    Option(Action.FEWER, "Fewer"),
    Option(Action.HARDER, "Harder", (Meaning.HARDER,)),
    Option(Action.EASIER, "Easier", (Meaning.EASIER,)),
    Option(Action.SKIP, "Skip", (Meaning.SKIP,)),
    Option(Action.HOW, "How?", (Meaning.HOW,)),
)
_EFFORT_OPTIONS = (
    Option("y:e", "Easy"),
    Option("y:r", "Just right"),
    Option("y:h", "Hard"),
)


@dataclass(frozen=True, slots=True)
class Typed:
    """Text typed during a session, and the live card it acted on."""

    result: PressResult | None
    message_id: int | None
    unsure: tuple[str, ...] = ()  # the buttons it could mean, when it was not clear
    # a press the full view must resolve (the last exercise's effort ends the session)
    full: tuple[int, Action, str] | None = None


async def typed(
    fast: FastPath, library: Library, telegram_user_id: int, text: str, now: datetime
) -> Typed | None:
    """Text typed while a session is going: a button's words count as pressing it (the
    live card's, or the open question how the last exercise felt: "hard" is that answer,
    not Harder), a weight with its unit ("12.5 kg") is noted on a loaded card, and a bare
    number asks whether it was the weight or the reps (or logs the reps where nothing is
    lifted). None when the text is not about the session."""
    words = " ".join(text.split())
    if not words or len(words) > 40:
        return None
    view = await presses.current(fast, telegram_user_id)
    open_question = await presses.unrated(fast, telegram_user_id)
    if view is None and open_question is None:
        return None
    shown = view or open_question
    language = shown.language if shown is not None else "en"
    options: tuple[Option, ...] = ()
    if view is not None and view.item.sets_done < view.item.sets:
        options += _CARD_OPTIONS
    if open_question is not None:
        options += _EFFORT_OPTIONS
    reading = read_answer(words, options, language) if options else None
    if reading is not None:
        return await _typed_button(
            fast, library, telegram_user_id, view, open_question, reading, now
        )
    if view is None or view.item.sets_done >= view.item.sets:
        return None
    return await _typed_number(fast, library, telegram_user_id, view, words, now)


async def _typed_button(
    fast: FastPath,
    library: Library,
    telegram_user_id: int,
    view: PressView | None,
    open_question: PressView | None,
    reading: Reading,
    now: datetime,
) -> Typed | None:
    live = view.item.message_id if view is not None else None
    if reading.fit is Fit.UNSURE:
        labels = tuple(
            option.label
            for option in (*_CARD_OPTIONS, *_EFFORT_OPTIONS)
            if option.value in reading.candidates
        )
        return Typed(PressResult(PressOutcome.UNSURE), live, labels)
    value = reading.value or ""
    if value.startswith("y:") and open_question is not None:
        item = open_question.item
        result = await press_fast(
            fast, library, telegram_user_id, item.id, Action.EFFORT, value[2:], now
        )
        if result is None:  # the last exercise: its answer ends the session (full view)
            return Typed(
                PressResult(
                    PressOutcome.UNSURE,
                    exercise_id=item.exercise_id,
                    effort=EFFORT_CODES[value[2:]],
                ),
                item.message_id,
                ("effort", value[2:], str(item.id)),
            )
        return Typed(replace(result, action=Action.EFFORT), item.message_id)
    if view is None:
        return None
    action = Action(value)
    item = view.item
    token = _token_for(library, item, action)
    result = await press_fast(fast, library, telegram_user_id, item.id, action, token, now)
    if result is None and action is Action.HOW:
        result = PressResult(PressOutcome.HOW, exercise_id=item.exercise_id)
    if result is None:
        return None
    return Typed(replace(result, action=action), live)


async def _typed_number(
    fast: FastPath,
    library: Library,
    telegram_user_id: int,
    view: PressView,
    words: str,
    now: datetime,
) -> Typed | None:
    item = view.item
    reading = read_weight(words.lower())
    rung = library.get(item.exercise_id).rung(item.rung_id)
    loaded = rung is not None and rung.loaded
    if reading.reading is WeightReading.WEIGHT and loaded:
        result = await _store_load(fast, library, view, reading.value, reading.unit)
        return Typed(result, item.message_id) if result is not None else None
    if reading.reading is WeightReading.BARE and reading.value == int(reading.value):
        count = int(reading.value)
        if loaded:
            card = _card(library, view, mode=Mode.WHICH, typed=reading.value)
            return Typed(PressResult(PressOutcome.WHICH, card=card), item.message_id)
        if count <= item.reps * 3:
            result = await log_set(
                fast, library, telegram_user_id, item.id, item.sets_done, now, reps=count
            )
            return Typed(result, item.message_id) if result is not None else None
    return None


def _token_for(library: Library, item: ItemView, action: Action) -> str:
    if action in (Action.HARDER, Action.EASIER):
        return rung_token(ladder.rung_index(library.get(item.exercise_id), item.rung_id))
    if action in (Action.DONE, Action.FEWER):
        return str(item.sets_done)
    return "-"


# -- the rest timer --------------------------------------------------------------------------


async def rest_over(
    fast: FastPath,
    library: Library,
    telegram_user_id: int,
    item_id: int,
    sets_done: int,
    message_id: int,
) -> Card | None:
    """The card that says "Go" when a rest is over, if nothing happened meanwhile: the
    same set is next, on the same card, in a session still going. A press in between (on
    any instance), or a restart, leaves nothing for the timer to do (None)."""
    view = await presses.view(fast, item_id, telegram_user_id)
    if view is None or not view.is_current:
        return None
    item = view.item
    if item.sets_done != sets_done or item.message_id != message_id:
        return None
    return _card(library, view, resting=Resting.GO)


# -- the full view ---------------------------------------------------------------------------


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
    """Resolve a press the fast path did not settle, against the whole stored session.

    ``message_id`` is the message pressed, which becomes the live card of its exercise
    whenever it is redrawn.
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
    if action is Action.EFFORT:
        return await _effort(db, library, runner, session, item, token, now)
    current = session.current
    total = len(session.items)
    if current is None:  # every exercise is closed: the last one's effort question is open
        last = session.items[-1]
        ask = closed_for(library, total, last, ask_effort=True, last=True)
        return PressResult(PressOutcome.AWAITING, ask=ask, exercise_id=last.exercise_id)
    if current.sets_done >= current.sets:
        # Every set of the current exercise is logged but closing it did not finish: close
        # it now, whatever was pressed.
        return await _complete(db, library, runner, session, current, message_id, now)
    if item.status is not ItemStatus.ACTIVE:
        return _elsewhere(library, session, item, message_id)
    if action is Action.SKIP and token == "-":
        return await _skip(db, library, runner, session, item, now)
    if item.message_id != message_id:
        await sessions.set_message(db, item.id, message_id)
    unit = runner.weight_unit or unit_for(runner.language)
    card = card_for(library, total, item, weight_unit=unit)
    return PressResult(
        PressOutcome.BEHIND,
        card=card,
        sets_done=item.sets_done,
        exercise_id=item.exercise_id,
        action=action,
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
    """All sets are logged: close the exercise, ask how it felt, and move on."""
    await sessions.close_item(db, item, ItemStatus.DONE)
    fresh = await sessions.load(db, session.id)
    assert fresh is not None
    total = len(fresh.items)
    last = fresh.current is None
    closed = closed_for(
        library, total, replace(item, status=ItemStatus.DONE), ask_effort=True, last=last
    )
    if item.message_id is not None and item.message_id != message_id:
        closed = replace(closed, message_id=message_id)  # the pressed copy shows it
    if fresh.current is None:
        return PressResult(PressOutcome.COMPLETED, closed=closed)
    card = card_for(library, total, fresh.current)
    return PressResult(PressOutcome.COMPLETED, closed=closed, next_card=card)


async def complete_logged(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    item: ItemView,
    message_id: int,
    now: datetime,
) -> PressResult:
    """The fast path could not close an exercise whose last set it logged: the full view."""
    found = await sessions.item_with_session(db, item.id)
    if found is None:
        return PressResult(PressOutcome.UNKNOWN)
    fresh, session = found
    if session.status is not SessionStatus.ACTIVE:
        return await _ended(db, library, runner, session, fresh, now)
    if fresh.status is not ItemStatus.ACTIVE:
        return _elsewhere(library, session, fresh, message_id)
    return await _complete(db, library, runner, session, fresh, message_id, now)


async def _effort(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    session: SessionView,
    item: ItemView,
    token: str,
    now: datetime,
) -> PressResult:
    """How a finished exercise felt; the last one's answer (or Skip) ends the session."""
    effort = EFFORT_CODES.get(token)
    if token not in EFFORT_CODES or item.status is not ItemStatus.DONE:
        return _elsewhere(library, session, item, item.message_id or 0)
    if effort is not None:
        await sessions.set_effort(db, item.id, effort)
        item = replace(item, effort=effort)
    total = len(session.items)
    closed = closed_for(library, total, item)
    if session.current is not None:
        return PressResult(PressOutcome.EFFORT, closed=closed, effort=effort)
    summary = await end_session(db, library, runner, session, SessionStatus.FINISHED, now)
    return PressResult(PressOutcome.EFFORT, closed=closed, summary=summary, effort=effort)


async def _skip(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile,
    session: SessionView,
    item: ItemView,
    now: datetime,
) -> PressResult:
    """Skip on the full view: the exercise closes; after the last one the session ends."""
    await sessions.close_item(db, item, ItemStatus.SKIPPED)
    total = len(session.items)
    closed = closed_for(library, total, replace(item, status=ItemStatus.SKIPPED))
    fresh = await sessions.load(db, session.id)
    assert fresh is not None
    if fresh.current is not None:
        card = card_for(library, total, fresh.current)
        return PressResult(PressOutcome.SKIPPED, closed=closed, next_card=card)
    summary = await end_session(db, library, runner, fresh, SessionStatus.FINISHED, now)
    return PressResult(PressOutcome.SKIPPED, closed=closed, summary=summary)


def _elsewhere(
    library: Library, session: SessionView, item: ItemView, message_id: int
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
    summary = await summary_of(db, library, runner, session, now)
    return PressResult(PressOutcome.ENDED, closed=closed, summary=summary)
