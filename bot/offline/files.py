"""The files Telegram keeps for the bot: uploads, the file ids it mints, sending by file id.

A bot sends a picture once as an upload (multipart bytes) and afterwards by the ``file_id``
Telegram handed back; that id is only valid for this bot and this kind of file. The fake mints
ids that look like Telegram's, remembers the bytes, and answers like Telegram when an id is
unknown ("wrong file identifier/HTTP URL specified") or of another kind ("type of file
mismatch"). Photo uploads are read with Pillow for their real size (Telegram refuses what it
cannot decode, and scales every photo to a ladder of sizes, each with its own file id).
"""

from __future__ import annotations

import base64
import hashlib
import io
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final
from urllib.parse import urlsplit

from PIL import Image, UnidentifiedImageError

from bot.offline.errors import (
    FILE_TYPE_MISMATCH,
    IMAGE_PROCESS_FAILED,
    MAX_PHOTO_RATIO,
    MAX_PHOTO_SIDES,
    MAX_UPLOAD_BYTES,
    PHOTO_INVALID_DIMENSIONS,
    TOO_LARGE,
    WRONG_FILE,
    ApiError,
    JSONDict,
    bad_request,
)


class MediaKind(StrEnum):
    """The kinds of file the fake can send; each is also the Bot API parameter's name."""

    PHOTO = "photo"
    ANIMATION = "animation"
    DOCUMENT = "document"


# The long side of each size Telegram keeps of a photo (thumbnail to full size).
_PHOTO_LADDER: Final = (90, 320, 800, 1280)
# How Telegram's file ids begin for each kind (the rest is opaque); unique ids begin "AQAD".
_ID_PREFIX: Final = {
    MediaKind.PHOTO: "AgACAgIAAxkBAAI",
    MediaKind.ANIMATION: "CgACAgIAAxkBAAI",
    MediaKind.DOCUMENT: "BQACAgIAAxkBAAI",
}


@dataclass(frozen=True)
class Upload:
    """One file part of a multipart request, as the bot uploaded it."""

    field: str
    filename: str
    mime_type: str
    data: bytes


@dataclass(frozen=True)
class PhotoSize:
    """One of the sizes Telegram keeps of a photo."""

    file_id: str
    file_unique_id: str
    width: int
    height: int
    file_size: int

    def to_dict(self) -> JSONDict:
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "width": self.width,
            "height": self.height,
            "file_size": self.file_size,
        }


@dataclass(frozen=True)
class StoredFile:
    """A file Telegram keeps for the bot. ``data`` is ``None`` when it came from a URL.

    ``upload_name`` is the file name the bot uploaded it under. Telegram never gives it back
    for a photo (``file_name`` is then ``None``, as Telegram answers); the fake keeps it for
    the developer's side only (the offline console names a picture by it).
    """

    kind: MediaKind
    file_id: str
    file_unique_id: str
    file_name: str | None
    mime_type: str | None
    file_size: int
    data: bytes | None
    width: int = 0
    height: int = 0
    duration: int = 0
    sizes: tuple[PhotoSize, ...] = ()
    upload_name: str | None = None

    def message_fields(self) -> JSONDict:
        """The media part of a ``Message`` carrying this file, as Telegram sends it."""
        if self.kind is MediaKind.PHOTO:
            return {"photo": [size.to_dict() for size in self.sizes]}
        document: JSONDict = {"file_id": self.file_id, "file_unique_id": self.file_unique_id}
        if self.file_name is not None:
            document["file_name"] = self.file_name
        if self.mime_type is not None:
            document["mime_type"] = self.mime_type
        if self.file_size:
            document["file_size"] = self.file_size
        if self.kind is MediaKind.DOCUMENT:
            return {"document": document}
        animation = {
            **document,
            "width": self.width,
            "height": self.height,
            "duration": self.duration,
        }
        # Telegram sends an animation twice: as ``animation`` and, for old clients, ``document``.
        return {"animation": animation, "document": document}


