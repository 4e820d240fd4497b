"""The offline console: the whole bot in a terminal, with no token and no network.

The real Application (real handlers, the real database at ``DATABASE_URL``) runs on top of
the in-process fake Bot API; a :class:`~bot.offline.ChatDriver` is the terminal's user. The
console's clock is a :class:`~bot.clock.ManualClock` that starts at the real time and moves
only on ``:clock``, which then runs the scheduler's dispatch exactly as its job would, so
leg days arrive when their time comes.

What the user types:

- text is sent to the bot as a message (``/start``, ``07:30``, ``how do I do a bridge?``);
- a number ``N`` presses button N of the newest message that has buttons (buttons are
  numbered left to right, top to bottom); to send a number as text, use ``:say N``;
- ``:press LABEL`` presses the newest button whose label starts with LABEL;
- ``:clock +1d`` / ``+2h`` / ``+30m`` / ``+1d2h`` moves the clock forward; ``:clock
  2026-12-01 07:00`` moves it to that wall-clock time in the runner's time zone (UTC until
  one is set); reminders due on the way arrive at their time, in order;
- ``:restart`` restarts the bot (nothing in memory survives, the database does; the chat
  history stays on screen because the fake Telegram is kept);
- ``:help`` lists these; ``:quit`` or end of input (Ctrl-D) leaves.

An exercise picture the bot sends is shown as ``[picture: Squat, start and end]`` (or
``[animation: Squat, looping]``) followed by the path of its file under ``PICTURES_DIR``, to
open in an image viewer: the fake Telegram keeps the name each file was uploaded under, which
is the picture's key (``bot.pictures.index``).
"""

from __future__ import annotations

import asyncio
import logging
import re
import signal
import sys
import threading
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime, timedelta
from types import FrameType
from typing import Any, Final, TextIO
from zoneinfo import ZoneInfo

from sqlalchemy import select
from telegram.ext import Application

from bot.app import build_application, dispatch_due, services_of
from bot.clock import ManualClock
from bot.config import Settings
from bot.context import LegContext
from bot.offline import ChatDriver, FakeBotApi, MessageKind, StoredMessage
from bot.pictures.index import PictureFile, picture_files
from content.reminders import ReminderStatus
from storage.migrate import upgrade_url
from storage.models import Reminder
from storage.runners import find_by_telegram_id

log = logging.getLogger(__name__)

# The console's runner. Should a real bot later share this database, its reminders to this
# id fail harmlessly: a bot can only message users who have started a chat with it.
CONSOLE_USER_ID: Final = 1
# PTB wants a token of the right shape; the fake never checks it and it never leaves the
# process.
CONSOLE_TOKEN: Final = "1:offline-console-token-not-real"
PROMPT: Final = "you> "
BOT: Final = "bot"
INDENT: Final = "     "
MAX_CLOCK_STEPS: Final = 10_000

HELP: Final = """\
Console commands:
  <text>                   send a message to the bot, e.g. /start or "how do I do a bridge?"
  <N>                      press button N of the newest message with buttons
  :press LABEL             press the newest button whose label starts with LABEL
  :say TEXT                send TEXT as a message (use it to send a bare number)
  :clock                   show the console's clock
  :clock +1d | +2h | +30m  move the clock forward (combine them: +1d2h)
  :clock 2026-12-01 07:00  move the clock to that time in your time zone (UTC until set)
  :restart                 restart the bot; the database is kept
  :help                    this list
  :quit                    leave (Ctrl-D works too)
Moving the clock runs the reminder scheduler, so leg days arrive at their time."""

BANNER: Final = """\
legcoach offline console: the real bot, a local stand-in for Telegram, no network.
Type /start to begin, :help for console commands, :quit to leave."""

CLOCK_USAGE: Final = "Try :clock +1d, :clock +2h or :clock 2026-12-01 07:00."
_RELATIVE = re.compile(r"\+(?=\d)(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?")
_NUMBER = re.compile(r"[0-9]{1,3}")
_ABSOLUTE = re.compile(r"(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})")

Write = Callable[[str], None]
ReadLine = Callable[[], str | None]
AnyApplication = Application[Any, Any, Any, Any, Any, Any]


class ConsoleError(Exception):
    """A friendly message for the user at the console (a typo, not a bug)."""


