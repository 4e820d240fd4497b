"""Texts of a leg session: the intro, the exercise card, its end states and the summary, in
the current language (``bot.i18n``)."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from bot.flows.cards import Card, Closed, Mode, Resting
from bot.flows.press import PressOutcome
from bot.flows.session import Intro, IntroNote, Summary
from bot.i18n import _, join, ngettext, pgettext
from bot.i18n import number as format_number
from bot.texts.amounts import format_amount, set_count, weight
from bot.texts.common import when
from bot.texts.progress import at_top, change_sentence
from bot.texts.starts import intro_note, summary_notes
from content.ladder import ChangeReason, HarderHint
from content.library import Library
from content.model import Effort, Unit
from content.warmup import Drill, Warmup, WarmupStep
from storage.enums import ItemStatus


def _drills() -> dict[Drill, str]:
    return {
        Drill.MARCH: _("{amount} of brisk marching or easy jogging on the spot"),
        Drill.LEG_SWINGS: _("{amount} leg swings each way per leg"),
        Drill.GLUTE_BRIDGES: _("{amount} slow glute bridges"),
        Drill.EASY_SQUATS: _("{amount} easy body-weight squats"),
        Drill.REVERSE_LUNGES: _("{amount} easy reverse lunges per leg"),
        Drill.HIP_HINGES: _("{amount} hip hinges, hands on the hips"),
        Drill.EASY_CALF_RAISES: _("{amount} easy calf raises"),
        Drill.LOW_HOPS: _("{sets} x {amount} low, quick hops"),
        Drill.HIGHER_HOPS: _("{sets} x {amount} higher hops"),
        Drill.ANKLE_BOUNCES: _("{amount} of ankle bounces"),
    }


def effort_word(effort: Effort) -> str:
    """How an exercise felt, as a word inside a sentence."""
    return {
        Effort.EASY: pgettext("effort", "easy"),
        Effort.RIGHT: pgettext("effort", "just right"),
        Effort.HARD: pgettext("effort", "hard"),
    }[effort]


def _seconds(count: int) -> str:
    return ngettext("{count} s", "{count} s", count).format(count=format_number(count))


def _drill(step: WarmupStep) -> str:
    amount = _seconds(step.amount) if step.unit is Unit.SECONDS else format_number(step.amount)
    return _drills()[step.drill].format(amount=amount, sets=step.sets)


def warmup_text(warmup: Warmup) -> str:
    drills = join(_drill(step) for step in warmup.steps)
    if warmup.has_hops:
        text = _(
            "Warm up for about {minutes} minutes: {drills}. Finish the hops fresh, not tired."
        )
    else:
        text = _("Warm up for about {minutes} minutes: {drills}.")
    return text.format(minutes=warmup.minutes, drills=drills)


def _note(intro: Intro, note: IntroNote) -> str:
    if note is IntroNote.BACK_AFTER_BREAK:
        return welcome_back(intro.days_off)
    return intro_note(intro, note)  # the race, the sore areas, a replaced session


def session_intro(intro: Intro) -> str:
    plan = intro.plan
    count = len(plan.items)
    lines = [
        ngettext(
            "<b>Leg session</b>: {count} exercise, about {minutes} minutes with rests.",
            "<b>Leg session</b>: {count} exercises, about {minutes} minutes with rests.",
            count,
        ).format(count=count, minutes=plan.minutes)
    ]
    if intro.notes:
        lines.append(f"<i>{escape(' '.join(_note(intro, note) for note in intro.notes))}</i>")
    lines.append(escape(warmup_text(plan.warmup)))
    lines.append(_("Stop if anything hurts sharply: soreness is normal, pain is not."))
    return "\n".join(lines)


def _card_note(card: Card) -> str | None:
    change = card.note
    if change is None:
        return None
    if change.reason is ChangeReason.TOP_OF_KIT:
        return at_top(card.exercise, card.hint or HarderHint(None))
    return change_sentence(card.exercise, change)


def _rest_line(card: Card) -> str:
    rest = card.rest
    if card.resting is Resting.RESTING:
        return _("Rest now: about {seconds} s. I'll tell you when to go.").format(
            seconds=rest.timer
        )
    if card.resting is Resting.GO:
        return _("<b>Go: set {number} of {sets}.</b>").format(
            number=card.set_number, sets=card.prescription.sets
        )
    if rest.high < 120:
        return _("Rest {low}-{high} s between sets.").format(low=rest.low, high=rest.high)
    return _("Rest {low}-{high} min between sets.").format(low=rest.low // 60, high=2)


def exercise_card(card: Card) -> str:
    dose = card.prescription
    amount = escape(format_amount(dose))
    if card.item.load is not None and card.rung.loaded:
        amount = _("{amount} with {weight}").format(
            amount=amount, weight=escape(weight(card.item.load, card.weight_unit))
        )
    lines = [
        f"<b>{card.position}/{card.total} {escape(card.exercise.name)}</b>",
        escape(card.rung.name),
        f"<b>{amount}</b>",
        _("Cue: {cue}").format(cue=escape(card.rung.cue)),
        _rest_line(card),
        "",
        _("Set {number} of {sets}: {count}, then press Done (or Fewer if you did less).").format(
            number=card.set_number, sets=dose.sets, count=escape(set_count(dose))
        ),
    ]
    extra: list[str] = []
    if card.mode is Mode.FEWER:
        extra.append(_("How many did you do in this set?"))
    if card.mode is Mode.WHICH and card.typed is not None:
        extra.append(
            _("{number}: is that the weight or the reps of this set?").format(
                number=format_number(card.typed)
            )
        )
    if card.load_noted and card.item.load is not None:
        extra.append(
            _("Weight noted: {weight}.").format(weight=weight(card.item.load, card.weight_unit))
        )
    elif card.ask_load:
        example = weight(25 if card.weight_unit.value == "lb" else 12, card.weight_unit)
        extra.append(
            _("Using dumbbells? Type the weight, like {example}.").format(example=example)
        )
    if card.item.offer_harder:
        extra.append(_("You asked for more last time: Harder is ready when you are."))
    note = _card_note(card)
    if note:
        extra.append(note)
    if extra:
        lines += ["", *(f"<i>{escape(line)}</i>" for line in extra)]
    return "\n".join(lines)


def effort_question() -> str:
    return _(
        "<b>How did it feel?</b> Easy: 4 or more reps left in you. Just right: 2-3 left. "
        "Hard: 0-1 left."
    )


def closed_card(closed: Closed) -> str:
    """The last words of a card that takes no more sets."""
    head = f"<b>{closed.position}/{closed.total} {escape(closed.exercise.name)}</b>"
    if closed.status is ItemStatus.DONE:
        amount = escape(format_amount(closed.prescription))
        if closed.ask_effort:
            done = _("✅ {exercise}: {amount}, completed.").format(exercise=head, amount=amount)
            return f"{done}\n{effort_question()}"
        if closed.effort is not None:
            felt = {
                Effort.EASY: _("✅ {exercise}: {amount}, completed, felt easy."),
                Effort.RIGHT: _("✅ {exercise}: {amount}, completed, felt just right."),
                Effort.HARD: _("✅ {exercise}: {amount}, completed, felt hard."),
            }[closed.effort]
            return felt.format(exercise=head, amount=amount)
        return _("✅ {exercise}: {amount}, completed.").format(exercise=head, amount=amount)
    if closed.status is ItemStatus.SKIPPED:
        return _("⏭ {exercise}: skipped.").format(exercise=head)
    return _("{exercise}: session ended.").format(exercise=head)


def _set_logged(sets_done: int) -> str:
    # LIMIT: 200 (an answer to a button press)
    return _("Set {number} logged.").format(number=sets_done)


def _answers() -> dict[PressOutcome, Callable[[], str]]:
    return {
        # LIMIT: 200 (an answer to a button press)
        PressOutcome.SKIPPED: lambda: _("Skipped."),
        # LIMIT: 200
        PressOutcome.PICKING: lambda: _("How many did you do?"),
        # LIMIT: 200
        PressOutcome.LOAD: lambda: _("Weight noted."),
        # LIMIT: 200
        PressOutcome.HELD: lambda: _("One step up per session."),
        # LIMIT: 200
        PressOutcome.TODAY: lambda: _("Already changed today: one change a day."),
        # LIMIT: 200
        PressOutcome.EASED: lambda: _("Easier it is."),
        # LIMIT: 200
        PressOutcome.BEHIND: lambda: _("That card was behind: here is where you are now."),
        # LIMIT: 200
        PressOutcome.AWAITING: lambda: _("How did the last one feel? Answer below, or Skip."),
        PressOutcome.ENDED: session_over,
        PressOutcome.UNKNOWN: session_over,
    }


def press_answer(
    outcome: PressOutcome, sets_done: int = 0, done: bool = False, closed: bool = False
) -> str | None:
    """The short answer under the runner's finger (a toast, at most 200 characters)."""
    if outcome is PressOutcome.BEHIND and done:
        return already_logged()
    if outcome is PressOutcome.ELSEWHERE:
        return exercise_closed() if closed else not_current()
    if outcome is PressOutcome.LOGGED or (outcome is PressOutcome.COMPLETED and sets_done):
        return _set_logged(sets_done)
    text = _answers().get(outcome)
    return text() if text is not None else None


