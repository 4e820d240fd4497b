"""What an exercise card shows, as data: built by the session flows, drawn by bot/texts."""

from __future__ import annotations

from dataclasses import dataclass

from content import ladder
from content.ladder import HarderHint, ProgressionChange
from content.library import Library
from content.model import Exercise, Prescription, Rung
from storage.enums import ItemStatus
from storage.sessions import ItemView


@dataclass(frozen=True, slots=True)
class Card:
    """One exercise as the runner should see it now: where it stands in the session, the
    rung and dose, the next set, and a note on what just changed (with Harder's hint at the
    top of the runner's kit)."""

    item: ItemView
    total: int
    exercise: Exercise
    rung: Rung
    rung_index: int
    note: ProgressionChange | None = None
    hint: HarderHint | None = None

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


@dataclass(frozen=True, slots=True)
class Closed:
    """The last state of a card that no longer takes presses: done, skipped or left when
    the session ended."""

    message_id: int | None
    position: int  # 1-based
    total: int
    exercise: Exercise
    status: ItemStatus
    prescription: Prescription


def card_for(
    library: Library,
    total: int,
    item: ItemView,
    *,
    note: ProgressionChange | None = None,
    hint: HarderHint | None = None,
) -> Card:
    exercise = library.get(item.exercise_id)
    rung = exercise.rung(item.rung_id) or exercise.ladder[0]
    return Card(item, total, exercise, rung, ladder.rung_index(exercise, rung.id), note, hint)


def closed_for(library: Library, total: int, item: ItemView) -> Closed:
    return Closed(
        message_id=item.message_id,
        position=item.position + 1,
        total=total,
        exercise=library.get(item.exercise_id),
        status=item.status,
        prescription=item.prescription,
    )
