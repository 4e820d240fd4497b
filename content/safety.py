"""Pain and safety: recognise a runner mentioning pain, and where it hurts.

The bot is a coach, not a clinician (COACHING.md): it never diagnoses. It tells the runner
that sharp pain means stop and to see a professional, remembers the sore areas
(``content.pain``) and spares them: which exercises load which area is the library's data
(``loads`` in exercises.toml), which warm-up drills load it is ``content.warmup.LOADS``.

Hand-written rather than fuzzy-matched (rapidfuzz): a runner's few words for a body part
are a closed list, and a near miss ("back" for "bake") must never store a sore area.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from content.model import Area

_PAIN = re.compile(
    r"\b(pain|painful|hurts?|hurting|sore|soreness|injur(?:y|ed|ies)|ache|aches|aching|"
    r"tweaked|strain(?:ed)?|sprain(?:ed)?|swollen|twinge)\b"
)

# Area -> the words a runner uses for it. Longer phrases are matched (and taken out of the
# text) first, so "back of my thigh" is a hamstring and not a back.
WORDS: Final[dict[Area, tuple[str, ...]]] = {
    Area.HAMSTRING: (
        "back of my thigh",
        "back of the thigh",
        "back of my leg",
        "hamstring",
        "hamstrings",
        "hammy",
    ),
    Area.KNEE: ("knee", "knees", "kneecap", "patella", "itb", "it band"),
    Area.HIP: ("hip", "hips", "groin", "adductor", "adductors", "glute", "glutes", "buttock"),
    Area.ANKLE: ("ankle", "ankles", "achilles"),
    Area.CALF: ("calf", "calves"),
    Area.SHIN: ("shin", "shins", "shin splints"),
    Area.FOOT: ("foot", "feet", "heel", "heels", "plantar", "arch", "toe", "toes"),
    Area.BACK: ("lower back", "back", "spine"),
}
# Phrases that name an exercise, a piece of kit or a figure of speech, not a body part.
NOT_A_PLACE: Final = (
    "calf raise",
    "calf raises",
    "hip band",
    "hip circle",
    "hip hinge",
    "hip hinges",
    "back to",
    "back from",
    "back again",
    "back home",
    "i'm back",
    "im back",
    "came back",
    "come back",
    "coming back",
    "got back",
    "get back",
)


@dataclass(frozen=True, slots=True)
class PainReport:
    """A runner said something hurts; ``areas`` is empty when they did not say where."""

    areas: tuple[Area, ...]


def _phrase(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(words)}\b")


def _scan(text: str) -> tuple[tuple[Area, ...], str]:
    lowered = " ".join(text.lower().replace("’", "'").split())
    for phrase in NOT_A_PLACE:
        lowered = _phrase(phrase).sub(" ", lowered)
    found: set[Area] = set()
    for area, words in WORDS.items():
        for word in sorted(words, key=len, reverse=True):
            pattern = _phrase(word)
            if pattern.search(lowered):
                found.add(area)
                lowered = pattern.sub(" ", lowered)
    return tuple(area for area in Area if area in found), " ".join(lowered.split())


def areas_in(text: str) -> tuple[Area, ...]:
    """The sore areas a text names, in ``Area`` order (several at once: "knee and hip")."""
    return _scan(text)[0]


def without_areas(text: str) -> str:
    """The text, lower case, with the body parts taken out ("my knee is better" -> "my is
    better"): what is left says something about them."""
    return _scan(text)[1]


def mentions_pain(text: str) -> PainReport | None:
    """A PainReport if the text talks about pain or injury, else None."""
    if not _PAIN.search(text.lower()):
        return None
    return PainReport(areas_in(text))
