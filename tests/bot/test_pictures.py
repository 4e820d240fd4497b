"""Painting, caching and sending pictures: real files decoded with Pillow, a real database,
and the fake Bot API recording whether a send carried the bytes or only a file_id."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageSequence
from telegram import Bot
from telegram.request import RequestData

from bot import cli
from bot.cli import main
from bot.offline import FakeBotApi
from bot.pictures import (
    ANIMATION_SIZE,
    PNG_SIZE,
    MediaKind,
    PictureCache,
    RenderedPicture,
    picture_key,
    send_picture,
)
from bot.pictures.paint import gif_bytes, png_bytes
from content.figures.catalogue import all_pictures, picture_for
from storage import media, migrate
from storage.db import create_engine, create_sessionmaker
from tests.harness import sqlite_url

TOKEN = "123:ABC"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> list[RenderedPicture]:
    """Every picture of the library, rendered once for this module."""
    return PictureCache(tmp_path_factory.mktemp("pictures")).render_all()


# --- the files -----------------------------------------------------------------------------


def test_every_picture_is_rendered_as_a_photo_and_an_animation(
    rendered: list[RenderedPicture],
) -> None:
    assert {r.picture_id for r in rendered} == {p.id for p in all_pictures()}
    for picture in rendered:
        assert picture.photo.name == picture.key + ".png"
        assert picture.animation.name == picture.key + ".gif"
        assert len(picture.key) <= 96


def test_every_photo_decodes_as_two_panels_at_the_stated_size(
    rendered: list[RenderedPicture],
) -> None:
    for picture in rendered:
        with Image.open(picture.photo) as image:
            image.load()
            assert (image.format, image.size, image.mode) == ("PNG", PNG_SIZE, "RGB")
            # the figure is drawn in both panels: each half holds the body colour
            width, height = image.size
            for left in (0, width // 2):
                half = image.crop((left, 0, left + width // 2, height))
                assert (29, 53, 87) in {colour for _, colour in half.getcolors(1 << 16) or []}


def test_every_animation_loops_forever_through_at_least_two_frames(
    rendered: list[RenderedPicture],
) -> None:
    for picture in rendered:
        with Image.open(picture.animation) as image:
            assert (image.format, image.size) == ("GIF", ANIMATION_SIZE)
            assert image.n_frames >= 2 and image.is_animated
            assert image.info["loop"] == 0  # 0 means forever
            frames = [frame.convert("RGB").tobytes() for frame in ImageSequence.Iterator(image)]
        assert len(set(frames)) >= 2  # the frames differ: it moves
        assert picture.animation.stat().st_size < 300_000


def test_the_start_and_end_panels_differ(rendered: list[RenderedPicture]) -> None:
    for picture in rendered:
        with Image.open(picture.photo) as image:
            width, height = image.size
            start = image.crop((0, 0, width // 2, height)).tobytes()
            end = image.crop((width // 2, 0, width, height)).tobytes()
        assert start != end, picture.picture_id


# --- deterministic output and the cache ---------------------------------------------------


def test_the_same_picture_always_gives_the_same_bytes(
    rendered: list[RenderedPicture], tmp_path: Path
) -> None:
    picture = picture_for("side_lunge", "dumbbell")
    assert png_bytes(picture) == png_bytes(picture)
    assert gif_bytes(picture) == gif_bytes(picture)
    # a fresh cache elsewhere draws exactly the files of the shared one
    again = PictureCache(tmp_path).render(picture)
    (earlier,) = (r for r in rendered if r.key == again.key)
    for new, old in ((again.photo, earlier.photo), (again.animation, earlier.animation)):
        assert _digest(new) == _digest(old)


def test_a_second_request_finds_the_files_without_drawing(tmp_path: Path) -> None:
    directory = tmp_path / "data" / "pictures"  # created when missing
    cache = PictureCache(directory)
    first = cache.for_rung("squat", "hip_band")
    assert cache.drawn == 2
    stamps = (first.photo.stat().st_mtime_ns, first.animation.stat().st_mtime_ns)

    again = PictureCache(directory).for_rung("squat", "hip_band")
    assert again == first
    assert cache.drawn == 2
    assert (again.photo.stat().st_mtime_ns, again.animation.stat().st_mtime_ns) == stamps
    # rungs sharing a picture share its files
    assert cache.for_rung("squat", "hip_band") == first
    assert cache.drawn == 2
    assert not [p for p in directory.iterdir() if p.name.startswith(".")]  # no temp files


def test_the_key_follows_what_is_drawn() -> None:
    picture = picture_for("squat", "body_weight")
    assert picture_key(picture) == picture_key(picture_for("squat", "slow"))
    assert picture_key(picture).startswith("squat.")
    deeper = replace(
        picture,
        movement=replace(picture.movement, end=replace(picture.movement.end, trunk=30.0)),
    )
    assert picture_key(deeper) != picture_key(picture)
    assert picture_key(picture_for("squat", "hip_band")) != picture_key(picture)


async def test_rendering_in_a_thread_gives_the_same_files(tmp_path: Path) -> None:
    cache = PictureCache(tmp_path)
    picture = picture_for("calf_raise", "step")
    assert await cache.render_async(picture) == cache.render(picture)
    assert cache.for_exercise("calf_raise") == cache.for_rung("calf_raise", "two_leg")


def test_the_cli_renders_an_exercise_and_prints_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "setup_logging", lambda *_args: None)  # leave pytest's logging be
    assert main(["pictures", "calf_raise", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "calf_raise_step:" in out and str(tmp_path) in out
    assert "5 pictures" in out  # six rungs, two of which share a picture
    assert main(["pictures", "plank", "--dir", str(tmp_path)]) == 2
    assert "no exercise 'plank'" in capsys.readouterr().err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- sending: one upload per bot ----------------------------------------------------------


class RecordingApi(FakeBotApi):
    """The fake Bot API, also noting for each call whether it carried a file."""

    def __init__(self) -> None:
        super().__init__()
        self.uploads: list[tuple[str, bool]] = []

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, **kwargs: object
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1].lower()
        if name in {"sendphoto", "sendanimation"}:
            self.uploads.append((name, bool(request_data and request_data.contains_files)))
        return await super().do_request(url, method, request_data, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
async def bot_and_api() -> AsyncIterator[tuple[Bot, RecordingApi]]:
    api = RecordingApi()
    async with Bot(token=TOKEN, request=api, get_updates_request=api) as bot:
        yield bot, api


async def test_a_picture_is_uploaded_once_then_sent_by_file_id(
    bot_and_api: tuple[Bot, RecordingApi], tmp_path: Path
) -> None:
    bot, api = bot_and_api
    engine = create_engine(sqlite_url(tmp_path))
    picture = PictureCache(tmp_path / "pictures").for_rung("squat", "body_weight")
    try:
        await migrate.upgrade(engine)
        sessions = create_sessionmaker(engine)
        async with sessions() as db:
            first = await send_picture(bot, db, 101, picture, caption="Squat")
            await db.commit()
        async with sessions() as db:  # another runner, a later update
            second = await send_picture(bot, db, 202, picture, caption="Squat")
            stored = await media.get_file_id(db, picture.key, MediaKind.PHOTO)
        assert api.uploads == [("sendphoto", True), ("sendphoto", False)]
        assert stored == first.photo[-1].file_id == second.photo[-1].file_id
        assert second.caption == "Squat"
    finally:
        await engine.dispose()


async def test_animations_have_their_own_upload(
    bot_and_api: tuple[Bot, RecordingApi], tmp_path: Path
) -> None:
    bot, api = bot_and_api
    engine = create_engine(sqlite_url(tmp_path))
    picture = PictureCache(tmp_path / "pictures").for_rung("side_lunge", "body_weight")
    try:
        await migrate.upgrade(engine)
        async with create_sessionmaker(engine)() as db:
            await send_picture(bot, db, 101, picture, MediaKind.PHOTO)
            message = await send_picture(bot, db, 101, picture, MediaKind.ANIMATION)
            await send_picture(bot, db, 303, picture, MediaKind.ANIMATION)
            stored = await media.get_file_id(db, picture.key, MediaKind.ANIMATION)
        assert api.uploads == [
            ("sendphoto", True),
            ("sendanimation", True),
            ("sendanimation", False),
        ]
        assert message.animation is not None and stored == message.animation.file_id
    finally:
        await engine.dispose()


async def test_a_file_id_telegram_refuses_is_replaced_by_a_fresh_upload(
    bot_and_api: tuple[Bot, RecordingApi], tmp_path: Path
) -> None:
    bot, api = bot_and_api
    engine = create_engine(sqlite_url(tmp_path))
    picture = PictureCache(tmp_path / "pictures").for_rung("calf_raise", "two_leg")
    try:
        await migrate.upgrade(engine)
        async with create_sessionmaker(engine)() as db:
            await media.save_file_id(db, picture.key, MediaKind.PHOTO, "from-another-bot")
            api.fail_next(
                "sendPhoto", "400", description="Bad Request: wrong file identifier specified"
            )
            message = await send_picture(bot, db, 101, picture)
            stored = await media.get_file_id(db, picture.key, MediaKind.PHOTO)
        assert api.uploads == [("sendphoto", False), ("sendphoto", True)]
        assert stored == message.photo[-1].file_id != "from-another-bot"
    finally:
        await engine.dispose()
