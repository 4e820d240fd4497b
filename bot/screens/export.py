"""Writing the export to temporary files and sending them as documents.

The sets are written row by row as the database streams them, to a temporary file on disk
(never all in memory). A file that would pass ``PART_BYTES`` is closed and the next rows go
to a new one, each with the header, so no document passes Telegram's 50 MB upload limit for
bots however long the history; 10,000 sets come to about 2 MB.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Final

from telegram import Chat

from bot.flows.export import ExportedSet, ProfileExport
from bot.screens.files import try_send_document
from bot.texts import export as texts
from content.library import Library

# Telegram takes documents up to 50 MB from bots; stay well under it.
PART_BYTES: Final = 45 * 1024 * 1024


@dataclass
class CsvParts:
    """CSV rows spread over temporary files of at most ``limit`` bytes, each with the
    header. UTF-8, ``\\r\\n`` line ends (the csv module's default, as RFC 4180 has it)."""

    header: Sequence[str]
    limit: int = PART_BYTES
    files: list[IO[bytes]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    _size: int = 0
    _buffer: io.StringIO = field(default_factory=io.StringIO)

    def _encode(self, cells: Sequence[str]) -> bytes:
        self._buffer.seek(0)
        self._buffer.truncate()
        csv.writer(self._buffer).writerow(cells)
        return self._buffer.getvalue().encode("utf-8")

    def _start(self) -> None:
        head = self._encode(self.header)
        self.files.append(tempfile.TemporaryFile())  # noqa: SIM115 (closed by close())
        self.rows.append(0)
        self.files[-1].write(head)
        self._size = len(head)

    def add(self, cells: Sequence[str]) -> None:
        line = self._encode(cells)
        if not self.files or (self.rows[-1] and self._size + len(line) > self.limit):
            self._start()
        self.files[-1].write(line)
        self._size += len(line)
        self.rows[-1] += 1

    def finish(self) -> list[IO[bytes]]:
        """The files, rewound for reading (one with only the header when no row came)."""
        if not self.files:
            self._start()
        for file in self.files:
            file.flush()
            file.seek(0)
        return self.files

    def close(self) -> None:
        for file in self.files:
            file.close()


async def write_sets(
    rows: AsyncIterator[ExportedSet], zone: str, *, limit: int = PART_BYTES
) -> CsvParts:
    parts = CsvParts(texts.HEADER, limit)
    try:
        async for item in rows:
            parts.add(texts.csv_row(item, zone))
    except BaseException:
        parts.close()
        raise
    parts.finish()
    return parts


async def send_sets(chat: Chat, parts: CsvParts, sessions: int, today: str) -> None:
    total = len(parts.files)
    for number, (file, rows) in enumerate(zip(parts.files, parts.rows, strict=True), start=1):
        await try_send_document(
            chat,
            file,
            texts.filename_sets(today, number, total),
            texts.sets_caption(rows, sessions, number, total),
        )


async def send_profile(chat: Chat, profile: ProfileExport, library: Library, today: str) -> None:
    document = texts.profile_document(profile, library)
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    await try_send_document(
        chat, io.BytesIO(data), texts.filename_profile(today), texts.profile_caption()
    )
