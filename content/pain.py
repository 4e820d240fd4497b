"""Pain memory: what a sore area means for sessions and reminders until it is better.

COACHING.md ("Pain memory"): remember what hurts until the runner says it is better, and ask
before each leg day: Better, Same or Worse. Better ends the sparing; Same keeps it; pain that
is getting worse means stop the leg work that hurts and see a physio or doctor (with /pause
on offer), never a diagnosis; if it has not improved about two weeks after the report, the
bot suggests seeing a professional. ``Area.OTHER`` is asked about like any area but spares
nothing on its own (the library cannot know what it loads).

Pure functions over ``SoreArea`` (what ``storage.pain`` returns); the bot words each code.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Final

from content.folding import fold
from content.languages import Language, reading_languages
from content.library import Library
from content.model import Area
from content.safety import areas_in, without_areas

# Days after the report from which "Same" (and the leg-day question) suggests a professional.
PROFESSIONAL_AFTER_DAYS: Final = 14


class PainAnswer(StrEnum):
    """The runner's answer to "How's your knee?" (the values travel in callback data)."""

    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


class PainVerdict(StrEnum):
    """What an answer means; bot/texts says each in a sentence or two."""

    CLEARED = "cleared"  # Better: the area is back in every session
    KEEP_SPARING = "keep_sparing"  # Same: still spared
    SEE_PROFESSIONAL = "see_professional"  # Same, two weeks on: worth a physio or doctor
    STOP_AND_SEE = "stop_and_see"  # Worse: stop what hurts, see someone, /pause on offer


@dataclass(frozen=True, slots=True)
class SoreArea:
    """A sore area as stored: since the local date of the first report, with the last
    answer to the leg-day question and when it was given."""

    area: Area
    since: date
    answer: PainAnswer | None = None
    answered_at: datetime | None = None
    reported_at: datetime | None = None


def days_sore(sore: SoreArea, today: date) -> int:
    return (today - sore.since).days


def overdue(sore: SoreArea, today: date) -> bool:
    """Two weeks or more since the report without a Better: suggest a professional."""
    return days_sore(sore, today) >= PROFESSIONAL_AFTER_DAYS


def verdict(answer: PainAnswer, sore: SoreArea, today: date) -> PainVerdict:
    """What the runner's answer about one sore area means."""
    if answer is PainAnswer.BETTER:
        return PainVerdict.CLEARED
    if answer is PainAnswer.WORSE:
        return PainVerdict.STOP_AND_SEE
    if overdue(sore, today):
        return PainVerdict.SEE_PROFESSIONAL
    return PainVerdict.KEEP_SPARING


def spared_areas(sore: Iterable[SoreArea | Area]) -> frozenset[Area]:
    """The areas sessions spare: every sore one but ``other``."""
    areas = (item.area if isinstance(item, SoreArea) else item for item in sore)
    return frozenset(area for area in areas if area is not Area.OTHER)


def spared_exercises(library: Library, sore: Iterable[SoreArea | Area]) -> frozenset[str]:
    """The exercises a session leaves out for these sore areas (the library's ``loads``)."""
    return library.loading(spared_areas(sore))


def still_to_ask(
    sore: Collection[SoreArea], asked_at: datetime | None = None
) -> tuple[SoreArea, ...]:
    """The sore areas a leg-day message asks about, in ``Area`` order: all of them, less
    those answered since the message was due (``asked_at``), whose row of buttons goes,
    and those reported after it (it never asked about them)."""
    order = list(Area)
    pending = [
        item
        for item in sore
        if asked_at is None
        or (
            (item.answered_at is None or item.answered_at < asked_at)
            and (item.reported_at is None or item.reported_at <= asked_at)
        )
    ]
    return tuple(sorted(pending, key=lambda item: order.index(item.area)))


