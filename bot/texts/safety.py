"""What the coach says about pain: never a diagnosis, always what it will spare and why."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from bot.flows.safety import PainAnswered, PainHeard, PainPress
from bot.i18n import N_, LazyText, _, current_language, day, join, ngettext
from bot.i18n.formats import ListStyle
from content.languages import Language
from content.library import Library
from content.model import Area
from content.pain import PainVerdict, SoreArea, overdue

# TRANSLATORS: a sore area inside a sentence or a list ("Sparing: knee (since Wed 25 Nov)").
AREA_NAMES: dict[Area, LazyText] = {
    Area.KNEE: N_("knee"),
    Area.HIP: N_("hip"),
    Area.ANKLE: N_("ankle"),
    Area.CALF: N_("calf"),
    Area.SHIN: N_("shin"),
    Area.FOOT: N_("foot"),
    Area.HAMSTRING: N_("hamstring"),
    Area.BACK: N_("back"),
    Area.OTHER: N_("other sore spot"),
}
# The buttons of "Where does it hurt?" and of the Better / Same / Worse rows.
AREA_LABELS: dict[Area, LazyText] = {
    Area.KNEE: N_("Knee"),
    Area.HIP: N_("Hip"),
    Area.ANKLE: N_("Ankle"),
    Area.CALF: N_("Calf"),
    Area.SHIN: N_("Shin"),
    Area.FOOT: N_("Foot"),
    Area.HAMSTRING: N_("Hamstring"),
    Area.BACK: N_("Back"),
    Area.OTHER: N_("Somewhere else"),
}
# TRANSLATORS: the runner's sore area as the subject of a sentence ("your knee is better"):
# German nominative ("dein Knie", "deine Hüfte"), French with its gender ("ton genou", "ta
# hanche"). Several are joined: "your knee and your hip".
YOUR_AREA: dict[Area, LazyText] = {
    Area.KNEE: N_("your knee"),
    Area.HIP: N_("your hip"),
    Area.ANKLE: N_("your ankle"),
    Area.CALF: N_("your calf"),
    Area.SHIN: N_("your shin"),
    Area.FOOT: N_("your foot"),
    Area.HAMSTRING: N_("your hamstring"),
    Area.BACK: N_("your back"),
    Area.OTHER: N_("your other sore spot"),
}

ADVICE = N_(
    "I'm a coach, not a clinician, so I can't tell what's going on. Sharp pain, swelling, "
    "or pain that changes how you run means stop, and see a physio or doctor."
)
PAUSE_HINT = N_("Need a break? /pause stops reminders until you /resume.")


def area_name(area: Area) -> str:
    """ "knee", "Knie", "rodilla", "genou"."""
    return str(AREA_NAMES[area])


def areas_named(areas: Sequence[Area]) -> str:
    """ "knee and hip", "Knie und Hüfte" (the areas' bare names, listed)."""
    return join(area_name(area) for area in areas)


def your_areas(areas: Sequence[Area], style: ListStyle = "standard") -> str:
    """ "your knee and your hip", or "the pain you told me about" for somewhere unnamed."""
    if list(areas) == [Area.OTHER]:
        return _("the pain you told me about")
    return join((str(YOUR_AREA[area]) for area in areas), style)


def _name_in_sentence(name: str) -> str:
    """An exercise's name inside a sentence: lower case, but German nouns keep capitals."""
    return name if current_language() is Language.DE else name.lower()


def _exercises(library: Library, ids: Sequence[str]) -> str:
    words = library.localized(current_language())
    return join(_name_in_sentence(words.get(exercise_id).name) for exercise_id in ids)


def pain_advice(heard: PainHeard, library: Library) -> str:
    """The answer to a pain report: stop-and-see-someone, what is remembered and spared."""
    lines = [str(ADVICE)]
    if heard.stopped is not None:
        lines.append(_("I've ended this session; everything you logged is kept."))
    if heard.areas:
        spared = [area for area in heard.areas if area is not Area.OTHER]
        if spared and heard.spared:
            lines.append(
                _(
                    "I'll remember {areas}: until you tell me it's better, every session "
                    "leaves out {exercises}, warm-up included, and I'll ask how it is before "
                    "each leg day. Stop anything that hurts."
                ).format(
                    areas=your_areas(heard.areas), exercises=_exercises(library, heard.spared)
                )
            )
        else:
            lines.append(
                _(
                    "I'll remember {areas} and ask how it is before each leg day. Stop "
                    "anything that hurts."
                ).format(areas=your_areas(heard.areas))
            )
    elif heard.ask_where:
        lines.append(_("Where does it hurt? Tell me and I'll spare it in every session."))
    lines.append(str(PAUSE_HINT))
    return "\n\n".join(lines)


def gentle_instead(heard: PainHeard, library: Library) -> str:
    """After a pain report ended a session: the gentle one on offer in its place."""
    spared = [area for area in heard.sore if area is not Area.OTHER]
    exercise = (
        _name_in_sentence(library.localized(current_language()).get(heard.hurt).name)
        if heard.hurt is not None
        else None
    )
    areas = your_areas(spared) if spared else None
    if exercise is not None and areas is not None:
        text = _(
            "Feel like a gentle session in its place? No jumps, no {exercise} and nothing "
            "that loads {areas}. It counts as today's session, so no need to confirm a "
            "second one."
        )
    elif exercise is not None:
        text = _(
            "Feel like a gentle session in its place? No jumps and no {exercise}. It counts "
            "as today's session, so no need to confirm a second one."
        )
    elif areas is not None:
        text = _(
            "Feel like a gentle session in its place? No jumps and nothing that loads "
            "{areas}. It counts as today's session, so no need to confirm a second one."
        )
    else:
        text = _(
            "Feel like a gentle session in its place? No jumps. It counts as today's "
            "session, so no need to confirm a second one."
        )
    return text.format(exercise=exercise, areas=areas)


def gentle_session_note(areas: Sequence[Area]) -> str:
    """The note on a session's intro that spares sore areas."""
    return _(
        "Gentle on {areas}: a shorter session without the exercises that load it, warm-up "
        "included."
    ).format(areas=your_areas(areas))


def area_picked(heard: PainHeard, library: Library) -> str:
    """After the runner said where it hurts."""
    return pain_advice(
        PainHeard(heard.areas, heard.sore, heard.spared, heard.offer_gentle, False), library
    ).split("\n\n", 1)[1]


# -- the leg-day question -------------------------------------------------------------------


def pain_question(sore: Sequence[SoreArea], today: date) -> str:
    """Above a leg-day message's Start button: Better, Same or Worse for each sore area."""
    areas = [item.area for item in sore]
    lines = [
        ngettext(
            "<b>Before you start: how's {areas}?</b> I'm sparing it until you say it's better.",
            "<b>Before you start: how are {areas}?</b> I'm sparing them until you say it's "
            "better.",
            len(areas),
        ).format(areas=escape(your_areas(areas)))
    ]
    late = [item.area for item in sore if overdue(item, today)]
    if late:
        lines.append(
            _(
                "<i>It's been two weeks or more for {areas}: if it isn't getting better, see a "
                "physio or doctor.</i>"
            ).format(areas=escape(your_areas(late)))
        )
    return "\n".join(lines)


def pain_toast(result: PainAnswered) -> str | None:
    """The short answer under the runner's finger."""
    if result.outcome is PainPress.NOT_SORE:
        # LIMIT: 200 (an answer to a button press)
        return _("You told me {area} is better already.").format(area=str(YOUR_AREA[result.area]))
    if result.outcome is PainPress.STALE:
        # LIMIT: 200 (an answer to a button press)
        return _("That button no longer works.")
    # LIMIT: 200 (an answer to a button press)
    return _("Noted.")


def pain_reply(result: PainAnswered) -> str | None:
    """The message after an answer: what it means, in a sentence or two."""
    if result.outcome is not PainPress.ANSWERED or result.verdict is None:
        return None
    name = your_areas([result.area])
    if result.verdict is PainVerdict.CLEARED:
        text = _(
            "Good to hear about {area}! It's back in your sessions: ease in, and stop if it hurts."
        )
    elif result.verdict is PainVerdict.KEEP_SPARING:
        text = _("Noted: I'll keep sparing {area}.")
    elif result.verdict is PainVerdict.SEE_PROFESSIONAL:
        text = ngettext(
            "It's been {days} day with {area}. If it isn't getting better, see a physio or "
            "doctor: they can find out why. I'll keep sparing it meanwhile.",
            "It's been {days} days with {area}. If it isn't getting better, see a physio or "
            "doctor: they can find out why. I'll keep sparing it meanwhile.",
            result.days,
        )
    else:
        text = _(
            "Pain that's getting worse means stop the leg work that hurts and see a physio or "
            "doctor. I can't tell what's going on, and I won't guess. I'll keep sparing "
            "{area}. Want a break from reminders?"
        )
    return text.format(area=name, days=result.days)


def which_area(sore: Sequence[Area]) -> str:
    """A typed answer that does not say which of several sore areas."""
    return _('Which one: {areas}? Say it with the answer, like "{example}".').format(
        areas=your_areas(sore, "or"),
        # TRANSLATORS: an example of a typed answer; it must use the word the bot reads
        # for Better ("besser", "mejor", "mieux").
        example=_("{area} better").format(area=area_name(sore[0])),
    )


def paused_for_pain() -> str:
    return _("Paused. No reminders until you send /resume. Look after yourself.")


def sparing_line(sore: Sequence[SoreArea]) -> str | None:
    """/profile: what sessions spare, and since when."""
    if not sore:
        return None
    parts = [
        _("{area} (since {day})").format(area=area_name(item.area), day=day(item.since))
        for item in sore
    ]
    return _("Sparing: {areas}. Before each leg day I ask how it is.").format(areas=join(parts))
