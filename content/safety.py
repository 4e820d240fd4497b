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
from functools import cache
from typing import Final

from content.folding import fold
from content.languages import Language, reading_languages
from content.model import Area

EN, DE, ES, FR = Language.EN, Language.DE, Language.ES, Language.FR

# What a runner says when something hurts, per language, matched on folded text (no
# accents: "verstaucht", "lesion", "blesse"). English is always read; a German, Spanish or
# French runner's own words as well (``content.languages.reading_languages``).
_PAIN_WORDS: Final[dict[Language, str]] = {
    EN: (
        r"pain|painful|hurts?|hurting|sore|soreness|injur(?:y|ed|ies)|ache|aches|aching|"
        r"tweaked|strain(?:ed)?|sprain(?:ed)?|swollen|twinge"
    ),
    DE: (
        r"schmerz\w*|weh|wehtut|wehtun|verletz\w*|zerrung|gezerrt|verstaucht|umgeknickt|"
        r"geschwollen|entzund\w*|ziept|zwickt|muskelkater|uberlastet|uberlastung"
    ),
    ES: (
        r"duele|duelen|doliendo|dolor\w*|lesion\w*|molesti\w*|molesta|molestan|torci\w*|"
        r"esguince|hinchad[oa]s?|tiron|sobrecarga\w*|tendinitis|agujetas"
    ),
    FR: (
        r"j'ai mal|ai mal|a mal|fait mal|font mal|mal (?:au|aux|a la|a l')|douleur\w*|"
        r"douloureu\w*|blesse\w*|blessure\w*|entorse|foulure|tordu\w*|gonfle\w*|"
        r"courbatu\w*|tendinite|contracture"
    ),
}

