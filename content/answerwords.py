"""The words runners type for a button instead of pressing it, in our four languages.

A button's own label always answers (``content.answers``); these are the other usual words
for what a button means: "yep" for Yes, "nothing" for None, "finished" for Done, "novice" for
Beginner, "mini band" for the hip-circle band. They are data, keyed by a ``Meaning`` that a
button declares, so the set-up questions and the session card share one vocabulary and a
new synonym is one word in one table.

A word may mean several things ("band" is either band, "✅" is Yes or Done): it only
answers when exactly one button on screen means it, otherwise the bot asks which.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache

from content.folding import key
from content.languages import Language
from content.model import Equipment, Level


class Meaning(StrEnum):
    """What a button means, whatever its label says."""

    YES = "yes"
    NO = "no"
    NONE = "none"
    DONE = "done"
    SKIP = "skip"
    HARDER = "harder"
    EASIER = "easier"
    HOW = "how"
    FEWER = "fewer"
    FELT_EASY = "felt_easy"
    FELT_RIGHT = "felt_right"
    FELT_HARD = "felt_hard"
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    HIP_BAND = "hip_band"
    LONG_BAND = "long_band"
    DUMBBELLS = "dumbbells"


EN, DE, ES, FR = Language.EN, Language.DE, Language.ES, Language.FR


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORDS: dict[Meaning, dict[Language, str]] = {
    Meaning.YES: {
        EN: (
            "yes|y|yep|yeah|yup|ok|okay|k|sure|correct|right|that's right|exactly|true|"
            "yes please|sounds good|sure thing|of course|yes it is|that's correct|perfect"
        ),
        DE: "ja|jawohl|jep|genau|richtig|stimmt|klar|passt|korrekt",
        ES: "si|sí|claro|correcto|vale|exacto|eso es|de acuerdo",
        FR: "oui|ouais|exact|correct|d'accord|bien sûr|c'est ça|voilà",
    },
    Meaning.NO: {
        EN: "no|n|nope|nah|wrong|incorrect|not right|no thanks",
        DE: "nein|nee|falsch|stimmt nicht",
        ES: "no|incorrecto|mal",
        FR: "non|faux|pas ça",
    },
    Meaning.NONE: {
        EN: (
            "none|nothing|no|nope|n/a|no kit|no equipment|none of them|neither|zero|"
            "body weight|bodyweight|just body weight|nil|nada|all easy"
        ),
        DE: "keine|keins|kein|nichts|körpergewicht|gar nichts",
        ES: "ninguno|ninguna|nada|peso corporal",
        FR: "aucun|aucune|rien|poids du corps",
    },
    Meaning.DONE: {
        EN: "done|finished|finish|that's all|that's it|all done|complete|completed",
        DE: "fertig|erledigt|geschafft|das wars",
        ES: "hecho|listo|terminado|ya está",
        FR: "fini|terminé|fait|c'est fait",
    },
    Meaning.SKIP: {
        EN: "skip|skip it|pass",
        DE: "überspringen|auslassen",
        ES: "saltar|omitir",
        FR: "passer|sauter",
    },
    Meaning.HARDER: {
        EN: "harder|more|tougher|too easy|make it harder",
        DE: "schwerer|härter|zu leicht",
        ES: "más difícil|mas dificil|más duro|demasiado fácil",
        FR: "plus dur|plus difficile|trop facile",
    },
    Meaning.EASIER: {
        EN: "easier|less|lighter|too hard|make it easier",
        DE: "leichter|einfacher|zu schwer",
        ES: "más fácil|mas facil|demasiado difícil",
        FR: "plus facile|trop dur|trop difficile",
    },
    Meaning.HOW: {
        EN: "how|how?|how to|show me|explain",
        DE: "wie|wie geht das|zeig mir",
        ES: "cómo|como|muéstrame",
        FR: "comment|montre moi",
    },
    # The labels of the Fewer button and of the effort question, as each language words them
    # (bot/locale), with the usual other words; "hard" answers the question, never Harder.
    Meaning.FEWER: {
        EN: "fewer|fewer reps|not all",
        DE: "weniger|nicht alle",
        ES: "menos|no todas",
        FR: "moins|pas toutes",
    },
    Meaning.FELT_EASY: {
        EN: "easy",
        DE: "locker",
        ES: "fácil",
        FR: "facile",
    },
    Meaning.FELT_RIGHT: {
        EN: "just right|about right|right|fine|good",
        DE: "genau richtig|passt|gut",
        ES: "lo justo|justo|bien",
        FR: "juste bien|bien|ça va",
    },
    Meaning.FELT_HARD: {
        EN: "hard|tough",
        DE: "hart|anstrengend",
        ES: "duro|dura",
        FR: "dur|difficile",
    },
    Meaning.BEGINNER: {
        EN: "beginner|new|novice|newbie|starter|just starting|none yet",
        DE: "anfänger|anfängerin|einsteiger|neu",
        ES: "principiante|novato|nuevo",
        FR: "débutant|débutante|novice",
    },
    Meaning.INTERMEDIATE: {
        EN: "intermediate|medium|a bit|now and then|in between",
        DE: "mittel|mittelstufe|ab und zu",
        ES: "intermedio|intermedia|medio",
        FR: "intermédiaire|moyen",
    },
    Meaning.ADVANCED: {
        EN: "advanced|expert|experienced|pro|regular",
        DE: "fortgeschritten|profi|erfahren",
        ES: "avanzado|avanzada|experto",
        FR: "avancé|avancée|confirmé|expert",
    },
    Meaning.HIP_BAND: {
        EN: (
            "hip band|hip|circle band|hip circle|mini band|miniband|loop band|booty band|"
            "glute band|band|bands|elastic|resistance band|resistance bands"
        ),
        DE: "miniband|fitnessband|gummiband|band",
        ES: "mini banda|banda|goma",
        FR: "mini bande|bande|élastique",
    },
    Meaning.LONG_BAND: {
        EN: (
            "long band|long|long resistance band|tube|theraband|band|bands|elastic|"
            "resistance band|resistance bands"
        ),
        DE: "langes band|theraband|gummiband|band",
        ES: "banda larga|banda|goma",
        FR: "bande longue|bande|élastique",
    },
    Meaning.DUMBBELLS: {
        EN: "dumbbells|dumbbell|db|dbs|weights|free weights",
        DE: "hanteln|hantel|kurzhanteln|kurzhantel|gewichte",
        ES: "mancuernas|mancuerna|pesas",
        FR: "haltères|haltère|poids",
    },
}

# Emoji a runner may send for a button; they carry no letters to fold.
EMOJI: dict[str, frozenset[Meaning]] = {
    "👍": frozenset({Meaning.YES, Meaning.DONE}),
    "👌": frozenset({Meaning.YES, Meaning.DONE}),
    "✅": frozenset({Meaning.YES, Meaning.DONE}),
    "✔": frozenset({Meaning.YES, Meaning.DONE}),
    "☑": frozenset({Meaning.YES, Meaning.DONE}),
    "👎": frozenset({Meaning.NO}),
    "❌": frozenset({Meaning.NO}),
    "✖": frozenset({Meaning.NO}),
}

# Words around an answer that change nothing: "I'm a beginner", "dumbbells please",
# "ich habe Hanteln", "j'ai des haltères". Negations are deliberately absent: "not a
# beginner" must never read as Beginner.
FILLERS: dict[Language, frozenset[str]] = {
    EN: _set(
        "a am an both got guess have i id im is it its just maybe my of only own pair "
        "please pls plz probably say set some thank thanks the them think use you"
    ),
    DE: _set("beide bin bitte danke ein eine einen es hab habe ich ist mein meine nur paar wohl"),
    ES: _set(
        "ambas ambos creo es favor gracias mi mis par por solo soy tengo un una unas unos yo"
    ),
    FR: _set(
        "ai cest des deux est jai je juste les ma merci mes mon paire seulement stp suis "
        "svp un une"
    ),
}

# Words that join the items of a typed list ("dumbbells and a long band"); commas, "&" and
# "+" join them too (``content.answers``).
JOINERS: dict[Language, frozenset[str]] = {
    EN: _set("also and plus with"),
    DE: _set("mit sowie und"),
    ES: _set("con e y"),
    FR: _set("avec et"),
}

LEVEL_MEANING: dict[Level, Meaning] = {
    Level.BEGINNER: Meaning.BEGINNER,
    Level.INTERMEDIATE: Meaning.INTERMEDIATE,
    Level.ADVANCED: Meaning.ADVANCED,
}
EQUIPMENT_MEANING: dict[Equipment, Meaning] = {
    Equipment.NONE: Meaning.NONE,
    Equipment.HIP_BAND: Meaning.HIP_BAND,
    Equipment.LONG_BAND: Meaning.LONG_BAND,
    Equipment.DUMBBELLS: Meaning.DUMBBELLS,
}


@cache
def words_for(meaning: Meaning, languages: tuple[Language, ...]) -> frozenset[str]:
    """The folded words (``content.folding.key``) that mean ``meaning`` in ``languages``."""
    table = _WORDS.get(meaning, {})
    return frozenset(
        key(word) for lang in languages for word in table.get(lang, "").split("|") if word
    )


@cache
def fillers(languages: tuple[Language, ...]) -> frozenset[str]:
    return frozenset().union(*(FILLERS[lang] for lang in languages))


@cache
def joiners(languages: tuple[Language, ...]) -> frozenset[str]:
    return frozenset().union(*(JOINERS[lang] for lang in languages))
