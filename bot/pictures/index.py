"""Which exercise a picture file shows, by its file name: for developer tools.

The bot uploads each picture under its file name (the picture's key plus ``.png`` or
``.gif``), so a tool that sees an upload (the offline console, over the fake Bot API) can
say what it shows and where the file is on disk. Nothing is drawn here: only keys are
computed, a few milliseconds for the whole library.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.pictures.cache import ANIMATION_SUFFIX, PHOTO_SUFFIX, picture_key
from content.figures.catalogue import exercise_picture, picture_for
from content.library import Library, default_library
from storage.media import MediaKind


@dataclass(frozen=True, slots=True)
class PictureFile:
    """One picture file: the exercise it shows, the rung when that is not the exercise's
    own picture (its first rung's), its kind and where it is."""

    exercise: str  # the exercise's name, e.g. "Squat"
    rung: str | None  # e.g. "Split squat, rear foot raised"; None for the exercise's own
    kind: MediaKind
    path: Path

    @property
    def title(self) -> str:
        """What it shows, e.g. "Squat" or "Squat, dumbbells at the shoulders" (rung names
        start with their exercise's)."""
        return self.rung or self.exercise


def picture_files(directory: Path, library: Library | None = None) -> dict[str, PictureFile]:
    """Every file the bot may upload from ``directory``, by file name; the first rung
    showing a picture names it."""
    library = library or default_library()
    files: dict[str, PictureFile] = {}
    for exercise in library:
        own = exercise_picture(exercise.id, library).id
        for rung in exercise.ladder:
            picture = picture_for(exercise.id, rung.id, library)
            key = picture_key(picture)
            rung_name = None if picture.id == own else rung.name
            for kind, suffix in (
                (MediaKind.PHOTO, PHOTO_SUFFIX),
                (MediaKind.ANIMATION, ANIMATION_SUFFIX),
            ):
                name = key + suffix
                files.setdefault(
                    name, PictureFile(exercise.name, rung_name, kind, directory / name)
                )
    return files
