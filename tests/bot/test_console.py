"""The offline console (issue 7): the real bot in a terminal, driven by scripted lines."""

from __future__ import annotations

import asyncio
import io
import os
import pty
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.clock import ManualClock
from bot.config import Settings
from bot.console import Console, run
from bot.pictures import picture_key
from content.figures.catalogue import exercise_picture, picture_for
from storage.db import create_engine, create_sessionmaker
from storage.models import Reminder, Runner, SetLog
from tests.harness import DEFAULT_NOW, sqlite_url

# DEFAULT_NOW is Wednesday 25 Nov 2026, 09:00 in Berlin. With Tue/Thu/Sat runs (Sat hard),
# the leg days are Mon and Wed: the first reminder is Mon 30 Nov, 07:30 Berlin.
ONBOARDING = [
    "/start",
    "1",  # Beginner
    "1",  # None (body weight)
    "5",  # Done
    "2",  # Tue
    "4",  # Thu
    "6",  # Sat
    "8",  # Done
    "3",  # Sat is the hard day
    "5",  # Done
    "07:30",
    "Berlin",
    "1",  # Yes
]


class Screen:
    """What the console wrote, with marks to look at the part after some point."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def mark(self) -> int:
        return len(self.text)

    def since(self, mark: int) -> str:
        return self.text[mark:]


def settings_for(tmp_path: Path, pictures_dir: Path) -> Settings:
    return Settings(  # type: ignore[call-arg]
        database_url=sqlite_url(tmp_path), pictures_dir=pictures_dir, _env_file=None
    )


@pytest.fixture
async def screen() -> Screen:
    return Screen()


@pytest.fixture
async def console(tmp_path: Path, pictures_dir: Path, screen: Screen) -> AsyncIterator[Console]:
    settings = settings_for(tmp_path, pictures_dir)
    console = Console(settings, write=screen.write, clock=ManualClock(DEFAULT_NOW))
    await console.start()
    try:
        yield console
    finally:
        await console.stop()


async def type_lines(console: Console, *lines: str) -> None:
    for line in lines:
        assert await console.handle(line)


async def stored_runner(tmp_path: Path) -> Runner:
    engine = create_engine(sqlite_url(tmp_path))
    try:
        async with create_sessionmaker(engine)() as db:
            row = await db.scalar(select(Runner))
    finally:
        await engine.dispose()
    assert row is not None
    return row


def test_onboarding_through_the_console_script(tmp_path: Path, pictures_dir: Path) -> None:
    stdin = io.StringIO("\n".join([*ONBOARDING, ":quit", "never read"]) + "\n")
    stdout = io.StringIO()
    settings = settings_for(tmp_path, pictures_dir)
    code = run(settings, stdin=stdin, stdout=stdout, clock=ManualClock(DEFAULT_NOW))
    out = stdout.getvalue()
    assert code == 0
    assert out.startswith("legcoach offline console")
    # buttons are numbered on the question that numbers press, one keyboard row per line
    assert "[1] Beginner\n     [2] Intermediate\n     [3] Advanced" in out
    assert "[1] Mon  [2] Tue  [3] Wed  [4] Thu" in out
    # edits are shown as such, HTML is gone, and typed lines are echoed
    assert "bot (edited): Level: Beginner" in out
    assert "<b>" not in out and "you> 07:30\n" in out
    assert "Your plan, Runner" in out and "Next leg day: Mon 30 Nov, 07:30" in out
    assert out.rstrip().endswith("Bye. Your progress is saved in the database.")
    assert "never read" not in out


def test_end_of_input_leaves_cleanly(tmp_path: Path, pictures_dir: Path) -> None:
    stdout = io.StringIO()
    settings = settings_for(tmp_path, pictures_dir)
    code = run(settings, stdin=io.StringIO("/help\n"), stdout=stdout)
    assert code == 0
    assert "/workout" in stdout.getvalue() and "Bye." in stdout.getvalue()


async def test_buttons_by_number_and_by_label(console: Console, screen: Screen) -> None:
    await type_lines(console, "/start")
    mark = screen.mark()
    await type_lines(console, "2")
    assert "bot (edited): Level: Intermediate" in screen.since(mark)
    mark = screen.mark()
    await type_lines(console, ":press Dumbbells")
    assert "[4] Dumbbells ✅" in screen.since(mark)
    mark = screen.mark()
    await type_lines(console, "9")
    assert "There is no button 9: the newest buttons are 1 to 5" in screen.since(mark)
    await type_lines(console, ":press Nothing like this")
    assert "No button starting with 'Nothing like this'" in screen.since(mark)


async def test_a_whole_session_shows_popups_and_edited_cards(
    console: Console, screen: Screen, tmp_path: Path
) -> None:
    await type_lines(console, *ONBOARDING)
    mark = screen.mark()
    await type_lines(console, "/workout")
    assert "1/5 Squat jump" in screen.since(mark) and "[1] Done ✅" in screen.since(mark)
    mark = screen.mark()
    await type_lines(console, "1")
    shown = screen.since(mark)
    assert "(popup) Set 1 logged." in shown
    assert "bot (edited): 1/5 Squat jump" in shown and "Set 2 of 3" in shown
    await type_lines(console, "how do I do a bridge?")
    assert "bridge" in screen.since(mark).lower()


async def test_pictures_are_named_with_the_path_of_their_file(
    console: Console, screen: Screen, pictures_dir: Path
) -> None:
    key = picture_key(exercise_picture("squat"))
    photo, animation = pictures_dir / f"{key}.png", pictures_dir / f"{key}.gif"
    mark = screen.mark()
    await type_lines(console, "/how squat")
    shown = screen.since(mark)
    assert f"bot: [picture: Squat, start and end] {photo}\n     Squat\n" in shown
    assert "[1] More 📖  [2] Animation ▶️" in shown
    assert await asyncio.to_thread(photo.is_file)
    mark = screen.mark()
    await type_lines(console, "2")
    assert f"bot: [animation: Squat, looping] {animation}\n     Squat, body" in screen.since(mark)
    # a rung with its own movement is named by the rung
    split = picture_key(picture_for("squat", "split_squat"))
    assert console.pictures()[f"{split}.png"].title == "Split squat, rear foot raised"
    # the first card of an exercise comes after its picture, and numbers press the card
    await type_lines(console, *ONBOARDING)
    mark = screen.mark()
    await type_lines(console, "/workout")
    shown = screen.since(mark)
    assert "bot: [picture: Squat jump, start and end] " in shown
    assert shown.index("[picture: Squat jump") < shown.index("bot: 1/5 Squat jump")
    assert "[1] Done ✅" in shown and "[More 📖]  [Animation ▶️]" in shown


async def test_clock_brings_the_leg_day_at_its_time(console: Console, screen: Screen) -> None:
    await type_lines(console, *ONBOARDING)
    mark = screen.mark()
    await type_lines(console, ":clock +4d")  # to Sunday: no leg day yet
    assert "Leg day" not in screen.since(mark)
    assert "(clock: Sun 2026-11-29 09:00 (Europe/Berlin))" in screen.since(mark)
    mark = screen.mark()
    await type_lines(console, ":clock +1d")  # past Monday 07:30: it arrives, on time
    shown = screen.since(mark)
    assert "bot: Leg day, Runner!" in shown and "comes late" not in shown
    assert "[1] Start ▶️" in shown
    leg_day = console.keyboard()
    assert leg_day is not None and "Leg day" in leg_day.plain_text
    assert leg_day.date == int(DEFAULT_NOW.replace(day=30, hour=6, minute=30).timestamp())
    mark = screen.mark()
    await type_lines(console, "1")  # Start
    assert "1/5" in screen.since(mark)
    # an absolute time is the runner's local time: Wednesday's leg day comes at 07:30 Berlin
    mark = screen.mark()
    await type_lines(console, ":clock 2026-12-02 07:30")
    assert "Leg day, Runner!" in screen.since(mark)
    assert "(clock: Wed 2026-12-02 07:30 (Europe/Berlin))" in screen.since(mark)


async def test_restart_keeps_the_database_and_old_buttons_work(
    console: Console, screen: Screen, tmp_path: Path
) -> None:
    await type_lines(console, *ONBOARDING, "/workout")
    first = console.application
    mark = screen.mark()
    await type_lines(console, ":restart")
    assert console.application is not first
    assert "restarted" in screen.since(mark)
    mark = screen.mark()
    await type_lines(console, "1")  # Done on the card sent before the restart
    assert "(popup) Set 1 logged." in screen.since(mark)
    await type_lines(console, "/start")
    assert "Your plan, Runner" in screen.since(mark) and "1/6" not in screen.since(mark)
    engine = create_engine(sqlite_url(tmp_path))
    try:
        async with create_sessionmaker(engine)() as db:
            assert len((await db.scalars(select(SetLog))).all()) == 1
            assert (await db.scalars(select(Reminder))).all()
    finally:
        await engine.dispose()


async def test_help_and_friendly_errors(console: Console, screen: Screen) -> None:
    await type_lines(console, ":help")
    for command in (":clock +1d", ":clock 2026-12-01 07:00", ":restart", ":press", ":quit"):
        assert command in screen.text
    cases = {
        ":clock nonsense": "I don't understand 'nonsense'. Try :clock +1d",
        ":clock +": "I don't understand '+'",
        ":clock 2026-02-30 07:00": "is not a real date and time",
        ":clock 2020-01-01 07:00": "only moves forward; it is Wed 2026-11-25 08:00 (UTC)",
        ":frobnicate": "Unknown console command :frobnicate. Type :help",
        ":say": "Usage: :say TEXT",
    }
    for line, expected in cases.items():
        mark = screen.mark()
        await type_lines(console, line)
        assert expected in screen.since(mark), line
    assert console.clock.now() == DEFAULT_NOW
    mark = screen.mark()
    await type_lines(console, ":clock")
    assert "The clock says Wed 2026-11-25 08:00 (UTC)." in screen.since(mark)
    # with no buttons on screen yet, a number is just text; :say sends one on purpose
    await type_lines(console, "42", ":say 7")
    assert not await console.handle(":quit")


async def test_the_console_runner_is_stored_like_any_other(
    console: Console, tmp_path: Path
) -> None:
    await type_lines(console, *ONBOARDING)
    row = await stored_runner(tmp_path)
    assert row.onboarded and row.time_zone == "Europe/Berlin"
    assert row.running_days == [1, 3, 5] and row.hard_days == [5]


def test_run_without_a_token_at_a_terminal_explains_botfather_and_opens_the_console(
    tmp_path: Path,
) -> None:
    # A pseudo-terminal as standard input: what a person typing `legcoach run` has.
    terminal, keyboard = pty.openpty()
    try:
        os.write(terminal, b"/start\n:quit\n")
        result = subprocess.run(
            [sys.executable, "-m", "bot.cli", "run"],
            env={"DATABASE_URL": "sqlite+aiosqlite:///./data/x.db", "PATH": "/usr/bin:/bin"},
            stdin=keyboard,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=120,
        )
    finally:
        os.close(terminal)
        os.close(keyboard)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "@BotFather" in lines[0] and "offline console" in lines[1]
    assert lines[2].startswith("legcoach offline console")
    assert "[1] Beginner" in result.stdout and "Bye." in result.stdout
    assert (tmp_path / "data" / "x.db").exists()


def test_run_without_a_token_or_a_terminal_exits_2_with_one_line(tmp_path: Path) -> None:
    """A container or a service has no one to type into the console: say what is missing."""
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        env={"DATABASE_URL": "sqlite+aiosqlite:///./data/x.db", "PATH": "/usr/bin:/bin"},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("legcoach: TELEGRAM_BOT_TOKEN is not set")
    assert "@BotFather" in result.stderr
    assert not (tmp_path / "data").exists(), "nothing is started without a token"