class Console:
    """The bot, a fake Telegram and one user, driven line by line.

    ``write`` receives everything shown (lines end with ``\\n``). Use :meth:`start`, then
    :meth:`handle` for each line the user typed, then :meth:`stop`; or :meth:`run` with a
    ``read_line`` callable that returns ``None`` at the end of input.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        write: Write,
        clock: ManualClock | None = None,
        user_id: int = CONSOLE_USER_ID,
        first_name: str = "Runner",
    ) -> None:
        self.settings = settings
        self.write = write
        self.clock = clock or ManualClock(datetime.now(UTC))
        self.api = FakeBotApi(now=lambda: self.clock.now().timestamp())
        self.user_id = user_id
        self.first_name = first_name
        self.application: AnyApplication | None = None
        self._driver: ChatDriver | None = None
        self._pictures: dict[str, PictureFile] | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    async def start(self) -> None:
        """Migrate the database and start the bot."""
        await upgrade_url(self.settings.database_url)
        await self._start_application()

    async def stop(self) -> None:
        """Shut the bot down (as a process exit would)."""
        application, self.application = self.application, None
        if application is None:
            return
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)

    async def run(self, read_line: ReadLine, *, echo: bool = False) -> None:
        """Start, handle lines until ``:quit`` or the end of input, stop.

        ``echo`` repeats each line after the prompt, for input that is not typed at a
        terminal (a script, a test), so the transcript reads like a conversation.
        """
        self.say(BANNER)
        await self.start()
        try:
            while True:
                self.write(PROMPT)
                line = read_line()
                if line is None:
                    self.write("\n")
                    break
                if echo:
                    self.write(line + "\n")
                if not await self.handle(line):
                    break
        finally:
            await self.stop()
        self.say("Bye. Your progress is saved in the database.")

    async def _start_application(self) -> None:
        application = build_application(
            self.settings,
            request=self.api,
            updates_request=self.api,
            clock=self.clock,
            rate_limit=False,
            token=CONSOLE_TOKEN,
        )
        await application.initialize()
        if application.post_init is not None:
            await application.post_init(application)
        self.application = application
        if self._driver is None:
            self._driver = ChatDriver(
                application, self.api, self.user_id, first_name=self.first_name
            )
        else:
            self._driver.application = application

    @property
    def driver(self) -> ChatDriver:
        if self._driver is None:
            raise RuntimeError("the console is not started")
        return self._driver

    # -- one line ----------------------------------------------------------------------------

    async def handle(self, line: str) -> bool:
        """Act on one typed line and show what the bot did; False when the user quits."""
        line = line.strip()
        if not line:
            return True
        try:
            if line.startswith(":"):
                return await self._command(line)
            if _NUMBER.fullmatch(line) and self.keyboard() is not None:
                await self._shown(self._press_number(int(line)))
            else:
                await self._shown(self.driver.send(line))
        except ConsoleError as exc:
            self.say(str(exc))
        except Exception as exc:  # keep the console alive; the log has the details
            log.exception("console: %r failed", line)
            self.say(f"Something went wrong ({type(exc).__name__}); the console carries on.")
        return True

    async def _command(self, line: str) -> bool:
        name, _, argument = line[1:].partition(" ")
        name, argument = name.lower(), argument.strip()
        if name in ("quit", "exit", "q"):
            return False
        if name in ("help", "h", "?"):
            self.say(HELP)
        elif name == "say":
            if not argument:
                raise ConsoleError("Usage: :say TEXT")
            await self._shown(self.driver.send(argument))
        elif name == "press":
            if not argument:
                raise ConsoleError("Usage: :press LABEL (or just type the button's number)")
            await self._shown(self._press_label(argument))
        elif name == "clock":
            await self._clock(argument)
        elif name == "restart":
            await self.stop()
            await self._start_application()
            self.say("(restarted: the bot kept nothing in memory; the database is unchanged)")
        else:
            raise ConsoleError(f"Unknown console command :{name}. Type :help for the list.")
        return True

    # -- buttons -----------------------------------------------------------------------------

    def keyboard(self) -> StoredMessage | None:
        """The newest bot message that has buttons: the one numbers press."""
        for message in reversed(self.driver.messages):
            if message.button_labels:
                return message
        return None

    async def _press_number(self, number: int) -> None:
        message = self.keyboard()
        assert message is not None
        buttons = [button for row in message.buttons for button in row]
        if not 1 <= number <= len(buttons):
            raise ConsoleError(
                f"There is no button {number}: the newest buttons are 1 to {len(buttons)}. "
                "To send the number as text, type :say " + str(number)
            )
        button = buttons[number - 1]
        if button.callback_data is None:
            raise ConsoleError(f"{button.label!r} opens {button.url} (outside the console).")
        await self.driver.press_data(message.message_id, button.callback_data)

    async def _press_label(self, label: str) -> None:
        try:
            await self.driver.press(label)
        except AssertionError:
            raise ConsoleError(f"No button starting with {label!r} in this chat.") from None

    # -- the clock ---------------------------------------------------------------------------

    async def _clock(self, argument: str) -> None:
        if not argument:
            self.say(f"The clock says {await self._clock_text()}.")
            return
        target = await self._clock_target(argument)
        if target < self.clock.now():
            raise ConsoleError(f"The clock only moves forward; it is {await self._clock_text()}.")
        await self._shown(self._advance_to(target))
        self.say(f"(clock: {await self._clock_text()})")

    async def _clock_target(self, argument: str) -> datetime:
        now = self.clock.now()
        relative = _RELATIVE.fullmatch(argument.replace(" ", ""))
        if relative is not None:
            days, hours, minutes = (int(part or 0) for part in relative.groups())
            return now + timedelta(days=days, hours=hours, minutes=minutes)
        absolute = _ABSOLUTE.fullmatch(argument)
        if absolute is None:
            raise ConsoleError(f"I don't understand {argument!r}. {CLOCK_USAGE}")
        day, hour, minute = absolute.groups()
        try:
            local = datetime.fromisoformat(f"{day}T{int(hour):02d}:{minute}")
        except ValueError:
            raise ConsoleError(f"{argument!r} is not a real date and time.") from None
        return local.replace(tzinfo=await self._zone()).astimezone(UTC)

    async def _advance_to(self, target: datetime) -> None:
        """Move the clock to ``target``, stopping at each reminder due on the way so it is
        sent at its time (and the one it plans next can come up in turn)."""
        await self._dispatch()
        for _ in range(MAX_CLOCK_STEPS):
            due = await self._next_due(after=self.clock.now(), until=target)
            if due is None:
                break
            self.clock.set(due)
            await self._dispatch()
        self.clock.set(target)
        await self._dispatch()

    async def _dispatch(self) -> None:
        """One dispatcher tick, exactly what the repeating job runs in the real bot."""
        assert self.application is not None
        await dispatch_due(LegContext(self.application))

    async def _next_due(self, *, after: datetime, until: datetime) -> datetime | None:
        assert self.application is not None
        async with services_of(self.application).sessionmaker() as db:
            return await db.scalar(
                select(Reminder.due_at)
                .where(Reminder.status == ReminderStatus.PENDING, Reminder.due_at > after)
                .where(Reminder.due_at <= until)
                .order_by(Reminder.due_at)
                .limit(1)
            )

    async def _zone(self) -> ZoneInfo:
        """The runner's time zone once known, else UTC."""
        assert self.application is not None
        async with services_of(self.application).sessionmaker() as db:
            profile = await find_by_telegram_id(db, self.user_id)
        return ZoneInfo(profile.time_zone if profile and profile.time_zone else "UTC")

    async def _clock_text(self) -> str:
        zone = await self._zone()
        return f"{self.clock.now().astimezone(zone):%a %Y-%m-%d %H:%M} ({zone.key})"

    # -- output ------------------------------------------------------------------------------

    def say(self, text: str) -> None:
        """Show a line from the console itself."""
        self.write(text + "\n")

    async def _shown(self, action: Awaitable[object]) -> None:
        """Run ``action`` (an awaitable) and show what the bot said or changed meanwhile."""
        mark, calls = self.api.sequence, len(self.api.calls)
        await action
        for call in self.api.calls[calls:]:
            if call.method.lower() == "answercallbackquery" and call.params.get("text"):
                self.write(f"{INDENT}(popup) {call.params['text']}\n")
        changed = [m for m in self.driver.messages if m.updated_seq > mark]
        target = self.keyboard()
        for message in sorted(changed, key=lambda m: m.updated_seq):
            edited = message.sent_seq <= mark
            numbered = target is not None and message.message_id == target.message_id
            pictures = self.pictures() if message.file is not None else None
            self.write(render(message, edited=edited, numbered=numbered, pictures=pictures))

    def pictures(self) -> dict[str, PictureFile]:
        """The exercise pictures the bot may send, by uploaded file name (keys only: cheap)."""
        if self._pictures is None:
            self._pictures = picture_files(self.settings.pictures_dir)
        return self._pictures


