"""Read the running days a runner types, in English and in their own language.

"Mon Wed Fri", "Mondays and Thursdays", "jeden Montag und Donnerstag", "Mo-Fr", "lunes,
miércoles", "de lunes a viernes", "mardi et samedi", "du lundi au vendredi", "weekdays",
"every day", "every day except Sunday". Weekday names in every width come from CLDR
(``content.calendarwords``); CLDR has no words for groups of days nor the joining words, so
those are the small hand-written tables below, one line per language.

The reading is strict: one word we do not know and the answer is None, so the bot asks again
rather than storing a guess ("not Monday" must not become Monday).
"""

from __future__ import annotations

import re
from functools import cache

from content.calendarwords import weekday_names
from content.folding import fold
from content.languages import Language, reading_languages

_ALL, _WORKWEEK, _WEEKEND = frozenset(range(7)), frozenset(range(5)), frozenset({5, 6})
# Groups of days, per language (folded; a hyphen or space between words).
_GROUPS: dict[Language, dict[str, frozenset[int]]] = {
    Language.EN: {
        "every day": _ALL,
        "everyday": _ALL,
        "each day": _ALL,
        "daily": _ALL,
        "all days": _ALL,
        "all week": _ALL,
        "weekdays": _WORKWEEK,
        "weekday": _WORKWEEK,
        "week days": _WORKWEEK,
        "workdays": _WORKWEEK,
        "work days": _WORKWEEK,
        "weekends": _WEEKEND,
        "weekend": _WEEKEND,
        "week end": _WEEKEND,
    },
    Language.DE: {
        "jeden tag": _ALL,
        "taglich": _ALL,
        "taeglich": _ALL,
        "alle tage": _ALL,
        "wochentags": _WORKWEEK,
        "werktags": _WORKWEEK,
        "unter der woche": _WORKWEEK,
        "am wochenende": _WEEKEND,
        "wochenende": _WEEKEND,
        "wochenenden": _WEEKEND,
    },
    Language.ES: {
        "todos los dias": _ALL,
        "cada dia": _ALL,
        "a diario": _ALL,
        "entre semana": _WORKWEEK,
        "dias laborables": _WORKWEEK,
        "fines de semana": _WEEKEND,
        "fin de semana": _WEEKEND,
        "finde": _WEEKEND,
    },
    Language.FR: {
        "tous les jours": _ALL,
        "chaque jour": _ALL,
        "en semaine": _WORKWEEK,
        "jours de semaine": _WORKWEEK,
        "week end": _WEEKEND,
        "weekend": _WEEKEND,
        "fin de semaine": _WEEKEND,
    },
}
# Words that join or introduce days, and the ones for "to" in a range and "except".
_JOINERS: dict[Language, frozenset[str]] = {
    Language.EN: frozenset({"and", "on", "every", "each", "the", "from", "plus", "also"}),
    Language.DE: frozenset({"und", "jeden", "jede", "jeder", "am", "von", "sowie", "immer"}),
    Language.ES: frozenset({"y", "e", "cada", "todos", "los", "el", "de", "del", "desde"}),
    Language.FR: frozenset({"et", "chaque", "tous", "les", "le", "du", "de"}),
}
_RANGE: dict[Language, frozenset[str]] = {
    Language.EN: frozenset({"to", "through", "thru", "till", "until", "-"}),
    Language.DE: frozenset({"bis", "-"}),
    Language.ES: frozenset({"a", "al", "hasta", "-"}),
    Language.FR: frozenset({"au", "a", "jusquau", "-"}),
}
_EXCEPT: dict[Language, frozenset[str]] = {
    Language.EN: frozenset({"except", "but", "apart", "not"}),
    Language.DE: frozenset({"ausser", "ohne", "nicht"}),
    Language.ES: frozenset({"excepto", "menos", "salvo", "sin"}),
    Language.FR: frozenset({"sauf", "excepte", "hors"}),
}
_TOKEN = re.compile(r"@\w+|[a-z]+|-")


@cache
def _vocabulary(
    languages: tuple[Language, ...],
) -> tuple[
    dict[str, int], dict[str, frozenset[int]], frozenset[str], frozenset[str], frozenset[str]
]:
    groups = {name: days for lang in languages for name, days in _GROUPS[lang].items()}
    joiners = frozenset().union(*(_JOINERS[lang] for lang in languages))
    ranges = frozenset().union(*(_RANGE[lang] for lang in languages))
    excepts = frozenset().union(*(_EXCEPT[lang] for lang in languages))
    return weekday_names(languages), groups, joiners, ranges, excepts


def _day(word: str, names: dict[str, int]) -> int | None:
    """A weekday name, also in the plural or adverb form ("mondays", "montags", "lundis")."""
    if word in names:
        return names[word]
    if word.endswith("s") and word[:-1] in names and len(word) > 3:
        return names[word[:-1]]
    return None


def _tokens(text: str, groups: dict[str, frozenset[int]]) -> list[str]:
    """Folded words, with each group phrase replaced by "@0", "@1"... (its index)."""
    plain = fold(text).replace("'", "").replace("@", " ")
    names = sorted(groups, key=len, reverse=True)
    for index, name in enumerate(names):
        pattern = r"\b" + r"[\s-]+".join(map(re.escape, name.split())) + r"\b"
        plain = re.sub(pattern, f" @{index} ", plain)
    return [
        f"@{names[int(token[1:])]}" if token.startswith("@") else token
        for token in _TOKEN.findall(plain)
    ]


def parse_weekdays(text: str, language: str | None = Language.EN) -> set[int] | None:
    """The weekdays (0 = Monday .. 6 = Sunday) in ``text``, or None if any word is not
    understood or no day is named. Ranges wrap ("Fri-Mon" is four days)."""
    names, groups, joiners, ranges, excepts = _vocabulary(reading_languages(language))
    days: set[int] = set()
    removed: set[int] = set()
    excepting = False
    previous: int | None = None
    pending_range = False
    for token in _tokens(text[:200], groups):
        target = removed if excepting else days
        if token.startswith("@"):
            target.update(groups[token[1:]])
            previous, pending_range = None, False
        elif (day := _day(token, names)) is not None:
            if pending_range and previous is not None:
                span = (day - previous) % 7
                target.update((previous + step) % 7 for step in range(span + 1))
            target.add(day)
            previous, pending_range = day, False
        elif token in ranges and previous is not None and not pending_range:
            pending_range = True
        elif token in excepts and (days or removed):
            excepting, previous = True, None
        elif token not in joiners:
            return None
    if pending_range:
        return None
    result = days - removed
    return result or None
