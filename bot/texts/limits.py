"""Telegram's size limits, and splitting a long message at line boundaries.

Every message the bot builds goes through these before it is sent: a text over 4,096
characters (or a caption over 1,024) is refused by Telegram, and a refused summary would roll
back the update that ends the session. Lengths are counted in UTF-16 code units, as Telegram
counts them, over the HTML source, which is never shorter than the text Telegram measures.
"""

from __future__ import annotations

from typing import Final

TEXT_LIMIT: Final = 4096
CAPTION_LIMIT: Final = 1024
ANSWER_LIMIT: Final = 200  # a toast or alert under the runner's finger
CALLBACK_DATA_BYTES: Final = 64


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_message(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """``text`` in as few parts as fit ``limit``, split between lines.

    A single line longer than the limit (never built by the bot's own texts, whose quoted
    input is shortened) is cut at a character boundary outside HTML tags.
    """
    if utf16_len(text) <= limit:
        return [text]
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.split("\n"):
        for piece in _cut(line, limit):
            extra = utf16_len(piece) + (1 if current else 0)
            if current and size + extra > limit:
                parts.append("\n".join(current))
                current, size = [], 0
                extra = utf16_len(piece)
            current.append(piece)
            size += extra
    if current:
        parts.append("\n".join(current))
    return [part for part in parts if part.strip()] or [text[:limit]]


def _cut(line: str, limit: int) -> list[str]:
    if utf16_len(line) <= limit:
        return [line]
    pieces: list[str] = []
    start = 0
    while start < len(line):
        end = min(len(line), start + limit // 2)  # at most two UTF-16 units per character
        while end < len(line) and _inside_tag(line, end):
            end -= 1
        pieces.append(line[start:end])
        start = end
    return pieces


def _inside_tag(line: str, index: int) -> bool:
    return line.rfind("<", 0, index) > line.rfind(">", 0, index)


def shorten(text: str, limit: int) -> str:
    """Plain text (a toast, a button label) cut to ``limit`` UTF-16 units with an ellipsis."""
    if utf16_len(text) <= limit:
        return text
    cut = text
    while utf16_len(cut) > limit - 1:
        cut = cut[:-1]
    return cut.rstrip() + "…"
