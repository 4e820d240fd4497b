"""What an exercise card shows, as data: built by the session flows, drawn by bot/texts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from content import ladder
from content.ladder import HarderHint, ProgressionChange
from content.library import Library
from content.model import Effort, Exercise, Level, Prescription, Rung, WeightUnit
from content.rest import Rest, rest_for
from content.session import fewer_options
from storage.enums import ItemStatus
from storage.sessions import ItemView


class Resting(StrEnum):
    """Where the card stands between sets."""

    IDLE = "idle"  # the card says how long to rest between sets
    RESTING = "resting"  # a set was just logged: rest now, the card will say when to go
    GO = "go"  # the rest is over: go


class Mode(StrEnum):
    """Which buttons the card shows."""

    SET = "set"  # Done, Fewer, Harder, Easier, Skip, How?
    FEWER = "fewer"  # the counts below the target, and Back
    WHICH = "which"  # a bare number was typed on a loaded card: the weight, or the reps?


@dataclass(frozen=True, slots=True)
class Card:
    """One exercise as the runner should see it now: where it stands in the session, the
    rung and dose, the next set, the rest between sets, the weight on a loaded rung, and a
    note on what just changed (with Harder's hint at the top of the runner's kit)."""

    item: ItemView
    total: int
    exercise: Exercise
    rung: Rung
    rung_index: int
    rest: Rest
    note: ProgressionChange | None = None
    hint: HarderHint | None = None
    resting: Resting = Resting.IDLE
    mode: Mode = Mode.SET
    weight_unit: WeightUnit = WeightUnit.KG
    typed: float | None = None  # the bare number a WHICH card asks about
    load_noted: bool = False  # a weight was just typed

    @property
    def position(self) -> int:
        """1-based place in the session."""
        return self.item.position + 1

    @property
    def set_number(self) -> int:
        """The set the runner is on (the last one once all are logged)."""
        return min(self.item.sets_done + 1, self.item.sets)

    @property
    def prescription(self) -> Prescription:
        return self.item.prescription

    @property
    def ask_load(self) -> bool:
        """A loaded rung whose weight the runner has not told yet: asked once, on the
        exercise's first set (typing a weight on the card tells it any time)."""
        return self.rung.loaded and self.item.load is None and self.item.sets_done == 0

    @property
    def counts(self) -> tuple[int, ...]:
        """The counts Fewer offers."""
        return fewer_options(self.item.reps, self.item.unit)


@dataclass(frozen=True, slots=True)
class Closed:
    """The last state of a card that takes no more sets: done (and how it felt, or the
    question how it felt), skipped, or left when the session ended."""

    message_id: int | None
    position: int  # 1-based
    total: int
    exercise: Exercise
    status: ItemStatus
    prescription: Prescription
    item_id: int = 0
    effort: Effort | None = None
    ask_effort: bool = False  # the card asks how it felt
    last: bool = False  # the session's last exercise: the summary waits for the answer


def card_for(
    library: Library,
    total: int,
    item: ItemView,
    *,
    note: ProgressionChange | None = None,
    hint: HarderHint | None = None,
    resting: Resting = Resting.IDLE,
    mode: Mode = Mode.SET,
    weight_unit: WeightUnit | None = None,
    typed: float | None = None,
    load_noted: bool = False,
    level: Level | None = None,
) -> Card:
    exercise = library.get(item.exercise_id)
    rung = exercise.rung(item.rung_id) or exercise.ladder[0]
    return Card(
        item,
        total,
        exercise,
        rung,
        ladder.rung_index(exercise, rung.id),
        rest_for(rung, level),
        note,
        hint,
        resting,
        mode,
        item.load_unit or weight_unit or WeightUnit.KG,
        typed,
        load_noted,
    )


def closed_for(
    library: Library,
    total: int,
    item: ItemView,
    *,
    ask_effort: bool = False,
    last: bool = False,
) -> Closed:
    return Closed(
        message_id=item.message_id,
        position=item.position + 1,
        total=total,
        exercise=library.get(item.exercise_id),
        status=item.status,
        prescription=item.prescription,
        item_id=item.id,
        effort=item.effort,
        ask_effort=ask_effort,
        last=last,
    )
