"""How-to use cases: what a question names, and the how-to card (picture and text) for a
runner."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from content.howto import ExerciseMatch, looks_like_exercise_question, match_exercise
from content.ladder import HarderHint, harder_hint, starting_rung, step_up, usable_rung
from content.library import Library
from content.model import Equipment, Exercise, Level, Rung
from storage import progressions
from storage.runners import RunnerProfile

# Longer messages are not questions about an exercise (and are not worth matching).
MAX_QUESTION_LENGTH = 200


@dataclass(frozen=True, slots=True)
class HowtoCard:
    """An exercise's how-to with the rung that matters: the runner's own once they are set
    up (``personal``), else where a beginner with no kit starts."""

    exercise: Exercise
    current: Rung
    following: Rung | None
    hint: HarderHint | None
    personal: bool


def understand(library: Library, asked: str, *, explicit: bool) -> ExerciseMatch | None:
    """What ``asked`` names; None when free text is not about an exercise at all (then it
    is left to the help). ``explicit`` (/how) always gets an answer, "unknown" included."""
    if not explicit and len(asked) > MAX_QUESTION_LENGTH:
        return None
    match = match_exercise(asked, library)
    if match.exercise_id is not None or match.kind == "ambiguous":
        return match
    if not explicit and not looks_like_exercise_question(asked):
        return None
    return match


async def card(
    db: AsyncSession,
    library: Library,
    runner: RunnerProfile | None,
    exercise_id: str,
    rung_id: str | None = None,
) -> HowtoCard:
    """The how-to of one exercise on the runner's rung; ``rung_id`` names the rung of a card
    the runner is looking at (a session's How?), which wins when the exercise has it."""
    exercise = library.get(exercise_id)
    current = None
    equipment: frozenset[Equipment] = frozenset()
    if runner is not None and runner.onboarded and runner.level is not None:
        shown = exercise.rung(rung_id) if rung_id is not None else None
        current = shown or await _current_rung(db, runner, exercise)
        equipment = runner.equipment
    personal = current is not None
    if current is None:
        current = starting_rung(exercise, Level.BEGINNER, equipment)
    following = step_up(exercise, current.id, equipment)
    hint = None if following is not None else harder_hint(exercise, current, equipment)
    return HowtoCard(exercise, current, following, hint, personal)


async def _current_rung(db: AsyncSession, runner: RunnerProfile, exercise: Exercise) -> Rung:
    """Where the runner stands: their stored progression, else where they would start."""
    assert runner.level is not None
    state = await progressions.get_state(db, runner.id, exercise.id)
    if state is not None and exercise.rung(state.rung_id) is not None:
        # a rung whose kit the runner gave up is trained one rung lower, so show that one
        return usable_rung(exercise, state.rung_id, runner.equipment)
    return starting_rung(exercise, runner.level, runner.equipment)