def effort_answer(effort: Effort | None) -> str:
    if effort is None:
        # LIMIT: 200 (an answer to a button press)
        return _("Skipped.")
    return {
        # LIMIT: 200 (an answer to a button press)
        Effort.EASY: _("Noted: easy."),
        # LIMIT: 200
        Effort.RIGHT: _("Noted: just right."),
        # LIMIT: 200
        Effort.HARD: _("Noted: hard."),
    }[effort]


# The buttons typed words can mean (``bot.flows.session_words``), by their English label.
def button_name(label: str) -> str:
    """A card or effort button's name as its label reads in the current language."""
    names = {
        "Done": pgettext("card button", "Done"),
        "Fewer": pgettext("card button", "Fewer"),
        "Harder": pgettext("card button", "Harder"),
        "Easier": pgettext("card button", "Easier"),
        "Skip": pgettext("card button", "Skip"),
        "How?": pgettext("card button", "How?"),
        "Easy": pgettext("effort button", "Easy"),
        "Just right": pgettext("effort button", "Just right"),
        "Hard": pgettext("effort button", "Hard"),
    }
    return names.get(label, label)


def which_button(labels: tuple[str, ...]) -> str:
    """Typed words that could mean more than one button on screen: ask, never guess."""
    if not labels:
        return _("Did you mean that? Press the button you mean.")
    named = join((f"“{button_name(label)}”" for label in labels), "or")
    return _("Did you mean {buttons}? Press the button you mean.").format(buttons=named)