# What a runner types for each answer (the buttons' words, and the usual others), once the
# area's words and small words are taken out: "my knee is much better" -> "better", "mein
# Knie ist besser" -> "besser". Folded (no accents), per language; English is always read.
_ANSWER_WORDS: Final[dict[Language, dict[PainAnswer, frozenset[str]]]] = {
    Language.EN: {
        PainAnswer.BETTER: frozenset(
            {"better", "improving", "improved", "healed", "fine now", "all good now", "gone"}
        ),
        PainAnswer.SAME: frozenset(
            {"same", "the same", "no change", "unchanged", "about the same"}
        ),
        PainAnswer.WORSE: frozenset({"worse", "getting worse", "worse now"}),
    },
    Language.DE: {
        PainAnswer.BETTER: frozenset(
            {"besser", "wieder gut", "alles gut", "weg", "verheilt", "geheilt", "schmerzfrei"}
        ),
        PainAnswer.SAME: frozenset(
            {"gleich", "genauso", "unverandert", "wie vorher", "gleich geblieben"}
        ),
        PainAnswer.WORSE: frozenset({"schlechter", "schlimmer", "wird schlimmer"}),
    },
    Language.ES: {
        PainAnswer.BETTER: frozenset(
            {"mejor", "curado", "curada", "sin dolor", "recuperado", "recuperada"}
        ),
        PainAnswer.SAME: frozenset({"igual", "mismo", "sin cambios", "parecido"}),
        PainAnswer.WORSE: frozenset({"peor", "empeorando", "a peor", "va a peor"}),
    },
    Language.FR: {
        PainAnswer.BETTER: frozenset({"mieux", "gueri", "guerie", "plus mal"}),
        PainAnswer.SAME: frozenset(
            {"pareil", "pareille", "meme chose", "pas de changement", "inchange"}
        ),
        PainAnswer.WORSE: frozenset({"pire", "moins bien", "empire", "s'aggrave", "aggrave"}),
    },
}
_FILLER: Final[dict[Language, re.Pattern[str]]] = {
    Language.EN: re.compile(
        r"\b(my|the|is|it'?s|its|it|feels?|a|bit|lot|much|little|thanks|thank you|now|"
        r"today|pretty|quite|still|and)\b"
    ),
    Language.DE: re.compile(
        r"\b(mein|meine|meinem|meinen|mir|das|die|der|dem|ist|es|geht'?s|geht|ein|bisschen|"
        r"etwas|viel|jetzt|heute|noch|immer|schon|danke|und)\b"
    ),
    Language.ES: re.compile(
        r"\b(mi|mis|la|el|los|las|lo|esta|es|un|poco|mucho|ya|hoy|todavia|sigue|gracias|y|"
        r"me|se|va)\b"
    ),
    Language.FR: re.compile(
        r"\b(mon|ma|mes|le|la|les|l'|est|c'est|ca|va|un|peu|beaucoup|maintenant|"
        r"aujourd'hui|encore|toujours|merci|et|j'ai|je|me)\b"
    ),
}
MAX_WORDS: Final = 6


@dataclass(frozen=True, slots=True)
class TypedAnswer:
    """A typed answer to "How's your knee?": the answer, and the areas it names (none: the
    one sore area, if there is only one)."""

    answer: PainAnswer
    areas: tuple[Area, ...]


def read_answer(text: str, language: str | None = None) -> TypedAnswer | None:
    """A short message that answers the pain question ("better", "knee: same", "my hip is
    worse"; "Knie: gleich", "la rodilla está mejor", "mon genou va mieux" in the runner's
    ``language``), or None. Longer messages are conversation, not an answer."""
    lowered = " ".join(fold(text).replace(":", " ").split())
    if not lowered or len(lowered.split()) > MAX_WORDS:
        return None
    languages = reading_languages(language)
    rest = without_areas(lowered, language)
    for spoken in languages:
        rest = _FILLER[spoken].sub(" ", rest)
    rest = " ".join(re.sub(r"[!.,?¡¿]", " ", rest).split())
    for spoken in languages:
        for answer, words in _ANSWER_WORDS[spoken].items():
            if rest in words:
                return TypedAnswer(answer, areas_in(lowered, language))
    return None
