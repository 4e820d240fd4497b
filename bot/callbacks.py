"""Callback data: short, ASCII, at most 64 bytes, and parsed strictly.

Every payload is ``topic:field:field...``. Parsing never raises: anything malformed (forged,
from an old version of the bot, truncated) comes back as None and the handler says the button
no longer works.
"""

from __future__ import annotations

import re

MAX_BYTES = 64
_SAFE = re.compile(r"[A-Za-z0-9_./+:-]{1,64}")


def pack(*parts: object) -> str:
    data = ":".join(str(part) for part in parts)
    if len(data.encode()) > MAX_BYTES or not _SAFE.fullmatch(data):
        raise ValueError(f"callback data too long or unsafe: {data!r}")
    return data


def unpack(
    data: str | None, topic: str, size: int, most: int | None = None
) -> tuple[str, ...] | None:
    """The fields after ``topic`` if the payload has ``size`` of them (up to ``most`` when
    given, for buttons that gained a field: older messages keep working), else None."""
    if not data or len(data.encode()) > MAX_BYTES or not _SAFE.fullmatch(data):
        return None
    parts = tuple(data.split(":"))
    count = len(parts) - 1
    if parts[0] != topic or not size <= count <= (most or size) or any(not p for p in parts):
        return None
    return parts[1:]


def to_int(text: str, low: int = 0, high: int = 2**53) -> int | None:
    """A bounded non-negative integer field, or None."""
    if not text.isdigit() or len(text) > 16:
        return None
    value = int(text)
    return value if low <= value <= high else None
