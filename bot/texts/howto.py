"""How-to texts: the picture's caption, the full exercise card, "did you mean", the unknown
answer and the exercise list.

Everything from the library or the runner is escaped, since the bot sends HTML.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from bot.flows.howto import HowtoCard
from bot.i18n import _
from bot.texts.amounts import EQUIPMENT_LABELS, format_range
from bot.texts.common import quote
from bot.texts.progress import hint_sentence
from content.howto import equipment_options
from content.model import Equipment, Exercise, Rung

# Telegram's limit for one message; the card stays well below it.
MAX_MESSAGE = 4096
# Telegram's limit for a photo's caption (after entities are parsed); ours stay near a third.
MAX_CAPTION = 1024
# How much of the runner's own words is quoted back.
MAX_ECHO = 60
MAX_CUES = 3


def picture_caption(
    exercise: Exercise, rung: Rung, *, personal: bool, first_time: bool = False
) -> str:
    """The caption under an exercise's picture: its name, the rung drawn, how to read the two
    panels and three cues; the full how-to is a button away (More). ``first_time`` is the
    picture that comes unasked before the runner's first card of the exercise."""
    # LIMIT: 1024 (a photo's caption)
    lines = [_("<i>New exercise: here's how it looks.</i>")] if first_time else []
    lines.append(f"<b>{escape(exercise.name)}</b>")
    if personal:
        # LIMIT: 1024 (a photo's caption)
        lines.append(_("Your rung: {rung}").format(rung=escape(rung.name)))
    else:
        # LIMIT: 1024 (a photo's caption)
        lines.append(_("Beginners start on: {rung}").format(rung=escape(rung.name)))
    # LIMIT: 1024 (a photo's caption)
    lines.append(_("Start on the left, end on the right."))
    lines += _bullets(picture_cues(exercise, rung))
    return "\n".join(lines)


def picture_cues(exercise: Exercise, rung: Rung) -> list[str]:
    """The three cues that matter most under a picture: the rung's own key cue first (it is
    about the variation drawn: the band, the pause, the dumbbells), then the exercise's cues
    in the library's order, most important first; none twice."""
    cues: list[str] = []
    for cue in (rung.cue, *exercise.cues):
        if cue and cue not in cues:
            cues.append(cue)
    return cues[:MAX_CUES]


def animation_caption(exercise: Exercise, rung: Rung) -> str:
    """The looping animation's caption: what moves (a rung's name starts with its
    exercise's, "Squat, dumbbells at the shoulders"; the exercise's otherwise)."""
    return f"<b>{escape(rung.name or exercise.name)}</b>"


def howto_card(card: HowtoCard) -> str:
    hint = hint_sentence(card.exercise, card.hint) if card.hint is not None else None
    return howto_text(card.exercise, card.current, card.following, hint, personal=card.personal)


def howto_text(
    exercise: Exercise,
    current_rung: Rung | None,
    next_rung: Rung | None,
    hint: str | None,
    *,
    personal: bool = True,
) -> str:
    """The how-to card: why, steps, cues, mistakes, kit per rung, and where the runner stands.

    ``personal`` says the rungs are this runner's own (current and next); otherwise they are
    where a beginner with no kit starts. ``hint`` replaces "Next up" at the top of the ladder.
    """
    lines = [f"<b>{escape(exercise.name)}</b>"]
    if exercise.muscles:
        lines.append(
            _("<i>Works: {muscles}</i>").format(muscles=escape(", ".join(exercise.muscles)))
        )
    lines += ["", _("<b>Why it helps your running</b>"), escape(exercise.why)]
    lines += ["", _("<b>How to do it</b>")]
    lines += [f"{number}. {escape(step)}" for number, step in enumerate(exercise.steps, 1)]
    lines += ["", _("<b>Cues</b>"), *_bullets(exercise.cues[:MAX_CUES])]
    lines += ["", _("<b>Common mistakes</b>"), *_bullets(exercise.mistakes)]
    lines += ["", _("<b>Equipment options</b>"), _kit_summary(exercise)]
    lines += [f"• {escape(rung.name)}: {escape(_kit(rung.equipment))}" for rung in exercise.ladder]
    if current_rung is not None:
        lines += ["", *_rung_lines(current_rung, next_rung, hint, personal=personal)]
    return "\n".join(lines)


def _rung_lines(
    current: Rung, following: Rung | None, hint: str | None, *, personal: bool
) -> list[str]:
    if personal:
        lines = [
            _("<b>Your rung</b>"),
            _("You are on: {rung} ({range})").format(
                rung=escape(current.name), range=escape(format_range(current))
            ),
            _("Key cue: {cue}").format(cue=escape(current.cue)),
        ]
    else:
        lines = [
            _("<b>Where to start</b>"),
            _("Beginners start on: {rung} ({range})").format(
                rung=escape(current.name), range=escape(format_range(current))
            ),
        ]
    if following is not None:
        lines.append(
            _("Next up: {rung} ({range}). {change}").format(
                rung=escape(following.name),
                range=escape(format_range(following)),
                change=escape(following.change),
            )
        )
    elif hint:
        lines.append(_("Top of your ladder: {hint}").format(hint=escape(hint)))
    if not personal:
        lines.append(_("Send /start and I'll pick the right rung for your level and kit."))
    return lines


def _bullets(items: Iterable[str]) -> list[str]:
    return [f"• {escape(item)}" for item in items]


def _kit(equipment: Iterable[Equipment]) -> str:
    items = sorted(equipment)
    if not items:
        return _("body weight")
    return " + ".join(EQUIPMENT_LABELS[item] for item in items)


def _kit_summary(exercise: Exercise) -> str:
    extra = [EQUIPMENT_LABELS[item] for item in equipment_options(exercise)[1:]]
    if not extra:
        return _("Body weight only: no kit needed for any rung.")
    return _("Body weight is enough to start; more rungs with: {kit}.").format(
        kit=escape(", ".join(extra))
    )


def did_you_mean(asked: str) -> str:
    """Several exercises fit what the runner asked: the buttons below hold the best matches."""
    return _("Not sure which one you mean by “{asked}”. Did you mean one of these?").format(
        asked=quote(asked, MAX_ECHO)
    )


def unknown_exercise(asked: str | None = None) -> str:
    """Nothing we coach fits: say so kindly, then list what we do coach (as buttons)."""
    if asked and asked.strip():
        return _(
            "I don't know that one yet (“{asked}”). These are the exercises I coach:\n"
            "<i>For anything else, /help lists what I can do.</i>"
        ).format(asked=quote(asked, MAX_ECHO))
    return _(
        "I don't know that one yet. These are the exercises I coach:\n"
        "<i>For anything else, /help lists what I can do.</i>"
    )


def pick_exercise() -> str:
    """/how without a name."""
    # TRANSLATORS: keep "/how" (the command); the examples are what a runner would type.
    return _(
        "Which exercise? Tap one, or ask in your own words, like "
        "<i>/how side lunge</i> or <i>how do I do a bridge?</i>"
    )


def exercise_list() -> str:
    """/exercises."""
    return _("<b>The exercises I coach</b>\nTap one to see how it's done and where you stand.")


def stale_button() -> str:
    # LIMIT: 200 (an answer to a button press)
    return _("That button no longer works. Try /exercises.")