def render(
    message: StoredMessage,
    *,
    edited: bool = False,
    numbered: bool = False,
    pictures: Mapping[str, PictureFile] | None = None,
) -> str:
    """A bot message for the terminal: plain text, then its buttons one row per line.

    Only the buttons a number can press are numbered; others are shown in brackets. An
    exercise picture (found in ``pictures`` by its upload name) is named, with the path of
    its file on a line of its own above the caption.
    """
    head = f"{BOT} (edited): " if edited else f"{BOT}: "
    lines = message.plain_text.split("\n") if message.plain_text else [""]
    picture = picture_label(message, pictures or {})
    if picture is not None:
        lines = [picture, *lines] if message.plain_text else [picture]
    elif (label := media_label(message)) is not None:
        lines[0] = f"{label} {lines[0]}".rstrip()
    out = [head + lines[0], *(INDENT + line for line in lines[1:])]
    number = 0
    for row in message.buttons:
        cells = []
        for button in row:
            number += 1
            cells.append(f"[{number}] {button.label}" if numbered else f"[{button.label}]")
        out.append(INDENT + "  ".join(cells))
    return "\n".join(out) + "\n"


def picture_label(message: StoredMessage, pictures: Mapping[str, PictureFile]) -> str | None:
    """``[picture: Squat, start and end] data/pictures/squat.3f9a0c1d2e4b.png`` for one of
    the bot's exercise pictures; None for any other message."""
    name = message.file.upload_name if message.file is not None else None
    found = pictures.get(name) if name is not None else None
    if found is None:
        return None
    if message.kind is MessageKind.ANIMATION:
        return f"[animation: {found.title}, looping] {found.path}"
    return f"[picture: {found.title}, start and end] {found.path}"