def moved_answer(up: bool, refused: bool) -> str:
    if refused:
        # LIMIT: 200 (an answer to a button press)
        return _("Top of the ladder.") if up else _("Easiest already.")
    # LIMIT: 200 (an answer to a button press)
    return _("Harder it is.") if up else _("Easier it is.")


def exercise_closed() -> str:
    # LIMIT: 200 (an answer to a button press)
    return _("That exercise is already finished.")


def not_current() -> str:
    # LIMIT: 200 (an answer to a button press)
    return _("That exercise isn't the current one.")


def already_logged() -> str:
    # LIMIT: 200 (an answer to a button press)
    return _("Already logged: that set counts once.")


def session_over() -> str:
    # LIMIT: 200 (an answer to a button press)
    return _("That session has ended. /workout starts a new one.")


def in_progress() -> str:
    return _("You have a session going. Here's where you were:")


def no_session() -> str:
    return _("No session is running. /workout starts one.")


def welcome_back(days: int) -> str:
    return ngettext(
        "Welcome back! It's been {days} day, so each exercise starts one step easier while "
        "you rebuild.",
        "Welcome back! It's been {days} days, so each exercise starts one step easier while "
        "you rebuild.",
        days,
    ).format(days=days)


def _totals(result: Summary) -> str | None:
    parts = []
    if result.total_reps:
        n = result.total_reps
        parts.append(ngettext("{count} rep", "{count} reps", n).format(count=format_number(n)))
    if result.contacts:
        n = result.contacts
        parts.append(ngettext("{count} jump", "{count} jumps", n).format(count=format_number(n)))
    if result.seconds_held:
        n = result.seconds_held
        parts.append(
            ngettext("{count} s held", "{count} s held", n).format(count=format_number(n))
        )
    if not parts:
        return None
    minutes = max(1, round(result.work_seconds / 60))
    return _("In all: {totals}; about {minutes} min under work.").format(
        totals=", ".join(parts), minutes=minutes
    )


def summary(result: Summary, library: Library) -> str:
    if result.stopped:
        head = _("<b>Summary</b>: Session stopped early. Everything you logged is kept.")
    else:
        head = _("<b>Summary</b>: Well done!")
    lines = [
        head,
        ngettext(
            "Sets done: {done} of {planned} ({exercises_done} of {exercises} exercise), "
            "{minutes} min.",
            "Sets done: {done} of {planned} ({exercises_done} of {exercises} exercises), "
            "{minutes} min.",
            result.exercises_total,
        ).format(
            done=result.sets_done,
            planned=result.sets_planned,
            exercises_done=result.exercises_done,
            exercises=result.exercises_total,
            minutes=result.minutes,
        ),
    ]
    totals = _totals(result)
    if totals:
        lines.append(totals)
    if result.changes:
        lines.append(_("What changed:"))
        for exercise_id, change in result.changes:
            exercise = library.get(exercise_id)
            lines.append(f"• {escape(exercise.name)}: {escape(change_sentence(exercise, change))}")
    else:
        lines.append(_("What changed: nothing yet. Same rungs next time, aiming a little higher."))
    lines += [escape(note) for note in summary_notes(result, library)]
    if result.next_leg_day is not None:
        lines.append(
            _("Next leg day: <b>{when}</b>").format(when=escape(when(result.next_leg_day)))
        )
    return "\n".join(lines)
