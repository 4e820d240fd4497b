"""Fold what a runner types into the plain keys our lookups compare.

Runners type on phone keyboards in four languages: "München" or "Munchen", "mañana" or
"manana", "Vendredi" or "vendredi", "St. John's" or "st johns". Every lookup (places, dates,
weekdays, times) compares folded keys, so an accent, a capital or a stray apostrophe never
decides whether we understand an answer. The folding is the same on both sides: the names we
index are folded exactly like the text we read.
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not split into base + accent, and typographic punctuation, made ASCII.
_PLAIN = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ı": "i",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "´": "'",
        "`": "'",
    }
)
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII without accents or ligatures, outer spaces removed: "Übermorgen" ->
    "ubermorgen", "Straße" -> "strasse", "l’après-midi" -> "l'apres-midi".

    Letters of other scripts are dropped: every vocabulary we match against is Latin.
    """
    lowered = text.strip().lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered.translate(_PLAIN))
    return decomposed.encode("ascii", "ignore").decode("ascii").strip()


def words(text: str) -> list[str]:
    """Folded words: punctuation and hyphens split, apostrophes join, so "St. John's" ->
    ["st", "johns"] and "Port-au-Prince" -> ["port", "au", "prince"]."""
    return _WORD.findall(fold(text).replace("'", ""))


def key(text: str) -> str:
    """One normalised key: folded words joined by single spaces ("New-York" == "new york")."""
    return " ".join(words(text))


# Abbreviations of "Saint" in place names, spelled out so "St. Louis" == "Saint Louis".
_SAINTS = {"st": "saint", "ste": "sainte", "sto": "santo", "sta": "santa"}


def place_key(text: str) -> str:
    """``key`` for place names: "St"/"Ste" spelled out and a leading English "the" dropped,
    so "The Hague" == "Hague" and "St. Gallen" == "Saint Gallen"."""
    parts = [_SAINTS.get(word, word) for word in words(text)]
    if len(parts) > 1 and parts[0] == "the":
        parts = parts[1:]
    return " ".join(parts)
