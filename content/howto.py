"""Find the exercise a runner is asking about, from whatever they typed.

Runners ask in their own words: "how do I do a single leg deadlift?", "bridge?", "RDL",
"calf raisse", "wie mache ich eine Kniebeuge", "cómo se hace una zancada lateral", "comment
faire un pont fessier". The library lists each exercise's name, aliases and common
misspellings in every language it speaks; a question is matched against the names of the
library's language and English (``library.localized(language)`` picks the language), in three
tiers, most trusted first:

1. **exact**: after normalising (case, punctuation, emoji, filler such as "how do I" or
   "what are"), the text *is* a name, alias or misspelling, also with the spaces and a plural
   "s" taken out ("calfraises", "dead lifts");
2. **strong**: every word of the text matches every word of one name, allowing a typo per
   word and any order ("sinlge leg dedlift", "lunge side"), or the whole text is within a typo
   or two of a name once spaces are ignored ("glutebrdge");
3. **partial**: the text holds a whole name plus a few other words ("single leg deadlift
   with a band"); or, when every word is an exercise word, the text is a piece of a name
   ("raise", "single leg") or holds a word only one exercise uses ("jump").

One exercise found by the first tier that finds any is the answer (``exact`` or ``fuzzy``);
several are ``ambiguous`` and the bot offers them as buttons. The partial tier also needs more
than half of the text's letters to be exercise words, so "what's the weather", "box jump" or
"deadlift bench press" find nothing rather than a wild guess.

Pure: no Telegram, no database. Similarity scores (0-100) come from rapidfuzz.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

from rapidfuzz import fuzz, process

from content.folding import fold
from content.languages import reading_languages
from content.library import Library
from content.model import Equipment, Exercise

MatchKind = Literal["exact", "fuzzy", "ambiguous", "none"]

# How many exercises an ambiguous answer offers as buttons.
MAX_CANDIDATES: Final = 4

# A typo in one word: one wrong letter in "bridge" scores 91, a swapped pair in "squat" 80.
# Words shorter than this only ever match exactly ("hi" is not "hip", "one" is not "done").
_WORD_CUTOFF: Final = 80.0
_MIN_FUZZY_WORD: Final = 4
# The whole text against a whole name with spaces ignored ("glutebrdge" ~ "glute bridge").
_WHOLE_CUTOFF: Final = 88.0
# Two exercises whose strong scores are this close are both offered.
_STRONG_MARGIN: Final = 3.0
# Share of the text's letters that must belong to exercise words (strictly more than this).
_MIN_COVERAGE: Final = 0.5

# Words that carry no exercise meaning in a question, in every language (folded: no accents).
# Names are normalised the same way, so only small joining words may appear in them ("side to
# side lunge", "peso muerto a una pierna"; a test checks each language's library).
FILLER: Final = frozenset(
    {
        # question words: "how do I do a...", "what are...", "how should you..."
        *("how", "what", "whats", "s", "is", "are", "was", "do", "does", "did", "doing"),
        *("should", "can", "could", "would", "will", "i", "im", "you", "we", "me", "my"),
        *("your", "it", "this", "that", "these", "those", "a", "an", "the", "some"),
        # requests: "show me", "explain", "tell me about", "teach me", "please"
        *("show", "explain", "tell", "about", "teach", "please", "pls", "plz", "hey"),
        "coach",
        # small joining words: "lunge or squat", "deadlift with a band", "for my legs"
        *("to", "of", "for", "with", "on", "in", "at", "and", "or"),
        # "the right form for...", "the bridge exercise", "another variation"
        *("exercise", "exercises", "move", "movement", "variation", "variations"),
        *("version", "variant", "properly", "correctly", "proper", "correct", "right"),
        *("form", "technique", "perform", "again"),
        # German: "wie mache ich eine Kniebeuge richtig?", "zeig mir den Ausfallschritt"
        *("wie", "mache", "machst", "macht", "machen", "mach", "man", "ich", "du", "geht"),
        *("gehts", "funktioniert", "fuhre", "fuhrt", "aus", "was", "ist", "sind", "kannst"),
        *("zeig", "zeige", "zeigst", "mir", "erklar", "erklare", "erklarst", "bitte"),
        *("ein", "eine", "einen", "einem", "einer", "der", "die", "das", "den", "dem", "des"),
        *("mit", "und", "oder", "fur", "zu", "zur", "zum", "beim", "bei", "im", "am", "auf"),
        *("ubung", "ubungen", "richtig", "korrekt", "sauber", "technik", "ausfuhrung"),
        *("variante", "hallo", "hi", "trainer", "trainerin", "eigentlich", "genau", "mal"),
        *("mein", "meine", "meinen", "meiner", "trainiere", "trainieren", "trainiert"),
        # Spanish: "¿cómo se hace una zancada lateral?", "explícame la sentadilla"
        *("como", "se", "hace", "hacen", "hago", "haces", "hacer", "realiza", "realizo"),
        *("realizar", "que", "es", "son", "muestrame", "ensename", "explica", "explicame"),
        *("un", "una", "unos", "unas", "el", "la", "los", "las", "lo", "del", "al", "de"),
        *("con", "en", "y", "o", "para", "por", "favor", "mi", "tu", "ejercicio"),
        *("ejercicios", "bien", "correctamente", "tecnica", "forma", "hola", "oye"),
        *("entrenador", "entrenadora", "puedo", "puedes", "debo", "mis", "tus", "entreno"),
        *("entrenar", "trabajo", "trabajar"),
        # French: "comment on fait une fente latérale ?", "montre-moi le pont fessier"
        *("comment", "on", "fait", "faire", "fais", "je", "il", "faut", "le", "les", "du"),
        *("des", "au", "aux", "avec", "et", "ou", "sur", "pour", "ce", "est", "quoi"),
        *("montre", "montrez", "moi", "explique", "expliquer", "exercice", "exercices"),
        *("correctement", "bonne", "forme", "salut", "stp", "svp", "te", "plait", "mon"),
        *("ma", "mes", "ton", "ta", "tes", "peux", "dois", "veux", "executer", "realiser"),
        *("travailler", "muscler", "renforcer"),
    }
)

# A question about *doing* something, as opposed to chat ("thanks", "what's the weather"),
# on folded text, in every language.
_QUESTION_CUES: Final = re.compile(
    r"\bhow\s+(?:do|does|should|would|can|could)\s+(?:i|you|we|one)\b"
    r"|\bhow\s+to\b|\bshow\s+me\b|\bexplain\b|\bteach\s+me\b|\btechnique\b"
    r"|\bexercises?\b|\bform\s+(?:for|of|on)\b"
    # German: "wie mache ich", "wie geht", "wie macht man", "zeig mir", "erklär", "Übung"
    r"|\bwie\s+(?:mache|machst|macht|machen|fuhre|fuhrt)\b"
    r"|\bwie\s+(?:geht|gehts|funktioniert)\s+(?:ein|eine|einen|der|die|das|den|man)\b"
    r"|\bzeig(?:e|st)?\s+mir\b|\berklar\w*|\bubung(?:en)?\b|\btechnik\b|\bausfuhrung\b"
    # Spanish: "cómo se hace", "cómo hago", "cómo hacer", "muéstrame", "explícame", "ejercicio"
    r"|\bcomo\s+(?:se\s+)?(?:hace|hacen|hago|haces|hacer|realiza|realizo|realizar)\b"
    r"|\bmuestrame\b|\bensename\b|\bexplica\w*|\bejercicios?\b|\btecnica\b"
    # French: "comment on fait", "comment faire", "comment je fais", "montre-moi", "exercice"
    r"|\bcomment\s+(?:est\s+ce\s+)?(?:on\s+|je\s+|tu\s+)?(?:fai\w*|realis\w*|execut\w*)"
    r"|\bmontre\w*\s+moi\b|\bexplique\w*|\bexercices?\b"
)
# Words that make a how-question about the bot itself ("how do I change my reminder time?",
# "wie ändere ich die Erinnerung?", "¿cómo cambio el idioma?", "comment changer l'heure ?").
_ABOUT_THE_BOT: Final = frozenset(
    {
        *("reminder", "reminders", "time", "zone", "timezone", "settings", "setting"),
        *("plan", "schedule", "day", "days", "session", "sessions", "workout", "level"),
        *("kit", "equipment", "pause", "resume", "stop", "race", "bot", "start", "help"),
        *("change", "cancel", "delete", "reset", "notifications", "language"),
        *("erinnerung", "erinnerungen", "zeit", "uhrzeit", "zeitzone", "einstellung"),
        *("einstellungen", "tag", "tage", "einheit", "einheiten", "training", "niveau"),
        *("ausrustung", "pausieren", "fortsetzen", "stoppen", "wettkampf", "rennen"),
        *("starten", "hilfe", "andern", "andere", "loschen", "abbrechen", "sprache"),
        *("recordatorio", "recordatorios", "hora", "horaria", "ajustes", "configuracion"),
        *("dia", "dias", "sesion", "sesiones", "entrenamiento", "nivel", "material"),
        *("pausa", "pausar", "reanudar", "parar", "carrera", "empezar", "ayuda", "cambiar"),
        *("cambio", "cancelar", "borrar", "idioma", "notificaciones"),
        *("rappel", "rappels", "heure", "fuseau", "horaire", "parametres", "reglages"),
        *("jour", "jours", "seance", "seances", "entrainement", "materiel", "reprendre"),
        *("arreter", "course", "commencer", "aide", "changer", "modifier", "annuler"),
        *("supprimer", "effacer", "langue"),
    }
)
# French elision: "l'haltère", "qu'est-ce", "d'une" lose the elided article or pronoun.
_ELISION: Final = re.compile(r"\b(?:qu|[cdjlmnst])['’‘`´](?=\w)")
_APOSTROPHES: Final = re.compile(r"['’‘`´]")
_NOT_WORD: Final = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class ExerciseMatch:
    """What a question names: one exercise (``exact`` or ``fuzzy``), several, or nothing.

    ``candidates`` are exercise ids, best first: the answer alone for ``exact`` and
    ``fuzzy``, up to ``MAX_CANDIDATES`` for ``ambiguous``, empty for ``none``.
    """

    kind: MatchKind
    exercise_id: str | None = None
    candidates: tuple[str, ...] = ()


NO_MATCH: Final = ExerciseMatch("none")


def _words(text: str) -> list[str]:
    """Folded words (no accents, no case, no punctuation or emoji), French elisions undone:
    "Comment faire l'élévation ?" -> ["comment", "faire", "elevation"]."""
    text = _ELISION.sub("", fold(unicodedata.normalize("NFKC", text)))
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", text)).split()


def normalise(text: str) -> str:
    """Lowercase words, no punctuation, emoji, accents or filler: "How do I do a Bridge?" ->
    "bridge", "¿Cómo se hace una zancada lateral?" -> "zancada lateral"."""
    return " ".join(word for word in _words(text) if word not in FILLER)


def looks_like_exercise_question(text: str) -> bool:
    """Whether the text asks how to do something ("how do I do a burpee?", "show me...").

    Used for text that names no exercise we know: such a question gets the list of exercises
    we coach, while chat ("thanks", "what's the weather") gets the short help instead.
    """
    words = _words(text)
    if _QUESTION_CUES.search(" ".join(words)) is None:
        return False
    return not _ABOUT_THE_BOT.intersection(words)


def match_exercise(text: str, library: Library) -> ExerciseMatch:
    """The exercise (or exercises) a runner's text names; see the module docstring."""
    query = normalise(text)
    if not query:
        return NO_MATCH
    index = _index(library)
    exercise_id = index.exact.get(query) or index.compact.get(_key(query))
    if exercise_id is not None:
        return ExerciseMatch("exact", exercise_id, (exercise_id,))

    words = query.split()
    strong = _whole_matches(query, index)
    for found_id, score in _word_for_word_matches(words, index).items():
        _keep_best(strong, found_id, score)
    if strong:
        return _decide(strong, margin=_STRONG_MARGIN)

    known = [word for word in words if index.is_exercise_word(word)]
    if _letters(known) <= _MIN_COVERAGE * _letters(words):
        return NO_MATCH
    # With other words around ("step up", "box jump"), a piece of a name is not enough: the
    # runner is likely naming an exercise we do not coach. Only a whole name counts then.
    partial = _partial_matches(query, known, index, pieces=len(known) == len(words))
    if partial:
        return _decide(partial, margin=None)
    return NO_MATCH


