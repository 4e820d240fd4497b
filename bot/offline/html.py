"""Telegram's HTML subset: what the user reads, the entities Telegram derives, and its errors.

Telegram turns ``parse_mode="HTML"`` text into plain text plus *entities* (bold from offset 5,
length 4, ...), with offsets and lengths in UTF-16 code units, and refuses malformed markup with
"can't parse entities: ..." naming a byte offset. Its limits (4096 for text, 1024 for captions)
apply to the plain text, also in UTF-16 code units. The parser is the stdlib's HTMLParser;
only the Telegram-specific checks and entity bookkeeping are written here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Final

from bot.offline.errors import ApiError, JSONDict

# Tags Telegram accepts, and the entity type each one makes (None: decided by attributes).
_ENTITY_OF_TAG: Final[dict[str, str | None]] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": None,
    "a": None,
    "code": "code",
    "pre": "pre",
    "blockquote": None,
    "tg-emoji": None,
}


def utf16_len(text: str) -> int:
    """Telegram measures lengths, offsets and limits in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


@dataclass(frozen=True)
class Rendered:
    """Text as the user reads it, with Telegram's entities (UTF-16 offsets and lengths)."""

    text: str
    entities: tuple[JSONDict, ...] = ()

    @property
    def length(self) -> int:
        """The length Telegram's limits are checked against."""
        return utf16_len(self.text)


@dataclass
class _Open:
    tag: str
    attrs: dict[str, str | None]
    offset: int
    language: str | None = None


class _TelegramHtml(HTMLParser):
    """Parses Telegram's HTML subset and reports errors in Telegram's words."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.parts: list[str] = []
        self.units = 0  # UTF-16 units of plain text so far (HTMLParser owns "offset")
        self.open_tags: list[_Open] = []
        self.entities: list[JSONDict] = []
        self.error: str | None = None

    def _byte_offset(self) -> int:
        line, column = self.getpos()
        lines = self.source.split("\n")
        chars = sum(len(text) + 1 for text in lines[: line - 1]) + column
        return len(self.source[:chars].encode())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.error is not None:
            return
        if tag not in _ENTITY_OF_TAG:
            self.error = f'Unsupported start tag "{tag}" at byte offset {self._byte_offset()}'
        else:
            self.open_tags.append(_Open(tag, dict(attrs), self.units))

    def handle_endtag(self, tag: str) -> None:
        if self.error is not None:
            return
        if not self.open_tags:
            self.error = f"Unexpected end tag at byte offset {self._byte_offset()}"
        elif self.open_tags[-1].tag != tag:
            self.error = (
                f"Unmatched end tag at byte offset {self._byte_offset()}, "
                f'expected "</{self.open_tags[-1].tag}>", found "</{tag}>"'
            )
        else:
            self._close(self.open_tags.pop())

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
        self.units += utf16_len(data)

    def _close(self, element: _Open) -> None:
        parent = self.open_tags[-1] if self.open_tags else None
        if element.tag == "code" and parent is not None and parent.tag == "pre":
            # <pre><code class="language-x"> is one pre entity with a language.
            css = element.attrs.get("class") or ""
            if css.startswith("language-"):
                parent.language = css.removeprefix("language-")
            return
        entity = _entity(element)
        length = self.units - element.offset
        if entity is not None and length > 0:
            self.entities.append({**entity, "offset": element.offset, "length": length})

    def rendered(self) -> Rendered:
        """Return the plain text and entities; raise :class:`ApiError` (400) on bad markup."""
        self.feed(self.source)
        self.close()
        if self.error is None and self.open_tags:
            self.error = (
                f'Can\'t find end tag corresponding to start tag "{self.open_tags[-1].tag}"'
            )
        if self.error is not None:
            raise ApiError(400, f"Bad Request: can't parse entities: {self.error}")
        ordered = sorted(self.entities, key=lambda e: (e["offset"], -e["length"]))
        return Rendered("".join(self.parts), tuple(ordered))


def _entity(element: _Open) -> JSONDict | None:
    """The entity a closed tag makes, without offset and length; None when it makes none."""
    kind = _ENTITY_OF_TAG[element.tag]
    attrs = element.attrs
    if element.tag == "span":
        return {"type": "spoiler"} if attrs.get("class") == "tg-spoiler" else None
    if element.tag == "a":
        href = attrs.get("href")
        return {"type": "text_link", "url": href} if href else None
    if element.tag == "blockquote":
        return {"type": "expandable_blockquote" if "expandable" in attrs else "blockquote"}
    if element.tag == "tg-emoji":
        emoji_id = attrs.get("emoji-id")
        return {"type": "custom_emoji", "custom_emoji_id": emoji_id} if emoji_id else None
    if element.tag == "pre" and element.language:
        return {"type": "pre", "language": element.language}
    return {"type": kind} if kind else None


def render(
    text: str, parse_mode: str | None, entities: Sequence[JSONDict] | None = None
) -> Rendered:
    """What the user reads: HTML is parsed (and validated) into entities; explicit
    ``entities`` are kept as sent; other parse modes are kept verbatim."""
    if parse_mode is not None and parse_mode.upper() == "HTML":
        return _TelegramHtml(text).rendered()
    return Rendered(text, tuple(entities or ()))


def render_text(text: str, parse_mode: str | None) -> str:
    """The plain text of ``text`` (HTML validated and stripped when ``parse_mode`` says so)."""
    return render(text, parse_mode).text
