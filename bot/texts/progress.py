"""The one sentence behind each progression change, from its reason code and numbers."""

from __future__ import annotations

from bot.i18n import _, join, weight
from bot.texts.amounts import EQUIPMENT_PHRASES, amount
from content.ladder import ChangeReason, HarderHint, ProgressionChange
from content.model import Exercise, Rung, WeightUnit


def _rung(exercise: Exercise, rung_id: str) -> Rung:
    return exercise.rung(rung_id) or exercise.ladder[0]


def change_sentence(exercise: Exercise, change: ProgressionChange) -> str:
    """Why this exercise changed, in one sentence the runner can act on."""
    before, after = _rung(exercise, change.from_rung), _rung(exercise, change.to_rung)
    reason = change.reason
    sets = change.sets
    if reason is ChangeReason.RUNNER_HARDER:
        return _("Harder: now {variation}. I'll keep this for next time.").format(
            variation=after.name
        )
    if reason is ChangeReason.RUNNER_EASIER:
        return _("Easier: now {variation}. I'll keep this for next time.").format(
            variation=after.name
        )
    if reason is ChangeReason.TOP_OF_RANGE:
        return _(
            "All {sets} sets at {amount}, the top of the range: one more session like that "
            "moves you up."
        ).format(sets=sets, amount=amount(change.to_reps, before))
    if reason is ChangeReason.STEP_UP:
        return _("All {sets} sets at {amount} in two sessions running: up to {variation}.").format(
            sets=sets, amount=amount(before.rep_max, before), variation=after.name
        )
    if reason is ChangeReason.TOP_RUNG:
        return _(
            "All {sets} sets at {amount} in two sessions running, and {variation} is the top "
            "rung your equipment allows."
        ).format(sets=sets, amount=amount(change.to_reps, before), variation=before.name)
    if reason is ChangeReason.RAISE_CONTACTS:
        return _(
            "All {sets} sets at {amount} in two sessions running: next time aim for {target}."
        ).format(
            sets=sets,
            amount=amount(change.from_reps, before),
            target=amount(change.to_reps, before),
        )
    if reason is ChangeReason.RAISE_TARGET:
        return _("All {sets} sets done at {amount}: next time aim for {target}.").format(
            sets=sets,
            amount=amount(change.from_reps, before),
            target=amount(change.to_reps, before),
        )
    if reason is ChangeReason.BREAK_RUNG_DOWN:
        return _(
            "{days} days since your last session: back one rung to {variation} to rebuild."
        ).format(days=change.days, variation=after.name)
    if reason is ChangeReason.BREAK_REPS_RESET:
        return _("{days} days since your last session: back to {amount} a set to rebuild.").format(
            days=change.days, amount=amount(change.to_reps, after)
        )
    if reason is ChangeReason.RACE_RUNG_DOWN:
        return _("First session after your race: back one rung to {variation} to rebuild.").format(
            variation=after.name
        )
    if reason is ChangeReason.RACE_REPS_RESET:
        return _("First session after your race: back to {amount} a set to rebuild.").format(
            amount=amount(change.to_reps, after)
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
    if reason is ChangeReason.ONE_STEP_PER_SESSION:
        return _(
            "One step up per exercise per session: your legs adapt between sessions. "
            "I'll offer the next rung next time."
        )
    if reason is ChangeReason.MOVED_TODAY:
        return _(
            "This exercise already changed today, so an extra session keeps it as it is: "
            "it can change again next session."
        )
    if reason is ChangeReason.EASED_REPS:
        return _("Easier: {amount} a set. I'll keep this for next time.").format(
            amount=amount(change.to_reps, before)
        )
    if reason is ChangeReason.EASED_SETS:
        return _("Easier: {sets} sets. I'll keep this for next time.").format(sets=sets)
    if reason is ChangeReason.EASY_RAISE:
        return _("Easy two sessions running: next time aim for {target}.").format(
            target=amount(change.to_reps, before)
        )
    if reason is ChangeReason.EASY_STEP_UP:
        return _(
            "All {sets} sets at the top of the range and easy two sessions running: "
            "up to {variation} now."
        ).format(sets=sets, variation=after.name)
    if reason is ChangeReason.MISSED_LOWER:
        return _("Short of {amount} two sessions running: next time aim for {target}.").format(
            amount=amount(change.from_reps, before), target=amount(change.to_reps, before)
        )
    if reason is ChangeReason.HARD_LOWER:
        return _("Hard two sessions running: next time aim for {target}.").format(
            target=amount(change.to_reps, before)
        )
    if reason is ChangeReason.MISSED_RUNG_DOWN:
        return _(
            "Short of the target two sessions running at the bottom of the range: "
            "back to {variation} to build up again."
        ).format(variation=after.name)
    if reason is ChangeReason.HARD_RUNG_DOWN:
        return _(
            "Hard two sessions running at the bottom of the range: "
            "back to {variation} to build up again."
        ).format(variation=after.name)
    if reason is ChangeReason.HEAVIER:
        return _(
            "All {sets} sets at the top of the range on the top rung: next time pick up "
            "{heavier} (from {lighter}) and start again at {amount}."
        ).format(
            sets=sets,
            heavier=weight(change.to_load or 0, unit),
            lighter=weight(change.from_load or 0, unit),
            amount=amount(change.to_reps, before),
        )
    if reason is ChangeReason.NEEDS_WEIGHT:
        return _(
            "All {sets} sets at the top of the range on the top rung. Tell me your "
            "dumbbell weight on the card (type it, like 12 kg) and I'll raise it next time."
        ).format(sets=sets)
    if reason is ChangeReason.REBUILD:
        if change.to_reps != change.from_reps:
            return _("Strong work: next time {amount} a set.").format(
                amount=amount(change.to_reps, before)
            )
        return _("Strong work: back up to {sets} sets next time.").format(sets=sets)
    return ""


def at_top(exercise: Exercise, hint: HarderHint) -> str:
    return _("This is the top of what your kit allows. {hint}").format(
        hint=hint_sentence(exercise, hint)
    )


def at_bottom() -> str:
    return _("This is already the easiest version. Take it slow, or press Skip: no shame in that.")


def hint_sentence(exercise: Exercise, hint: HarderHint) -> str:
    """What Harder offers: the next rung and what changes, or how to keep progressing at the
    top, then the kit that would unlock more ("A long band would unlock: ...")."""
    if hint.next_rung is not None:
        return _("Next rung: {variation}. {change}").format(
            variation=hint.next_rung.name, change=hint.next_rung.change
        )
    parts = [exercise.beyond_top]
    for unlock in hint.unlocks:
        kit = join(str(EQUIPMENT_PHRASES[item]) for item in sorted(unlock.missing))
        # TRANSLATORS: {kit} is what the runner would need, e.g. "a long band"; the first
        # letter of the sentence is capitalised for you.
        sentence = _("{kit} would unlock: {variation}.").format(
            kit=kit, variation=unlock.rung.name
        )
        parts.append(sentence[:1].upper() + sentence[1:])
    return " ".join(parts)
