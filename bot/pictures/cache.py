"""Rendered pictures on disk: drawn once, then found by the hash of what they show.

A picture's *key* is its id plus a hash of everything that decides its pixels: the poses and
kit (``content.figures.Picture``), the body's proportions, the frame and the painter's style
(``paint.STYLE_VERSION``, colours, sizes). Same key, same bytes; change a pose and the key
changes, so the stale file is simply never asked for again and the new drawing gets its own
upload to Telegram (``storage.media`` stores file_ids by this key).

Files are written to a temporary name and renamed into place, so a reader (another process,
or a crash half-way) never sees half a file.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from bot.pictures import paint
from content.figures import BODY, FRAME, Picture
from content.figures.catalogue import all_pictures, exercise_picture, picture_for

DEFAULT_DIRECTORY = Path("data/pictures")
PHOTO_SUFFIX = ".png"
ANIMATION_SUFFIX = ".gif"


@dataclass(frozen=True, slots=True)
class RenderedPicture:
    """The files of one picture: what the bot sends, and the key its uploads are stored by."""

    key: str  # e.g. "squat-hip_band.3f9a0c1d2e4b"; at most 96 characters
    picture_id: str  # e.g. "squat-hip_band"
    photo: Path  # PNG, start | end, ``paint.PNG_SIZE``
    animation: Path  # looping GIF, ``paint.ANIMATION_SIZE``


def picture_key(picture: Picture) -> str:
    """The picture's id plus a hash of everything that decides its pixels."""
    recipe = {
        "picture": asdict(picture),
        "body": asdict(BODY),
        "frame": asdict(FRAME),
        "style": paint.STYLE_VERSION,
        "inks": {ink.value: colour for ink, colour in paint.INKS.items()},
        "sizes": [paint.PNG_SIZE, paint.ANIMATION_SIZE, paint.SUPERSAMPLE],
        "timing": [paint.ANIMATION_STEPS, paint.FRAME_MS, paint.HOLD_MS],
    }
    encoded = json.dumps(recipe, sort_keys=True, separators=(",", ":")).encode()
    return f"{picture.id}.{hashlib.sha256(encoded).hexdigest()[:12]}"


class PictureCache:
    """Pictures rendered into ``directory`` (created when missing), each drawn at most once.

    ``drawn`` counts the files this instance had to draw: a second request for the same
    picture finds its files and draws nothing.
    """

    def __init__(self, directory: Path = DEFAULT_DIRECTORY) -> None:
        self.directory = directory
        self.drawn = 0

    def render(self, picture: Picture) -> RenderedPicture:
        """The picture's files, drawing whichever is missing. Blocking: see ``render_async``."""
        key = picture_key(picture)
        photo = self._ensure(key + PHOTO_SUFFIX, lambda: paint.png_bytes(picture))
        animation = self._ensure(key + ANIMATION_SUFFIX, lambda: paint.gif_bytes(picture))
        return RenderedPicture(key, picture.id, photo, animation)

    async def render_async(self, picture: Picture) -> RenderedPicture:
        """``render`` in a worker thread, so drawing (about a second) never blocks the bot."""
        return await asyncio.to_thread(self.render, picture)

    def for_rung(self, exercise_id: str, rung_id: str) -> RenderedPicture:
        """The files of one rung's picture."""
        return self.render(picture_for(exercise_id, rung_id))

    async def for_rung_async(self, exercise_id: str, rung_id: str) -> RenderedPicture:
        """``for_rung`` in a worker thread: what the bot calls while it serves runners."""
        return await asyncio.to_thread(self.for_rung, exercise_id, rung_id)

    def for_exercise(self, exercise_id: str) -> RenderedPicture:
        """The files of the picture standing for a whole exercise (its first rung)."""
        return self.render(exercise_picture(exercise_id))

    def render_all(self, pictures: Iterable[Picture] | None = None) -> list[RenderedPicture]:
        """Render every picture the library needs (or those given): for install or start-up."""
        chosen = all_pictures() if pictures is None else pictures
        return [self.render(picture) for picture in chosen]

    def _ensure(self, name: str, draw: Callable[[], bytes]) -> Path:
        path = self.directory / name
        if path.exists():
            return path
        self.directory.mkdir(parents=True, exist_ok=True)
        data = draw()
        self.drawn += 1
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".draw-", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.chmod(temporary, 0o644)  # mkstemp makes it private; these are for anyone to open
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return path
