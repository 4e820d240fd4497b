"""Spotting English in a translated reply: English function words that no German, Spanish or
French sentence uses. Names that stay the same in every language are not on the list."""

from __future__ import annotations

import re

ENGLISH = frozenset(
    [
        "the",
        "your",
        "you",
        "you're",
        "and",
        "with",
        "this",
        "that",
        "what",
        "when",
        "will",
        "is",
        "are",
        "be",
        "of",
        "for",
        "it",
        "it's",
        "to",
        "don't",
        "can't",
        "isn't",
        "here",
        "there",
        "next",
        "today",
        "tomorrow",
        "week",
        "session",
        "sessions",
    ]
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def english_words(text: str) -> list[str]:
    """The English function words in ``text``, outside HTML tags and /commands."""
    plain = re.sub(r"<[^>]+>", " ", text)
    plain = re.sub(r"/[a-z_]+", " ", plain)
    return [word for word in _WORD.findall(plain) if word.lower() in ENGLISH]


def assert_no_english(text: str) -> None:
    found = english_words(text)
    assert not found, f"English words {found} in: {text!r}"
