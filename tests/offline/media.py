"""Small real media files for tests of the fake's uploads (Telegram decodes what it gets)."""

from __future__ import annotations

import io

from PIL import Image


def png_bytes(width: int = 64, height: int = 48, color: str = "teal") -> bytes:
    """A real PNG of the given size."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format="PNG")
    return buffer.getvalue()


def gif_bytes(width: int = 40, height: int = 30, frames: int = 10, frame_ms: int = 100) -> bytes:
    """A real animated GIF, ``frames`` frames of ``frame_ms`` each."""
    images = [Image.new("P", (width, height), index) for index in range(frames)]
    buffer = io.BytesIO()
    images[0].save(
        buffer,
        format="GIF",
        save_all=True,
        append_images=images[1:],
        duration=frame_ms,
        loop=0,
    )
    return buffer.getvalue()
