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

from bot.flows.cards import Card, Closed, Mode, Resting, card_for, closed_for
from bot.flows.session import Summary
from content import ladder, spacing
from content.ladder import (
    ChangeKind,
    ChangeReason,
    Direction,
    HarderHint,
    ProgressionChange,
    ProgressionState,
)
from content.library import Library
from content.load import unit_for
from content.model import Effort, Equipment, WeightUnit
from storage import presses, sessions
from storage.enums import EventKind, ItemStatus, SessionStatus
from storage.fast import FastPath
from storage.presses import PressView
from storage.sessions import ItemView


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
    TODAY = "today"  # Harder in an extra session on what moved today: nothing moved
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
    # the runner's stored language, read on the fast path (no runner loaded): the answer and
    # the redraw speak it (``bot.i18n.use_language``); None where the runner was loaded
    language: str | None = None


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
    language = logged.language
    library = library.localized(language)
    if item.sets_done < item.sets:
        rest = 0
        resting = Resting.IDLE
        if logged.rest_timer:
            rest = card_for(library, total, item, level=level).rest.timer
            resting = Resting.RESTING
        card = card_for(library, total, item, resting=resting, level=level)
        return PressResult(
            PressOutcome.LOGGED, card=card, sets_done=item.sets_done, rest=rest, language=language
        )
    return await _close_fast(
        fast, library, item, total, ItemStatus.DONE, PressOutcome.COMPLETED, language
    )


async def _close_fast(
    fast: FastPath,
    library: Library,
    item: ItemView,
    total: int,
    status: ItemStatus,
    outcome: PressOutcome,
    language: str,
) -> PressResult | None:
    """Close the current exercise and make the next current, in one transaction. A done
    exercise's card asks how it felt; the session's last one keeps the summary waiting for
    the answer. ``library`` is in the runner's ``language``."""
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
        return PressResult(
            outcome, closed=closed, next_card=card, sets_done=item.sets_done, language=language
        )
    if done:  # the last exercise: its effort question comes before the summary
        return PressResult(outcome, closed=closed, sets_done=item.sets_done, language=language)
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
    result = await _press_view(fast, library.localized(view.language), view, action, token, now)
    return None if result is None else replace(result, language=view.language)


async def _press_view(
    fast: FastPath,
    library: Library,
    view: PressView,
    action: Action,
    token: str,
    now: datetime,
) -> PressResult | None:
    """A press on the current exercise other than Done or a count, on its ``view``."""
    item = view.item
    if action in (Action.FEWER, Action.BACK):
        if token != str(item.sets_done):
            return None
        mode, outcome = (
            (Mode.FEWER, PressOutcome.PICKING)
            if action is Action.FEWER
            else (Mode.SET, PressOutcome.BACK)
        )
        return PressResult(outcome, card=card_view(library, view, mode=mode))
    if action is Action.WEIGHT:
        pair = parse_pair(token)
        if pair is None or pair[0] != item.sets_done:
            return None
        return await store_load(fast, library, view, pair[1] / 10, None)
    if action is Action.SKIP:
        if item.position + 1 >= view.total:
            return None  # the last exercise: skipping it ends the session (the full view)
        return await _close_fast(
            fast,
            library,
            item,
            view.total,
            ItemStatus.SKIPPED,
            PressOutcome.SKIPPED,
            view.language,
        )
    exercise = library.get(item.exercise_id)
    if token != rung_token(ladder.rung_index(exercise, item.rung_id)):
        return None
    direction = Direction.UP if action is Action.HARDER else Direction.DOWN
    # Harder waits a day; Easier never does (a set too hard is answered at once)
    if direction is Direction.UP and await _moved_today(fast, view, now):
        same = (item.rung_id, item.rung_id, item.reps, item.reps)
        change = ProgressionChange(ChangeKind.HELD, ChangeReason.MOVED_TODAY, *same)
        card = card_view(library, view, note=change)
        return PressResult(PressOutcome.TODAY, card=card, change=change)
    return await _move_fast(fast, library, view, direction, now)


# The events that move a ladder (a restart after a break belongs to no session).
MOVES = frozenset(
    {
        EventKind.HARDER,
        EventKind.EASIER,
        EventKind.AUTO_UP,
        EventKind.AUTO_REPS,
        EventKind.AUTO_DOWN,
        EventKind.AUTO_LOAD,
    }
)


async def _moved_today(fast: FastPath, view: PressView, now: datetime) -> bool:
    """Whether the press's exercise moved today in another session while this one is an
    extra session that day (``content.spacing.may_move``). The first session of a day, the
    usual case, decides on the press's own read; an extra one reads one row more."""
    zone = view.time_zone or "UTC"
    if not spacing.extra_session(view.last_session_at, now, zone):
        return False
    moved = await presses.moved_at(fast, view, MOVES)
    return not spacing.may_move(view.last_session_at, moved, now, zone)


def card_view(
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
    """The card of a press's item, in the runner's language (``view.language``)."""
    return card_for(
        library.localized(view.language),
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
        card = card_view(library, view, note=change)
        return PressResult(PressOutcome.HELD, card=card, change=change)
    if change.kind in (ChangeKind.AT_TOP, ChangeKind.AT_BOTTOM):
        hint = None
        if change.kind is ChangeKind.AT_TOP:
            rung = exercise.rung(item.rung_id) or exercise.ladder[0]
            hint = ladder.harder_hint(exercise, rung, equipment)
        card = card_view(library, view, note=change, hint=hint)
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
    card = card_view(library, replace(view, item=item), note=change)
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
    library = library.localized(view.language)
    if effort is not None:
        stored = await presses.set_effort(fast, item_id, telegram_user_id, effort.value)
        if stored is None:
            return None
        item = stored
    closed = closed_for(library, view.total, item)
    return PressResult(PressOutcome.EFFORT, closed=closed, effort=effort, language=view.language)


async def store_load(
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
    card = card_view(library, replace(view, item=stored), load_noted=True)
    return PressResult(PressOutcome.LOAD, card=card, language=view.language)


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
    return card_view(library, view, resting=Resting.GO)
