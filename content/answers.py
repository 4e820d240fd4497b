"""Which button a runner meant when they typed instead of pressing.

Wherever buttons are offered, typing a button's label counts as pressing it: in any case,
with small typos, and with the usual words for it ("yep" for Yes, "nothing" for None,
"finished" for Done; ``content.answerwords``). The caller says what is on screen as
``Option`` s (the value a press would carry, the label shown, the meanings declared); this
module only reads, so the set-up questions and the session card read the same way.

The rules, in order, each stopping at the first that decides:

1. The button's own label (folded: case, accents, a tick mark and punctuation aside) always
   wins, even when the same word is another button's synonym.
2. A usual word for exactly one button on screen; a word that means two buttons on screen
   ("band" with both bands offered) is unsure.
3. A typo, or the start of a long one-word label or usual word ("inter", "dumbels",
   "advnced"), when it is close to exactly one button on screen. Close to two is unsure:
   a typo never maps to a different button that is also on screen ("harde" with Hard and
   Harder offered).

"Unsure" names the candidates so the caller can ask which one. ``None`` means the text is not
an answer at all and may be a question or a remark for another topic.

Typos are measured with rapidfuzz's optimal string alignment distance (a swap of two letters
is one edit): none allowed in words under four letters, where one edit turns "now" into "no",
one up to seven letters, two beyond.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from rapidfuzz.distance import OSA

from content.answerwords import EMOJI, Meaning, fillers, joiners, words_for
from content.folding import key
from content.languages import Language, reading_languages

# A start of a long word may stand for it ("adv", "inter", "dumb"); short words are whole
# words in their own right ("hard" is not the start of "harder").
MIN_PREFIX = 3
MIN_PREFIXED_WORD = 7
_LIST_MARKS = re.compile(r"[,;&+\n]")
_VARIATION = re.compile("[\ufe0e\ufe0f\U0001f3fb-\U0001f3ff]")  # emoji styles and skin tones


class Fit(StrEnum):
    """How the typed text was understood."""

    LABEL = "label"  # the button's own words
    SYNONYM = "synonym"  # a usual word for it
    NEAR = "near"  # a typo or a clear start of one button's words
    UNSURE = "unsure"  # several buttons fit: ask which


@dataclass(frozen=True, slots=True)
class Option:
    """A button on screen: ``value`` is what pressing it means to the caller, ``label`` the
    words on it, ``meanings`` the vocabularies whose words also answer for it."""

    value: str
    label: str
    meanings: tuple[Meaning, ...] = ()


@dataclass(frozen=True, slots=True)
class Reading:
    """The button meant (``value``), or with ``Fit.UNSURE`` the ``candidates`` (values, in
    screen order) between which the runner should choose."""

    fit: Fit
    value: str | None = None
    candidates: tuple[str, ...] = ()
    text: str = ""  # what was typed for it, for asking back


@dataclass(frozen=True, slots=True)
class ListReading:
    """A typed list ("dumbbells and long band"): the values read for sure, in screen order,
    and the parts that could be several buttons."""

    values: tuple[str, ...]
    unsure: tuple[Reading, ...] = ()


def read_answer(
    text: str, options: Sequence[Option], language: str | None = Language.EN
) -> Reading | None:
    """The button ``text`` stands for among ``options``; None when it names none of them."""
    languages = reading_languages(language)
    emoji = _emoji(text)
    if emoji is not None:
        owners = [option.value for option in options if emoji & set(option.meanings)]
        return _decide(owners, Fit.SYNONYM, text)
    raw = key(text)
    typed = _strip(raw, languages)
    labels = [(option.value, key(option.label)) for option in options]
    exact = [value for value, label in labels if raw and label == raw]
    if not exact and typed:  # without the words around it: "I'm a beginner"
        exact = [value for value, label in labels if _strip(label, languages) == typed]
    if exact:  # 1. the label itself always wins
        return _decide(exact, Fit.LABEL, text)
    if not typed:
        return None
    vocabulary = {option.value: _words(option, languages) for option in options}
    owners = [option.value for option in options if typed in vocabulary[option.value]]
    if owners:  # 2. a usual word
        return _decide(owners, Fit.SYNONYM, text)
    near = [  # 3. a typo or a clear start
        option.value
        for option in options
        if any(_near(typed, word) for word in vocabulary[option.value])
    ]
    return _decide(near, Fit.NEAR, text) if near else None


def read_answers(
    text: str, options: Sequence[Option], language: str | None = Language.EN
) -> ListReading | None:
    """Several buttons typed as a list, as for tick questions: "dumbbells, long band",
    "Hanteln und Miniband". None when any part names no button: a list with a word we do
    not know is not taken in part ("dumbbells but no band" is not Dumbbells)."""
    values: list[str] = []
    unsure: list[Reading] = []
    parts = list(_parts(text, reading_languages(language)))
    if not parts:
        return None
    for part in parts:
        reading = read_answer(part, options, language)
        if reading is None:
            return None
        if reading.value is not None:
            values.append(reading.value)
        else:
            unsure.append(reading)
    order = [option.value for option in options]
    chosen = tuple(value for value in order if value in values)
    return ListReading(chosen, tuple(unsure))


def closest(text: str, words: Sequence[str]) -> tuple[str, ...]:
    """The words of ``words`` that ``text`` names, is a typo of or starts ("nxt" -> next,
    "setting" -> settings, "stat" -> start); several when it is as close to each, () when
    it is close to none. For names such as commands, where no usual words apply."""
    reading = read_answer(text, [Option(word, word) for word in words])
    if reading is None:
        return ()
    return (reading.value,) if reading.value is not None else reading.candidates


def _decide(owners: Sequence[str], fit: Fit, text: str) -> Reading | None:
    unique = tuple(dict.fromkeys(owners))
    if not unique:
        return None
    if len(unique) == 1:
        return Reading(fit, unique[0], text=text)
    return Reading(Fit.UNSURE, candidates=unique, text=text)


def _emoji(text: str) -> frozenset[Meaning] | None:
    bare = _VARIATION.sub("", text).strip()
    return EMOJI.get(bare)


def _strip(folded: str, languages: tuple[Language, ...]) -> str:
    """The folded text without the words around an answer ("I'm a", "please")."""
    skip = fillers(languages)
    return " ".join(word for word in folded.split() if word not in skip)


def _words(option: Option, languages: tuple[Language, ...]) -> set[str]:
    words = {_strip(key(option.label), languages)}
    for meaning in option.meanings:
        words |= {_strip(word, languages) for word in words_for(meaning, languages)}
    words.discard("")
    return words


def _budget(word: str) -> int:
    """Edits a typo of ``word`` may have."""
    letters = len(word.replace(" ", ""))
    if letters < 4:
        return 0
    return 1 if letters < 8 else 2


def _near(typed: str, word: str) -> bool:
    if (
        len(typed) >= MIN_PREFIX
        and len(word) >= MIN_PREFIXED_WORD
        and " " not in word
        and word.startswith(typed)
    ):
        return True
    budget = _budget(word)
    if budget == 0 or abs(len(typed) - len(word)) > budget:
        return False
    return OSA.distance(typed, word, score_cutoff=budget) <= budget


def _parts(text: str, languages: tuple[Language, ...]) -> Iterable[str]:
    """The items of a typed list, split at commas, "&", "+" and joining words."""
    joining = joiners(languages)
    for chunk in _LIST_MARKS.split(text):
        current: list[str] = []
        for word in key(chunk).split():
            if word in joining:
                if current:
                    yield " ".join(current)
                current = []
            else:
                current.append(word)
        if current:
            yield " ".join(current)
        elif chunk.strip() and _emoji(chunk) is not None:
            yield chunk.strip()
