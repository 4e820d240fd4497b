"""Start-up draws the pictures in the background and never waits for them (issue 17 point 3).

The drawing is replaced by a gate the test opens, so "start-up returned while nothing was
drawn" is a fact, not a race against the clock.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

from bot.app import PRERENDER_KEY, build_application
from bot.config import Settings
from bot.offline import FakeBotApi
from bot.pictures import PictureCache, Prerender, RenderedPicture
from content.figures import Picture
from content.figures.catalogue import all_pictures
from tests.harness import TEST_TOKEN, sqlite_url

GATE_TIMEOUT = 30  # only ever reached when a test is already failing


class GatedCache(PictureCache):
    """Draws nothing; each picture waits for ``gate`` and is recorded in ``asked``."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory)
        self.gate = threading.Event()
        self.entered = threading.Event()
        self.asked: list[str] = []

    def render(self, picture: Picture) -> RenderedPicture:
        self.entered.set()
        assert self.gate.wait(GATE_TIMEOUT), "the test never opened the gate"
        self.asked.append(picture.id)
        path = self.directory / picture.id
        return RenderedPicture(picture.id, picture.id, path, path)


async def test_start_up_returns_before_any_picture_is_drawn(tmp_path: Path) -> None:
    cache = GatedCache(tmp_path / "pictures")
    settings = Settings(  # type: ignore[call-arg]
        database_url=sqlite_url(tmp_path), pictures_dir=cache.directory, _env_file=None
    )
    application = build_application(
        settings, request=FakeBotApi(), token=TEST_TOKEN, rate_limit=False, pictures=cache
    )
    await application.initialize()
    await application.post_init(application)  # type: ignore[misc]
    prerender = application.bot_data[PRERENDER_KEY]
    assert isinstance(prerender, Prerender)
    assert cache.asked == [] and prerender.done == 0  # started, and nobody waited for it

    cache.gate.set()
    await prerender.wait()
    assert cache.asked == [picture.id for picture in all_pictures()]
    assert prerender.done == len(all_pictures())
    await application.shutdown()
    await application.post_shutdown(application)  # type: ignore[misc]
    assert PRERENDER_KEY not in application.bot_data


async def test_shutdown_finishes_the_picture_in_hand_and_skips_the_rest(tmp_path: Path) -> None:
    cache = GatedCache(tmp_path)
    prerender = Prerender(cache)
    prerender.start()
    await asyncio.to_thread(cache.entered.wait, GATE_TIMEOUT)  # the first picture is in hand
    stopping = asyncio.create_task(prerender.stop())
    await asyncio.sleep(0)  # let stop() raise its flag before the gate opens
    cache.gate.set()
    await stopping
    assert cache.asked == [all_pictures()[0].id] and prerender.done == 1


async def test_the_real_drawing_fills_the_folder_once(tmp_path: Path) -> None:
    pictures = all_pictures()[:2]
    cache = PictureCache(tmp_path)
    first = Prerender(cache, pictures)
    first.start()
    await first.wait()
    assert cache.drawn == 4  # a PNG and a GIF each
    files = await asyncio.to_thread(lambda: sorted(path.suffix for path in tmp_path.iterdir()))
    assert files == [".gif", ".gif", ".png", ".png"]
    again = Prerender(PictureCache(tmp_path), pictures)  # the next start of the bot
    again.start()
    await again.wait()
    assert again.done == 2 and again.cache.drawn == 0  # found on disk: nothing drawn