def equipment_options(exercise: Exercise) -> tuple[Equipment, ...]:
    """All kit the exercise's ladder can use, body weight first, then in ladder order."""
    seen: list[Equipment] = [Equipment.NONE]
    for rung in exercise.ladder:
        for item in sorted(rung.equipment):
            if item not in seen:
                seen.append(item)
    return tuple(seen)


# --- the index of names ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Term:
    """One normalised name, alias or misspelling of an exercise, split into words."""

    text: str
    words: tuple[str, ...]
    exercise_id: str


@dataclass(frozen=True, slots=True)
class _Index:
    terms: tuple[_Term, ...]
    exact: dict[str, str]  # normalised term -> exercise id
    compact: dict[str, str]  # _key(term) -> exercise id, only keys one exercise has
    vocabulary: dict[str, frozenset[str]]  # word -> ids of exercises with it in a name

    def is_exercise_word(self, word: str) -> bool:
        return any(_word_similarity(word, known) for known in self.vocabulary)

    def distinctive(self, word: str) -> str | None:
        """The one exercise whose names use this word (or a typo of it), if only one does."""
        owners: set[str] = set()
        for known, ids in self.vocabulary.items():
            if _word_similarity(word, known):
                owners |= ids
        return next(iter(owners)) if len(owners) == 1 else None


