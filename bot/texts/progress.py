"""The one sentence behind each progression change, from its reason code and numbers."""

from __future__ import annotations

from bot.texts.amounts import EQUIPMENT_PHRASES, amount, weight
from content.ladder import ChangeReason, HarderHint, ProgressionChange
from content.model import Exercise, Rung, WeightUnit


def _rung(exercise: Exercise, rung_id: str) -> Rung:
    return exercise.rung(rung_id) or exercise.ladder[0]


def change_sentence(exercise: Exercise, change: ProgressionChange) -> str:
    """Why this exercise changed, in one sentence the runner can act on."""
    before, after = _rung(exercise, change.from_rung), _rung(exercise, change.to_rung)
    reason = change.reason
    if reason is ChangeReason.RUNNER_HARDER:
        return moved("Harder", after.name)
    if reason is ChangeReason.RUNNER_EASIER:
        return moved("Easier", after.name)
    if reason is ChangeReason.TOP_OF_RANGE:
        return (
            f"All {change.sets} sets at {amount(change.to_reps, before)}, the top of the "
            "range: one more session like that moves you up."
        )
    if reason is ChangeReason.STEP_UP:
        return (
            f"All {change.sets} sets at {amount(before.rep_max, before)} in two sessions "
            f"running: up to {after.name}."
        )
    if reason is ChangeReason.TOP_RUNG:
        return (
            f"All {change.sets} sets at {amount(change.to_reps, before)} in two sessions "
            f"running, and {before.name} is the top rung your equipment allows."
        )
    if reason is ChangeReason.RAISE_CONTACTS:
        return (
            f"All {change.sets} sets at {amount(change.from_reps, before)} in two sessions "
            f"running: next time aim for {amount(change.to_reps, before)}."
        )
    if reason is ChangeReason.RAISE_TARGET:
        return (
            f"All {change.sets} sets done at {amount(change.from_reps, before)}: "
            f"next time aim for {amount(change.to_reps, before)}."
        )
    if reason is ChangeReason.BREAK_RUNG_DOWN:
        return (
            f"{change.days} days since your last session: back one rung to {after.name} "
            "to rebuild."
        )
    if reason is ChangeReason.BREAK_REPS_RESET:
        return (
            f"{change.days} days since your last session: back to "
            f"{amount(change.to_reps, after)} a set to rebuild."
        )
    if reason is ChangeReason.RACE_RUNG_DOWN:
        return f"First session after your race: back one rung to {after.name} to rebuild."
    if reason is ChangeReason.RACE_REPS_RESET:
        return (
            f"First session after your race: back to {amount(change.to_reps, after)} a set "
            "to rebuild."
        )
    if reason is ChangeReason.BOTTOM:
        return at_bottom()
    if reason is ChangeReason.TOP_OF_KIT:
        return at_top(exercise, HarderHint(None))  # without its hint
    return _listening(change, before, after)


def _listening(change: ProgressionChange, before: Rung, after: Rung) -> str:
    """The sentences of progress that follows what the runner did and felt."""
    reason, sets = change.reason, change.sets
    unit = change.load_unit or WeightUnit.KG
    sentences = {
        ChangeReason.ONE_STEP_PER_SESSION: (
            "One step up per exercise per session: your legs adapt between sessions. "
            "I'll offer the next rung next time."
        ),
        ChangeReason.EASED_REPS: (
            f"Easier: {amount(change.to_reps, before)} a set. I'll keep this for next time."
        ),
        ChangeReason.EASED_SETS: f"Easier: {sets} sets. I'll keep this for next time.",
        ChangeReason.EASY_RAISE: (
            f"Easy two sessions running: next time aim for {amount(change.to_reps, before)}."
        ),
        ChangeReason.EASY_STEP_UP: (
            f"All {sets} sets at the top of the range and easy two sessions running: "
            f"up to {after.name} now."
        ),
        ChangeReason.MISSED_LOWER: (
            f"Short of {amount(change.from_reps, before)} two sessions running: next time "
            f"aim for {amount(change.to_reps, before)}."
        ),
        ChangeReason.HARD_LOWER: (
            f"Hard two sessions running: next time aim for {amount(change.to_reps, before)}."
        ),
        ChangeReason.MISSED_RUNG_DOWN: (
            "Short of the target two sessions running at the bottom of the range: "
            f"back to {after.name} to build up again."
        ),
        ChangeReason.HARD_RUNG_DOWN: (
            "Hard two sessions running at the bottom of the range: "
            f"back to {after.name} to build up again."
        ),
        ChangeReason.HEAVIER: (
            f"All {sets} sets at the top of the range on the top rung: next time pick up "
            f"{weight(change.to_load or 0, unit)} (from {weight(change.from_load or 0, unit)}) "
            f"and start again at {amount(change.to_reps, before)}."
        ),
        ChangeReason.NEEDS_WEIGHT: (
            f"All {sets} sets at the top of the range on the top rung. Tell me your "
            "dumbbell weight on the card (type it, like 12 kg) and I'll raise it next time."
        ),
    }
    if reason is ChangeReason.REBUILD:
        if change.to_reps != change.from_reps:
            return f"Strong work: next time {amount(change.to_reps, before)} a set."
        return f"Strong work: back up to {sets} sets next time."
    return sentences.get(reason, "")


def moved(word: str, rung_name: str) -> str:
    return f"{word}: now {rung_name}. I'll keep this for next time."


def at_top(exercise: Exercise, hint: HarderHint) -> str:
    return f"This is the top of what your kit allows. {hint_sentence(exercise, hint)}"


def at_bottom() -> str:
    return "This is already the easiest version. Take it slow, or press Skip: no shame in that."


def hint_sentence(exercise: Exercise, hint: HarderHint) -> str:
    """What Harder offers: the next rung and what changes, or how to keep progressing at the
    top, then the kit that would unlock more ("A long band would unlock: ...")."""
    if hint.next_rung is not None:
        return f"Next rung: {hint.next_rung.name}. {hint.next_rung.change}"
    parts = [exercise.beyond_top]
    for unlock in hint.unlocks:
        phrase = " and ".join(EQUIPMENT_PHRASES[item] for item in sorted(unlock.missing))
        parts.append(f"{phrase[0].upper()}{phrase[1:]} would unlock: {unlock.rung.name}.")
    return " ".join(parts)