def media_label(message: StoredMessage) -> str | None:
    """How the terminal shows a media message's file, e.g. ``[document: runs.csv, 12 KB]``;
    ``None`` for a text message."""
    match message.kind:
        case MessageKind.PHOTO:
            return "[picture]"
        case MessageKind.ANIMATION:
            return "[animation]"
        case MessageKind.DOCUMENT:
            details = [message.file_name or "file"]
            if message.file_size:
                details.append(_file_size(message.file_size))
            return f"[document: {', '.join(details)}]"
    return None


def _file_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _stream_reader(stream: TextIO, interactive: bool) -> ReadLine:
    def read_line() -> str | None:
        try:
            if interactive:
                return input()
            line = stream.readline()
        except (EOFError, KeyboardInterrupt):
            return None
        return line.rstrip("\r\n") if line else None

    return read_line


def _stream_writer(stream: TextIO) -> Write:
    def write(text: str) -> None:
        stream.write(text)
        stream.flush()

    return write


def _interrupt(_signum: int, _frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def run(
    settings: Settings,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    clock: ManualClock | None = None,
) -> int:
    """``legcoach console``: chat with the real bot in this terminal. Returns the exit code."""
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    console = Console(settings, write=_stream_writer(stdout), clock=clock)
    interactive = stdin is sys.stdin and stdin.isatty()
    # The bot's INFO logs would interleave with the chat; warnings and errors still show.
    root = logging.getLogger()
    level = root.level
    root.setLevel(max(level, logging.WARNING))
    # A plain SIGINT handler (rather than asyncio's) makes Ctrl-C interrupt the prompt at once.
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.getsignal(signal.SIGINT) if main_thread else None
    if previous is not None:
        signal.signal(signal.SIGINT, _interrupt)
    try:
        asyncio.run(console.run(_stream_reader(stdin, interactive), echo=not interactive))
    except KeyboardInterrupt:
        stdout.write("\n")
        return 130
    finally:
        root.setLevel(level)
        if previous is not None:
            signal.signal(signal.SIGINT, previous)
    return 0
