"""Exercise pictures: paint them (Pillow), keep them on disk, send them once per bot.

What to call:

* ``PictureCache(directory)`` (``settings.pictures_dir``): ``for_rung(exercise_id, rung_id)``,
  ``for_exercise(exercise_id)`` and ``render(picture)`` return a ``RenderedPicture`` (the PNG
  and GIF paths and the key uploads are stored by), drawing only what is missing;
  ``render_async`` and ``for_rung_async`` do it in a thread; ``render_all()`` pre-renders
  every picture, and ``Prerender(cache).start()`` does that in the background (start-up).
* ``send_picture(bot, db, chat_id, rendered, MediaKind.PHOTO, caption=..., reply_markup=...)``
  sends by stored file_id, or uploads and stores the id.

The poses and scenes are data in ``content.figures``; this package only paints and stores.
"""

from bot.pictures.cache import DEFAULT_DIRECTORY, PictureCache, RenderedPicture, picture_key
from bot.pictures.paint import ANIMATION_SIZE, PNG_SIZE
from bot.pictures.prerender import Prerender
from bot.pictures.send import send_picture
from storage.media import MediaKind

__all__ = [
    "ANIMATION_SIZE",
    "DEFAULT_DIRECTORY",
    "PNG_SIZE",
    "MediaKind",
    "PictureCache",
    "Prerender",
    "RenderedPicture",
    "picture_key",
    "send_picture",
]