class FileStore:
    """Every file the bot uploaded (or had fetched from a URL), by each of its file ids."""

    def __init__(self, namespace: str = "") -> None:
        self._namespace = namespace  # file ids are per bot: mint from the bot's id
        self._minted = 0
        self._files: dict[str, StoredFile] = {}

    def get(self, file_id: str) -> StoredFile | None:
        """The file a file id (of any of its sizes) names, or ``None``."""
        return self._files.get(file_id)

    def resolve(
        self, kind: MediaKind, value: object, uploads: Mapping[str, Upload], field: str | None
    ) -> tuple[StoredFile, Upload | None]:
        """The file a request names (an upload, ``attach://``, a URL or a file id) and the
        upload it came with, if any; raises Telegram's errors for unusable input."""
        upload = uploads.get(field) if field is not None else None
        if upload is None and isinstance(value, str) and value.startswith("attach://"):
            upload = uploads.get(value.removeprefix("attach://"))
            if upload is None:
                raise bad_request(WRONG_FILE)
        if upload is not None:
            return self.add_upload(kind, upload), upload
        if not isinstance(value, str) or not value:
            raise bad_request(f"Bad Request: there is no {kind.value} in the request")
        if value.startswith(("http://", "https://")):
            # Telegram would fetch the URL; offline there is nothing to fetch, only a name.
            name = posixpath.basename(urlsplit(value).path) or None
            return self._keep(kind, None, name, None), None
        known = self._files.get(value)
        if known is None:
            raise bad_request(WRONG_FILE)
        if known.kind is not kind:
            raise bad_request(FILE_TYPE_MISMATCH)
        return known, None

    def add_upload(self, kind: MediaKind, upload: Upload) -> StoredFile:
        """Keep an uploaded file under fresh ids, as Telegram does on every upload."""
        if len(upload.data) > MAX_UPLOAD_BYTES:
            raise ApiError(413, TOO_LARGE)
        return self._keep(kind, upload.data, upload.filename, upload.mime_type)

    def add(
        self,
        kind: MediaKind,
        data: bytes,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        """Keep a file as if the bot had uploaded it earlier (e.g. an id saved before a
        restart), without a request."""
        return self._keep(kind, data, file_name, mime_type)

    def _keep(
        self, kind: MediaKind, data: bytes | None, file_name: str | None, mime_type: str | None
    ) -> StoredFile:
        file_id, unique_id = self._mint(kind)
        size = len(data) if data is not None else 0
        upload_name = file_name if data is not None else None
        stored = StoredFile(
            kind, file_id, unique_id, file_name, mime_type, size, data, upload_name=upload_name
        )
        if kind is MediaKind.PHOTO:
            stored = self._as_photo(stored)
        elif kind is MediaKind.ANIMATION:
            stored = _as_animation(stored)
        for key in {stored.file_id, *(size.file_id for size in stored.sizes)}:
            self._files[key] = stored
        return stored

    def _mint(self, kind: MediaKind) -> tuple[str, str]:
        self._minted += 1
        digest = hashlib.sha256(f"{self._namespace}:{self._minted}".encode()).digest()
        token = base64.urlsafe_b64encode(digest).decode().rstrip("=")
        return _ID_PREFIX[kind] + token[:40], "AQAD" + token[40:]

    def _as_photo(self, stored: StoredFile) -> StoredFile:
        """Read a photo's dimensions and derive Telegram's ladder of sizes."""
        width, height = (1280, 960) if stored.data is None else _photo_dimensions(stored.data)
        sizes: list[PhotoSize] = []
        for bound in _PHOTO_LADDER:
            scale = min(1.0, bound / max(width, height))
            w, h = max(1, round(width * scale)), max(1, round(height * scale))
            share = (w * h) / (width * height)
            size_id, size_unique = (
                (stored.file_id, stored.file_unique_id)
                if scale == 1.0 or bound == _PHOTO_LADDER[-1]
                else self._mint(MediaKind.PHOTO)
            )
            sizes.append(PhotoSize(size_id, size_unique, w, h, round(stored.file_size * share)))
            if size_id == stored.file_id:
                break
        largest = sizes[-1]
        return StoredFile(
            MediaKind.PHOTO,
            stored.file_id,
            stored.file_unique_id,
            None,  # Telegram keeps neither the name nor the type of a photo
            None,
            largest.file_size,
            stored.data,
            largest.width,
            largest.height,
            sizes=tuple(sizes),
            upload_name=stored.upload_name,
        )


def _photo_dimensions(data: bytes) -> tuple[int, int]:
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError):
        raise bad_request(IMAGE_PROCESS_FAILED) from None
    if width + height > MAX_PHOTO_SIDES or max(width, height) > MAX_PHOTO_RATIO * min(
        width, height
    ):
        raise bad_request(PHOTO_INVALID_DIMENSIONS)
    return width, height


def _as_animation(stored: StoredFile) -> StoredFile:
    """Telegram turns a GIF into a silent MP4; size and length come from the GIF itself."""
    width = height = duration = 0
    name, mime = stored.file_name, stored.mime_type
    if stored.data is not None:
        try:
            with Image.open(io.BytesIO(stored.data)) as image:
                width, height = image.size
                frames = getattr(image, "n_frames", 1)
                duration = round(frames * int(image.info.get("duration", 0)) / 1000)
                is_gif = image.format == "GIF"
        except (UnidentifiedImageError, OSError, ValueError):
            is_gif = False  # an MP4 or similar: Telegram reads it, Pillow cannot
        if is_gif:
            name, mime = (f"{name}.mp4" if name else None), "video/mp4"
    return StoredFile(
        MediaKind.ANIMATION,
        stored.file_id,
        stored.file_unique_id,
        name,
        mime,
        stored.file_size,
        stored.data,
        width,
        height,
        duration,
        upload_name=stored.upload_name,
    )