_INDEXES: dict[int, tuple[Library, _Index]] = {}


def _index(library: Library) -> _Index:
    """The index of a library, built once (libraries are immutable; keyed by identity)."""
    cached = _INDEXES.get(id(library))
    if cached is not None and cached[0] is library:
        return cached[1]
    index = _build_index(library)
    _INDEXES[id(library)] = (library, index)
    return index


def _names(library: Library) -> Iterable[tuple[str, str]]:
    """(exercise id, name) for every name, alias and misspelling a runner of the library's
    language may type: theirs first, then English (``reading_languages``)."""
    for language in reading_languages(library.language):
        for exercise in library.localized(language):
            for name in (exercise.name, *exercise.aliases, *exercise.misspellings):
                yield exercise.id, name


def _build_index(library: Library) -> _Index:
    terms: dict[str, _Term] = {}
    compact: dict[str, set[str]] = {}
    vocabulary: dict[str, set[str]] = {}
    for exercise_id, raw in _names(library):
        text = normalise(raw)
        if not text or text in terms:
            continue
        terms[text] = _Term(text, tuple(text.split()), exercise_id)
        compact.setdefault(_key(text), set()).add(exercise_id)
        for word in text.split():
            vocabulary.setdefault(word, set()).add(exercise_id)
    return _Index(
        terms=tuple(terms.values()),
        exact={text: term.exercise_id for text, term in terms.items()},
        compact={key: next(iter(ids)) for key, ids in compact.items() if len(ids) == 1},
        vocabulary={word: frozenset(ids) for word, ids in vocabulary.items()},
    )


