"""The fuzz test's vocabulary: what a runner may do next, drawn by hypothesis.

Most draws depend on what is on the runner's screen (the fake Bot API's record of the chat):
a press of a button on the newest message that has buttons, a press of a button that was on
screen once (on a message edited or deleted since), or the press a runner following the screen
would make (``ScreenRunner``), which is what carries runners through onboarding into sessions
and reminders. Around that: commands known and unknown, typed answers, free text, stickers and
photos, forged callback data (another runner's buttons, garbage, exactly 64 bytes), messages in
a group chat, and time passing with the reminder dispatch ticking. About one update in ten has
its first call to Telegram fail (429, 5xx, a timeout before or after Telegram acted, a network
error).

``Fuzz`` is the world: ten runners (three of them in other languages), each also in a group
chat with the bot, on one real bot.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field, replace
from datetime import timedelta
from enum import StrEnum
from typing import Final, TypeVar

from hypothesis import strategies as st

from bot.dispatch.dispatcher import Dispatcher
from bot.offline import ChatDriver, Fault, StoredMessage
from bot.texts.common import COMMAND_NAMES
from tests.harness import BotHarness, new_user_id
from tests.reliability.screen import ScreenRunner
from tests.scheduling.conftest import VirtualTime, dispatcher

T = TypeVar("T")

RUNNERS: Final = 10
LANGUAGES: Final = ("en", "en", "en", "en", "en", "en", "en", "de", "fr", "es")


class Kind(StrEnum):
    """One kind of thing a runner does (or the world does: time passing)."""

    GUIDED = "guided"  # the press a runner following their screen makes
    PRESS = "press"  # any button of the newest message with buttons
    STALE = "stale"  # a button that was on screen once
    COMMAND = "command"
    UNKNOWN_COMMAND = "unknown-command"
    TYPED = "typed"  # an answer a question might want
    TEXT = "text"  # anything at all
    MEDIA = "media"
    FORGED = "forged"  # callback data no button of theirs carried
    GROUP = "group"  # in a group chat with the bot
    TIME = "time"  # not an update: the clock moves and the dispatcher ticks


COMMANDS: Final = (*COMMAND_NAMES, "stats")
COMMAND_ARGS: Final = {
    "how": ("squat", "side lunge", "bridge", "calf", "x" * 300, "🦵"),
    "pause": ("2026-12-24", "3", "tomorrow", "2020-01-01", "nonsense"),
    "race": ("2026-04-20 marathon", "2027-01-10", "10k", "yesterday", "2099-01-01 half"),
    "language": ("de", "fr", "es", "en", "xx"),
    "start": ("group", "ref_123", "x" * 64),
    "history": ("2",),
}
UNKNOWN_COMMANDS: Final = ("wrkout", "strat", "nxt", "foo", "start_over", "workout2", "sto")
TYPED_ANSWERS: Final = (
    "07:30",
    "7am",
    "half past six",
    "18:45",
    "25:99",
    "Berlin",
    "Europe/Berlin",
    "new york",
    "Tokyo",
    "UTC+3",
    "yes",
    "no",
    "Done",
    "done ✅",
    "harder",
    "easier",
    "skip",
    "stop",
    "Beginner",
    "advanced",
    "none",
    "dumbbells",
    "Mon Wed Fri",
    "tue, thu",
    "10",
    "12 reps",
    "20 kg",
    "45 lb",
    "0",
    "-5",
    "99999999999999999999",
    "tomorrow",
    "next saturday",
    "2026-12-01",
    "knee",
    "my knee hurts",
    "better",
    "worse",
    "how do I do a bridge?",
    "Just right",
    "too easy",
    "😀",
    "   ",
)
GARBAGE_DATA: Final = st.text(
    alphabet=string.ascii_letters + string.digits + ":_-./+ éß🦵\x00", min_size=1, max_size=40
)
BIG: Final = ("0", "1", "9" * 16, "18446744073709551616", "-1", "x")


def data_64_bytes(prefix: str) -> str:
    """Callback data of exactly 64 bytes (Telegram's limit) starting with ``prefix``."""
    return (prefix + "9" * 64)[:64]


@dataclass(frozen=True)
class Action:
    """One thing to do, drawn before the batch runs: ``pick`` chooses among what is on screen
    then (modulo how many there are), so the draw never depends on the bot's state."""

    kind: Kind
    runner: int = 0
    pick: int = 0
    choice: str = ""
    text: str = ""
    fault: str = ""  # the update's first call to Telegram fails so (a Fault's value)

    def __str__(self) -> str:
        fault = f"!{self.fault}" if self.fault else ""
        return f"F{self.runner}:{self.kind}{fault}:{self.pick}:{self.choice}:{self.text[:20]!r}"


class Batch(list[Action]):
    """A batch of actions, shown briefly (hypothesis prints a failing one; the fuzz's own log
    of what happened says more)."""

    def __repr__(self) -> str:
        return f"Batch({len(self)} actions: {', '.join(map(str, self[:8]))}, ...)"


def batches(size: int) -> st.SearchStrategy[Batch]:
    return st.lists(actions(), min_size=size, max_size=size).map(Batch)


@dataclass(frozen=True)
class Step:
    """What one action did: whose update it was (None: nobody's, e.g. a group message or time
    passing), whether it was an update, whether a fault was injected into it."""

    kind: Kind
    actor: int | None
    description: str
    update: bool = True
    faulted: bool = False


def _action(kind: Kind, **fields: st.SearchStrategy[object]) -> st.SearchStrategy[Action]:
    return st.builds(
        Action,
        kind=st.just(kind),
        runner=st.integers(0, RUNNERS - 1),
        pick=st.integers(0, 2**16),
        fault=st.just("") if kind is Kind.TIME else st.sampled_from(FAULT_MIX),
        **fields,  # type: ignore[arg-type]
    )


def _command() -> st.SearchStrategy[Action]:
    def with_args(name: str) -> st.SearchStrategy[Action]:
        args = COMMAND_ARGS.get(name, ())
        return _action(Kind.COMMAND, choice=st.just(name), text=st.sampled_from(("", *args)))

    return st.sampled_from(COMMANDS).flatmap(with_args)


def actions() -> st.SearchStrategy[Action]:
    """Any one action, the kinds weighted by how often a runner does such things (guided
    presses most, so runners get through onboarding into sessions and reminders)."""
    return st.sampled_from(WEIGHTED).flatmap(_of_kind)


def _of_kind(kind: Kind) -> st.SearchStrategy[Action]:
    match kind:
        case Kind.COMMAND:
            return _command()
        case Kind.UNKNOWN_COMMAND:
            names = st.sampled_from(UNKNOWN_COMMANDS) | st.text(
                string.ascii_lowercase + "_", min_size=1, max_size=80
            )
            return _action(kind, text=names)
        case Kind.TYPED:
            return _action(kind, text=st.sampled_from(TYPED_ANSWERS))
        case Kind.TEXT:
            return _action(kind, text=st.text(min_size=1, max_size=60) | st.just("x" * 4096))
        case Kind.MEDIA:
            captions = st.sampled_from(TYPED_ANSWERS)
            return _action(kind, choice=st.sampled_from(MEDIA), text=captions)
        case Kind.FORGED:
            return _action(kind, choice=st.sampled_from(FORGERIES), text=GARBAGE_DATA)
        case Kind.GROUP:
            return _action(kind, choice=st.sampled_from(GROUP_MESSAGES))
        case Kind.TIME:
            return _action(kind, choice=st.sampled_from(WAITS))
    return _action(kind)


# sampled_from draws uniformly: a kind named more often is drawn more often
WEIGHTS: Final = {
    Kind.GUIDED: 12,
    Kind.PRESS: 6,
    Kind.STALE: 2,
    Kind.COMMAND: 2,
    Kind.UNKNOWN_COMMAND: 1,
    Kind.TYPED: 2,
    Kind.TEXT: 1,
    Kind.MEDIA: 1,
    Kind.FORGED: 3,
    Kind.GROUP: 1,
    Kind.TIME: 1,
}
WEIGHTED: Final = tuple(kind for kind, weight in WEIGHTS.items() for _ in range(weight))


MEDIA: Final = ("sticker", "photo", "captioned", "voice", "document", "location")
FORGERIES: Final = ("other", "other", "mutated", "garbage", "64", "topic")
GROUP_MESSAGES: Final = (
    "/start",
    "/workout",
    "/start@{bot}",
    "/next@OtherBot",
    "hi @{bot}",
    "hello all",
    "press",
)
WAITS: Final = ("5", "30", "90", "420", "1200", "2220")  # minutes


def _pick(options: list[T], pick: int) -> T:
    return options[pick % len(options)]


@dataclass
class Fuzz:
    """The runners, their group chats, every button each chat ever showed, and a dispatcher
    on virtual time for the reminders."""

    bot: BotHarness
    runners: list[ScreenRunner] = field(default_factory=list)
    groups: list[ChatDriver] = field(default_factory=list)
    seen: dict[int, dict[tuple[int, str], None]] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)
    updates: int = 0
    dispatch: Dispatcher | None = None

    @classmethod
    def create(cls, bot: BotHarness) -> Fuzz:
        fuzz = cls(bot)
        for number in range(RUNNERS):
            user_id = new_user_id()
            driver = bot.runner(user_id, first_name=f"F{number}")
            driver.language_code = LANGUAGES[number]
            fuzz.runners.append(ScreenRunner(driver, bot.api))
            group = ChatDriver(
                bot.application,
                bot.api,
                user_id,
                first_name=f"F{number}",
                chat_id=-(500_000 + user_id),
                chat_type="group",
            )
            bot.drivers.append(group)
            fuzz.groups.append(group)
        fuzz.dispatch = dispatcher(bot, VirtualTime())
        return fuzz

    # -- what is on screen -------------------------------------------------------------------

    def remember(self, driver: ChatDriver) -> None:
        """Note every button now on this chat's screen (for stale presses later)."""
        seen = self.seen.setdefault(driver.chat_id, {})
        for message in driver.messages:
            for row in message.buttons:
                for button in row:
                    if button.callback_data is not None:
                        seen[(message.message_id, button.callback_data)] = None

    def all_data(self) -> list[tuple[int, int, str]]:
        """(chat id, message id, data) of every button any chat has shown."""
        return [
            (chat_id, message_id, data)
            for chat_id, buttons in self.seen.items()
            for message_id, data in buttons
        ]

    @staticmethod
    def newest_with_buttons(driver: ChatDriver) -> StoredMessage | None:
        for message in reversed(driver.messages):
            if any(b.callback_data for row in message.buttons for b in row):
                return message
        return None

    # -- one action --------------------------------------------------------------------------

    async def perform(self, action: Action) -> Step:
        """Do one action, against what is on screen now."""
        runner = self.runners[action.runner]
        if action.fault:
            self.bot.api.fail_next("*", Fault(action.fault))
        step = await self._do(action, runner)
        if action.fault:
            step = replace(step, description=f"{step.description} ({action.fault})", faulted=True)
        if step.update:
            self.updates += 1
        self.remember(runner.driver)
        self.log.append(f"F{action.runner} {step.kind}: {step.description}")
        return step

    async def _do(self, action: Action, runner: ScreenRunner) -> Step:
        driver, kind = runner.driver, action.kind
        me = driver.user_id
        match kind:
            case Kind.GUIDED:
                await runner.step()
                return Step(kind, me, runner.presses[-1])
            case Kind.PRESS:
                message = self.newest_with_buttons(driver)
                if message is None:
                    await driver.command("start")
                    return Step(kind, me, "/start (nothing to press)")
                buttons = [b for row in message.buttons for b in row if b.callback_data]
                button = _pick(buttons, action.pick)
                assert button.callback_data is not None
                await driver.press_data(message.message_id, button.callback_data)
                return Step(kind, me, f"{button.label!r} [{button.callback_data}]")
            case Kind.STALE:
                mine = list(self.seen.get(driver.chat_id, {}))
                if not mine:
                    await driver.send("hello")
                    return Step(kind, me, "hello (nothing seen yet)")
                message_id, payload = _pick(mine, action.pick)
                await driver.press_data(message_id, payload)
                return Step(kind, me, f"stale [{payload}] on {message_id}")
            case Kind.COMMAND:
                await driver.command(action.choice, action.text)
                return Step(kind, me, f"/{action.choice} {action.text}".rstrip())
            case Kind.UNKNOWN_COMMAND:
                await driver.send(f"/{action.text}")
                return Step(kind, me, f"/{action.text}")
            case Kind.TYPED | Kind.TEXT:
                text = action.text
                if not text.strip() or text.startswith("/"):
                    text = f"~{text}"
                await driver.send(text)
                return Step(kind, me, repr(text[:40]))
            case Kind.MEDIA:
                await self._media(driver, action)
                return Step(kind, me, action.choice)
            case Kind.FORGED:
                return await self._forged(driver, action)
            case Kind.GROUP:
                return await self._group(action)
            case Kind.TIME:
                return await self._time_passes(int(action.choice))
        raise AssertionError(kind)

    @staticmethod
    async def _media(driver: ChatDriver, action: Action) -> None:
        match action.choice:
            case "sticker":
                await driver.send_sticker()
            case "photo":
                await driver.send_photo()
            case "captioned":
                await driver.send_photo(caption=action.text)
            case "voice":
                await driver.send_voice()
            case "document":
                await driver.send_document()
            case _:
                await driver.send_location()

    async def _forged(self, driver: ChatDriver, action: Action) -> Step:
        """A callback query no button in this chat carried, on one of the runner's messages
        (or on a message id the chat never had)."""
        others = [
            payload for chat_id, _message, payload in self.all_data() if chat_id != driver.chat_id
        ]
        how, pick = action.choice, action.pick
        if how in ("other", "mutated") and others:
            payload = _pick(others, pick)
            if how == "mutated":
                parts = payload.split(":")
                parts[pick % len(parts)] = _pick(list(BIG), pick // 7)
                payload = ":".join(parts)
        elif how == "64":
            payload = data_64_bytes(_pick(list(PREFIXES), pick))
        elif how == "topic":
            payload = _pick(list(PREFIXES), pick) + action.text
        else:
            payload = action.text
        payload = payload.encode()[:64].decode(errors="ignore") or "x"
        mine = [message.message_id for message in driver.messages]
        message_id = _pick(mine, pick // 3) if mine and pick % 5 else 1_000_000 + pick
        await driver.press_data(message_id, payload)
        return Step(Kind.FORGED, driver.user_id, f"[{payload}] on {message_id}")

    async def _group(self, action: Action) -> Step:
        """Something in a group chat: never anybody's data."""
        group = self.groups[action.runner]
        what = action.choice.format(bot=self.bot.application.bot.username)
        if what == "press":
            payloads = [payload for _chat, _message, payload in self.all_data()] or ["go:1"]
            messages = group.messages
            message_id = messages[-1].message_id if messages else 1
            await group.press_data(message_id, _pick(payloads, action.pick))
        else:
            await group.send(what)
        return Step(Kind.GROUP, None, what)

    async def _time_passes(self, minutes: int) -> Step:
        bot = self.bot
        bot.clock.advance(timedelta(minutes=minutes))
        assert self.dispatch is not None
        report = await self.dispatch.tick(bot.clock.now())
        return Step(Kind.TIME, None, f"+{minutes} min: {report}", update=False)


FAULTS: Final = (
    Fault.TOO_MANY_REQUESTS,
    Fault.SERVER_ERROR,
    Fault.BAD_GATEWAY,
    Fault.TIMEOUT,
    Fault.TIMEOUT_AFTER,
    Fault.NETWORK,
)
# One update in about ten has its first call to Telegram fail.
FAULT_MIX: Final = ("",) * 54 + tuple(fault.value for fault in FAULTS)
# The topics of the bot's callback data, for forged payloads that get past the first check.
PREFIXES: Final = (
    "ob:",
    "go:",
    "s:",
    "ld:",
    "set:",
    "how:",
    "pic:",
    "hi:",
    "del:",
    "lang:",
    "pn:",
)
