"""End-to-end wiring: the real ``legcoach run`` process against a Bot API served over HTTP.

The bot runs as a separate process (``python -m bot.cli run``) pointed at a
:class:`~bot.offline.http.BotApiServer` on 127.0.0.1 with ``TELEGRAM_API_BASE_URL``. The test
plays the runner with :class:`HttpRunner`: it builds Telegram updates and delivers them
either by queueing them for ``getUpdates`` (long polling) or by POSTing them to the bot's
webhook, then waits until the bot has answered. Every wait is a bounded poll on a condition.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Mapping
from pathlib import Path
from typing import IO, Any

from bot.offline import FakeBotApi, StoredMessage

JSONDict = dict[str, Any]
Deliver = Callable[[JSONDict], Awaitable[None]]

TOKEN = "123456:TEST-e2e-token-not-a-real-one"
SECRET = "e2e-webhook-secret_42"
# How long the bot must have been silent before an action counts as fully answered; the
# action's own condition (its callback answered, a reply sent) must hold first.
QUIET = 0.3
ACTION_TIMEOUT = 20.0
STARTUP_TIMEOUT = 30.0


async def wait_for(
    condition: Callable[[], bool], *, within: float = ACTION_TIMEOUT, what: str = "condition"
) -> None:
    """Poll ``condition`` every 20 ms; fail if it does not hold within ``within`` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"timed out after {within:g} s waiting for {what}")
        await asyncio.sleep(0.02)


def bot_environment(**settings: str) -> dict[str, str]:
    """The process environment: ours without any legcoach setting, plus ``settings``."""
    prefixes = ("TELEGRAM_", "WEBHOOK_", "DATABASE_", "ADMIN_", "LOG_", "SCHEDULER_", "SEND_")
    env = {name: value for name, value in os.environ.items() if not name.startswith(prefixes)}
    env.update({"PYTHONUNBUFFERED": "1", "TELEGRAM_BOT_TOKEN": TOKEN, "LOG_LEVEL": "INFO"})
    env.update(settings)
    return env


class BotProcess:
    """``legcoach run`` as a child process; its output goes to ``log_path``.

    Run in ``workdir`` so no ``.env`` of the developer's is read.
    """

    def __init__(self, env: Mapping[str, str], workdir: Path, log_path: Path) -> None:
        self.env = dict(env)
        self.workdir = workdir
        self.log_path = log_path
        self.process: asyncio.subprocess.Process | None = None
        self._log: IO[bytes] | None = None

    async def start(self) -> None:
        assert self.process is None, "already running"
        self._log = self.log_path.open("ab")
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            env=self.env,
            cwd=self.workdir,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=self._log,
            stderr=asyncio.subprocess.STDOUT,
        )

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, like a crash or an OOM kill."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
        await self._reap()

    async def terminate(self, within: float = 15.0) -> int | None:
        """SIGTERM and wait for a clean exit (killed if it takes longer); the exit code."""
        if self.process is None:
            return None
        process = self.process
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(process.wait(), within)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
        code = process.returncode
        await self._reap()
        return code

    async def _reap(self) -> None:
        if self.process is not None:
            await self.process.wait()
            self.process = None
        if self._log is not None:
            self._log.close()
            self._log = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


class HttpRunner:
    """One runner in a private chat, talking to the bot process through the fake Telegram."""

    def __init__(
        self, api: FakeBotApi, deliver: Deliver, user_id: int, first_name: str = "Robin"
    ) -> None:
        self.api = api
        self.deliver = deliver
        self.user_id = user_id
        self.user: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
        self.chat: JSONDict = {"id": user_id, "type": "private", "first_name": first_name}
        api.register_chat(self.chat)

    # -- what the bot shows ------------------------------------------------------------------

    @property
    def messages(self) -> list[StoredMessage]:
        return self.api.messages(self.user_id)

    @property
    def last_text(self) -> str:
        return self.api.last_message(self.user_id).plain_text

    def texts(self) -> list[str]:
        return [message.plain_text for message in self.messages]

    def keyboard(self) -> StoredMessage:
        """The newest message with buttons: what a runner looks at to press something."""
        for message in reversed(self.messages):
            if message.button_labels:
                return message
        raise AssertionError(f"no message with buttons in chat {self.user_id}")

    # -- what the runner does ----------------------------------------------------------------

    async def send(self, text: str) -> None:
        """Type a message (a leading /command gets its entity) and wait for the answer."""
        message: JSONDict = {
            "message_id": self.api.allocate_message_id(self.user_id),
            "date": int(self.api.now()),
            "chat": dict(self.chat),
            "from": dict(self.user),
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split(maxsplit=1)[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        mark = self.api.sequence
        await self._act({"message": message}, lambda: self.api.sequence > mark, f"reply to {text}")

    async def press(self, label: str, message: StoredMessage | None = None) -> None:
        """Press the button starting with ``label`` on ``message`` (default: the newest message
        with buttons) and wait until the press is answered and the bot is done."""
        message = message or self.keyboard()
        current = self.api.message(self.user_id, message.message_id) or message
        button = next(
            (b for row in current.buttons for b in row if b.label.startswith(label)), None
        )
        if button is None or button.callback_data is None:
            raise AssertionError(f"no button {label!r} on: {current.button_labels}")
        update_id = self.api.next_update_id()
        query_id = f"{self.user_id}-{update_id}"
        query = {
            "id": query_id,
            "from": dict(self.user),
            "chat_instance": f"instance{self.user_id}",
            "message": self.api.message_dict(current),
            "data": button.callback_data,
        }

        mark = self.api.sequence

        def answered() -> bool:
            # every press in these stories changes the chat: an edit or a new message
            return self.api.sequence > mark and any(
                call.params.get("callback_query_id") == query_id
                for call in self.api.calls_to("answerCallbackQuery")
            )

        await self._act(
            {"update_id": update_id, "callback_query": query}, answered, f"answer to {label}"
        )

    async def _act(self, payload: JSONDict, done: Callable[[], bool], what: str) -> None:
        payload.setdefault("update_id", self.api.next_update_id())
        await self.deliver(payload)
        await wait_for(done, what=what)
        await self.settle()

    async def settle(self) -> None:
        """Wait until the bot has made no Bot API call (getUpdates aside) for ``QUIET`` s."""
        loop = asyncio.get_running_loop()
        seen, since = -1, loop.time()
        deadline = since + ACTION_TIMEOUT
        while True:
            count = sum(1 for call in self.api.calls if call.method != "getUpdates")
            now = loop.time()
            if count != seen:
                seen, since = count, now
            elif now - since >= QUIET:
                return
            if now > deadline:
                raise AssertionError("the bot never went quiet")
            await asyncio.sleep(0.02)


async def onboard(runner: HttpRunner) -> None:
    """The six onboarding questions, answered through the chat."""
    await runner.send("/start")
    assert "1/6" in runner.last_text, runner.texts()
    await runner.press("Beginner")
    assert "2/6" in runner.last_text
    await runner.press("None")
    await runner.press("Done")
    assert "3/6" in runner.last_text
    for day in ("Tue", "Thu", "Sat"):
        await runner.press(day)
    await runner.press("Done")
    assert "4/6" in runner.last_text
    await runner.press("Sat")
    await runner.press("Done")
    assert "5/6" in runner.last_text
    await runner.send("07:30")
    assert "6/6" in runner.last_text
    await runner.send("Berlin")
    assert "Correct?" in runner.last_text
    await runner.press("Yes")
    assert "Your plan, Robin" in runner.last_text, runner.texts()