def _singular(word: str) -> str:
    """A rough singular: "lunges" -> "lunge", but "press" and "sls" stay."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _key(text: str) -> str:
    """Spacing- and plural-blind form: "calf raises", "calfraise", "calf raise" are one key."""
    return "".join(_singular(word) for word in text.split())


def _letters(words: Iterable[str]) -> int:
    return sum(len(word) for word in words)


def _word_similarity(word: str, known: str) -> float:
    """0 unless the words are the same (plurals aside) or one typo apart; else 80-100."""
    if word == known or _singular(word) == _singular(known):
        return 100.0
    if min(len(word), len(known)) < _MIN_FUZZY_WORD:
        return 0.0
    return fuzz.ratio(word, known, score_cutoff=_WORD_CUTOFF)


def _word_matches(words: Iterable[str], term: _Term) -> tuple[float, int]:
    """Sum of similarities and count of ``words`` found among the term's words, each once."""
    free = list(term.words)
    total, found = 0.0, 0
    for word in words:
        scored = [(_word_similarity(word, known), known) for known in free]
        best, known = max(scored, default=(0.0, ""))
        if best:
            free.remove(known)
            total += best
            found += 1
    return total, found


# --- the tiers -------------------------------------------------------------------------------

# exercise id -> (score, tie-break score); the higher the better
_Scores = dict[str, tuple[float, float]]