# Area -> the words a runner uses for it, per language (folded). Longer phrases are matched
# (and taken out of the text) first, so "back of my thigh" is a hamstring and not a back.
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
_OWN_WORDS: Final[dict[Language, dict[Area, tuple[str, ...]]]] = {
    DE: {
        Area.HAMSTRING: (
            "oberschenkelruckseite",
            "hinterer oberschenkel",
            "hinteren oberschenkel",
            "oberschenkel hinten",
            "beinbeuger",
            "hamstrings",
            "hamstring",
        ),
        Area.KNEE: ("knie", "kniescheibe", "patellasehne", "itbs", "it-band"),
        Area.HIP: ("hufte", "huften", "leiste", "adduktoren", "adduktor", "gesass", "po"),
        Area.ANKLE: ("sprunggelenk", "sprunggelenke", "knochel", "achillessehne", "achilles"),
        Area.CALF: ("wade", "waden"),
        Area.SHIN: ("schienbein", "schienbeine", "schienbeinkante"),
        Area.FOOT: (
            "fuss",
            "fusse",
            "ferse",
            "fersen",
            "fusssohle",
            "fussgewolbe",
            "zeh",
            "zehe",
            "zehen",
            "plantarfaszie",
        ),
        Area.BACK: ("unterer rucken", "unteren rucken", "rucken", "lendenwirbel", "wirbelsaule"),
    },
    ES: {
        Area.HAMSTRING: (
            "parte de atras del muslo",
            "detras del muslo",
            "isquiotibiales",
            "isquiotibial",
            "isquios",
            "isquio",
            "femoral",
            "femorales",
        ),
        Area.KNEE: ("rodilla", "rodillas", "rotula", "cintilla iliotibial", "cintilla"),
        Area.HIP: ("cadera", "caderas", "ingle", "aductor", "aductores", "gluteo", "gluteos"),
        Area.ANKLE: ("tobillo", "tobillos", "tendon de aquiles", "aquiles"),
        Area.CALF: ("gemelo", "gemelos", "pantorrilla", "pantorrillas", "soleo"),
        Area.SHIN: ("espinilla", "espinillas", "tibia", "tibias", "periostitis"),
        Area.FOOT: (
            "planta del pie",
            "fascia plantar",
            "fascitis plantar",
            "pie",
            "pies",
            "talon",
            "talones",
            "dedo del pie",
            "dedos del pie",
        ),
        Area.BACK: ("zona lumbar", "espalda", "lumbar", "lumbares", "columna"),
    },
    FR: {
        Area.HAMSTRING: (
            "arriere de la cuisse",
            "arriere de cuisse",
            "ischio-jambiers",
            "ischio-jambier",
            "ischiojambiers",
            "ischios",
            "ischio",
        ),
        Area.KNEE: ("genou", "genoux", "rotule", "bandelette"),
        Area.HIP: ("hanche", "hanches", "aine", "adducteur", "adducteurs", "fessier", "fessiers"),
        Area.ANKLE: ("cheville", "chevilles", "tendon d'achille", "achille"),
        Area.CALF: ("mollet", "mollets"),
        Area.SHIN: ("tibia", "tibias", "periostite"),
        Area.FOOT: (
            "voute plantaire",
            "pied",
            "pieds",
            "talon",
            "talons",
            "orteil",
            "orteils",
            "aponevrose",
        ),
        Area.BACK: ("bas du dos", "dos", "lombaires", "lombaire", "colonne"),
    },
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
_OWN_NOT_A_PLACE: Final[dict[Language, tuple[str, ...]]] = {
    DE: ("po-muskel",),
    ES: (
        "elevacion de talones",
        "elevaciones de talones",
        "elevacion de gemelos",
        "elevaciones de gemelos",
        "puente de gluteos",
        "a pie",
        "de pie",
    ),
    FR: ("montee de mollets", "montees de mollets", "pont fessier", "a pied", "pied au sol"),
}


@dataclass(frozen=True, slots=True)
class PainReport:
    """A runner said something hurts; ``areas`` is empty when they did not say where."""

    areas: tuple[Area, ...]


def _phrase(words: str) -> re.Pattern[str]:
    return re.compile(rf"\b{re.escape(words)}\b")


@cache
def _vocabulary(
    languages: tuple[Language, ...],
) -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...], tuple[tuple[Area, re.Pattern[str]], ...]]:
    """The pain words, the not-a-place phrases and each area's phrases (longest first) of
    these languages."""
    pain = re.compile(rf"\b(?:{'|'.join(_PAIN_WORDS[language] for language in languages)})\b")
    not_a_place = [*NOT_A_PLACE]
    areas: dict[Area, set[str]] = {area: set(words) for area, words in WORDS.items()}
    for language in languages:
        not_a_place += _OWN_NOT_A_PLACE.get(language, ())
        for area, words in _OWN_WORDS.get(language, {}).items():
            areas[area] |= set(words)
    phrases = tuple(
        (area, _phrase(word))
        for area, words in areas.items()
        for word in sorted(words, key=lambda word: (-len(word), word))
    )
    return pain, tuple(_phrase(phrase) for phrase in not_a_place), phrases


def _scan(text: str, language: str | None = None) -> tuple[tuple[Area, ...], str]:
    _pain, not_a_place, phrases = _vocabulary(reading_languages(language))
    lowered = " ".join(fold(text).split())
    for pattern in not_a_place:
        lowered = pattern.sub(" ", lowered)
    found: set[Area] = set()
    for area, pattern in phrases:
        if pattern.search(lowered):
            found.add(area)
            lowered = pattern.sub(" ", lowered)
    return tuple(area for area in Area if area in found), " ".join(lowered.split())


def areas_in(text: str, language: str | None = None) -> tuple[Area, ...]:
    """The sore areas a text names, in ``Area`` order (several at once: "knee and hip"), in
    English or the runner's ``language``."""
    return _scan(text, language)[0]


def without_areas(text: str, language: str | None = None) -> str:
    """The text, folded, with the body parts taken out ("my knee is better" -> "my is
    better"): what is left says something about them."""
    return _scan(text, language)[1]


def mentions_pain(text: str, language: str | None = None) -> PainReport | None:
    """A PainReport if the text talks about pain or injury (in English or the runner's
    ``language``: "mein Knie tut weh", "me duele la rodilla", "j'ai mal au genou"), else
    None."""
    pain = _vocabulary(reading_languages(language))[0]
    if not pain.search(" ".join(fold(text).split())):
        return None
    return PainReport(areas_in(text, language))
