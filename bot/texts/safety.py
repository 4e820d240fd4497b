"""What the coach says about pain: never a diagnosis, always what it will spare and why."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from bot.flows.safety import PainAnswered, PainHeard, PainPress
from content.library import Library
from content.model import Area
from content.pain import PainVerdict, SoreArea, overdue

AREA_NAMES = {
    Area.KNEE: "knee",
    Area.HIP: "hip",
    Area.ANKLE: "ankle",
    Area.CALF: "calf",
    Area.SHIN: "shin",
    Area.FOOT: "foot",
    Area.HAMSTRING: "hamstring",
    Area.BACK: "back",
    Area.OTHER: "other sore spot",
}
AREA_LABELS = {area: name.capitalize() for area, name in AREA_NAMES.items()}
AREA_LABELS[Area.OTHER] = "Somewhere else"

ADVICE = (
    "I'm a coach, not a clinician, so I can't tell what's going on. Sharp pain, swelling, "
    "or pain that changes how you run means stop, and see a physio or doctor."
)
PAUSE_HINT = "Need a break? /pause stops reminders until you /resume."


def listing(words: Sequence[str]) -> str:
    """ "knee", "knee and hip", "knee, hip and back"."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def areas_named(areas: Sequence[Area]) -> str:
    """ "knee and hip" (with "your" added by the caller)."""
    return listing([AREA_NAMES[area] for area in areas])


def _your(areas: Sequence[Area]) -> str:
    if list(areas) == [Area.OTHER]:
        return "the pain you told me about"
    return f"your {areas_named(areas)}"


def _exercises(library: Library, ids: Sequence[str]) -> str:
    return listing([library.get(exercise_id).name.lower() for exercise_id in ids])


def pain_advice(heard: PainHeard, library: Library) -> str:
    """The answer to a pain report: stop-and-see-someone, what is remembered and spared."""
    lines = [ADVICE]
    if heard.stopped is not None:
        lines.append("I've ended this session; everything you logged is kept.")
    if heard.areas:
        spared = [area for area in heard.areas if area is not Area.OTHER]
        if spared and heard.spared:
            lines.append(
                f"I'll remember {_your(heard.areas)}: until you tell me it's better, every "
                f"session leaves out {_exercises(library, heard.spared)}, warm-up included, "
                "and I'll ask how it is before each leg day. Stop anything that hurts."
            )
        else:
            lines.append(
                f"I'll remember {_your(heard.areas)} and ask how it is before each leg day. "
                "Stop anything that hurts."
            )
    elif heard.ask_where:
        lines.append("Where does it hurt? Tell me and I'll spare it in every session.")
    lines.append(PAUSE_HINT)
    return "\n\n".join(lines)


def gentle_instead(heard: PainHeard, library: Library) -> str:
    """After a pain report ended a session: the gentle one on offer in its place."""
    left_out = ["no jumps"]
    if heard.hurt is not None:
        left_out.append(f"no {library.get(heard.hurt).name.lower()}")
    spared = [area for area in heard.sore if area is not Area.OTHER]
    if spared:
        left_out.append(f"nothing that loads your {areas_named(spared)}")
    return (
        f"Feel like a gentle session in its place? {listing(left_out).capitalize()}. "
        "It counts as today's session, so no need to confirm a second one."
    )


def gentle_session_note(areas: Sequence[Area]) -> str:
    """The note on a session's intro that spares sore areas."""
    return (
        f"Gentle on {_your(areas)}: a shorter session without the exercises that load it, "
        "warm-up included."
    )


def area_picked(heard: PainHeard, library: Library) -> str:
    """After the runner said where it hurts."""
    return pain_advice(
        PainHeard(heard.areas, heard.sore, heard.spared, heard.offer_gentle, False), library
    ).split("\n\n", 1)[1]


# -- the leg-day question -------------------------------------------------------------------


def pain_question(sore: Sequence[SoreArea], today: date) -> str:
    """Above a leg-day message's Start button: Better, Same or Worse for each sore area."""
    areas = [item.area for item in sore]
    verb = "how's" if len(areas) == 1 else "how are"
    them = "it" if len(areas) == 1 else "them"
    lines = [
        f"<b>Before you start: {verb} {escape(_your(areas))}?</b> I'm sparing {them} until "
        "you say it's better."
    ]
    late = [item.area for item in sore if overdue(item, today)]
    if late:
        lines.append(
            f"<i>It's been two weeks or more for {escape(_your(late))}: if it isn't getting "
            "better, see a physio or doctor.</i>"
        )
    return "\n".join(lines)


def pain_toast(result: PainAnswered) -> str | None:
    """The short answer under the runner's finger."""
    if result.outcome is PainPress.NOT_SORE:
        return f"You told me your {AREA_NAMES[result.area]} is better already."
    if result.outcome is PainPress.STALE:
        return "That button no longer works."
    return "Noted."


def pain_reply(result: PainAnswered) -> str | None:
    """The message after an answer: what it means, in a sentence or two."""
    if result.outcome is not PainPress.ANSWERED or result.verdict is None:
        return None
    name = _your([result.area])
    if result.verdict is PainVerdict.CLEARED:
        return (
            f"Good to hear about {name}! It's back in your sessions: ease in, and stop if it "
            "hurts."
        )
    if result.verdict is PainVerdict.KEEP_SPARING:
        return f"Noted: I'll keep sparing {name}."
    if result.verdict is PainVerdict.SEE_PROFESSIONAL:
        return (
            f"It's been {result.days} days with {name}. If it isn't getting better, see a "
            "physio or doctor: they can find out why. I'll keep sparing it meanwhile."
        )
    return (
        "Pain that's getting worse means stop the leg work that hurts and see a physio or "
        f"doctor. I can't tell what's going on, and I won't guess. I'll keep sparing {name}. "
        "Want a break from reminders?"
    )


def which_area(sore: Sequence[Area]) -> str:
    """A typed answer that does not say which of several sore areas."""
    names = [AREA_NAMES[area] for area in sore]
    return (
        f"Which one: your {listing(names).replace(' and ', ' or ')}? Say it with the answer, "
        f'like "{names[0]} better".'
    )


def paused_for_pain() -> str:
    return "Paused. No reminders until you send /resume. Look after yourself."


def sparing_line(sore: Sequence[SoreArea]) -> str | None:
    """/profile: what sessions spare, and since when."""
    if not sore:
        return None
    parts = [
        f"{AREA_NAMES[item.area]} (since {item.since:%a} {item.since.day} {item.since:%b})"
        for item in sore
    ]
    return f"Sparing: {listing(parts)}. Before each leg day I ask how it is."