def _keep_best(scores: _Scores, exercise_id: str, score: tuple[float, float]) -> None:
    if score > scores.get(exercise_id, (0.0, 0.0)):
        scores[exercise_id] = score


def _word_for_word_matches(words: list[str], index: _Index) -> _Scores:
    """Names the text spells out word for word, allowing a typo per word and any order."""
    scores: _Scores = {}
    for term in index.terms:
        if len(term.words) != len(words):
            continue
        total, found = _word_matches(words, term)
        if found == len(words):
            score = total / found
            _keep_best(scores, term.exercise_id, (score, score))
    return scores


def _whole_matches(query: str, index: _Index) -> _Scores:
    """Names within a typo or two of the whole text, spaces ignored ("glutebrdge")."""
    scores: _Scores = {}
    choices = {term.text: term.text.replace(" ", "") for term in index.terms}
    for _compact, score, text in process.extract(
        query.replace(" ", ""),
        choices,
        scorer=fuzz.ratio,
        score_cutoff=_WHOLE_CUTOFF,
        limit=None,
    ):
        _keep_best(scores, index.exact[text], (score, score))
    return scores


def _partial_matches(query: str, known: list[str], index: _Index, *, pieces: bool) -> _Scores:
    """Names the text holds whole and, if ``pieces``, names it holds part of and words unique
    to one exercise ("jump").

    The score is how many letters of the text the exercise explains, so "single leg deadlift
    band" prefers the deadlift; the tie-break is the closeness of the whole strings.
    """
    scores: _Scores = {}
    for term in index.terms:
        found = _word_matches(known, term)[1]
        part_of_name = pieces and found == len(known)
        whole_name = _word_matches(term.words, _as_term(known))[1] == len(term.words)
        if part_of_name or whole_name:
            explained = [word for word in known if _word_matches([word], term)[1]]
            score = (float(_letters(explained)), fuzz.ratio(query, term.text))
            _keep_best(scores, term.exercise_id, score)
    if pieces:
        for word in known:
            owner = index.distinctive(word)
            if owner is not None:
                _keep_best(scores, owner, (float(len(word)), 0.0))
    return scores


def _as_term(words: list[str]) -> _Term:
    return _Term(" ".join(words), tuple(words), "")


def _decide(scores: _Scores, *, margin: float | None) -> ExerciseMatch:
    """One clear winner is the answer; otherwise the close ones, best first, are candidates.

    With a ``margin`` every exercise within it of the best is a close one; without, any
    exercise found at all is (partial evidence is too thin to rank one over another).
    """
    ranked = sorted(scores, key=lambda exercise_id: scores[exercise_id], reverse=True)
    best = scores[ranked[0]][0]
    close = [i for i in ranked if margin is None or scores[i][0] >= best - margin]
    if len(close) == 1:
        return ExerciseMatch("fuzzy", close[0], (close[0],))
    return ExerciseMatch("ambiguous", None, tuple(close[:MAX_CANDIDATES]))
