"""An in-process fake of the Telegram Bot API: :class:`FakeBotApi`.

``FakeBotApi`` is a :class:`telegram.request.BaseRequest` (see :mod:`bot.offline.transport`),
so the real ``Bot`` and ``Application`` run unchanged on top of it: PTB builds the request, the
fake answers with the same JSON envelope and HTTP status Telegram would. The test suite uses it
to assert on what the bot said; the offline console uses it to run the bot with no network.

This module puts the pieces together and gives tests one object to talk to: chats and messages
(:mod:`~bot.offline.state`), files (:mod:`~bot.offline.files`), the bot's profile
(:mod:`~bot.offline.profile`), updates (:mod:`~bot.offline.updates`), the message methods
(:mod:`~bot.offline.messages`) and faults (:mod:`~bot.offline.faults`). Names other modules
imported from here before the split are re-exported.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any, Final

from bot.offline.errors import (
    BLOCKED,
    EDIT_NOT_FOUND,
    MAX_CALLBACK_DATA_BYTES,
    MAX_CAPTION,
    MAX_TEXT,
    NOT_MODIFIED,
    QUERY_TOO_OLD,
    WEBHOOK_CONFLICT,
    ApiError,
    JSONDict,
)
from bot.offline.faults import Fault, FaultKind, FaultPlan, RandomFaultKind
from bot.offline.files import FileStore, MediaKind, StoredFile, Upload
from bot.offline.html import render_text
from bot.offline.messages import Handler, MessageMethods
from bot.offline.profile import BotProfile
from bot.offline.state import Chats, InlineButton, MessageKind, StoredMessage, message_dict
from bot.offline.transport import ApiCall, BotApiTransport
from bot.offline.updates import UpdateQueue

log = logging.getLogger(__name__)

BOT_USER: Final[Mapping[str, Any]] = {
    "id": 100000,
    "is_bot": True,
    "first_name": "legcoach",
    "username": "legcoach_bot",
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
    "can_connect_to_business": False,
    "has_main_web_app": False,
}


class FakeBotApi(BotApiTransport):
    """A fake Telegram Bot API server living inside the process.

    Pass the same instance as ``request`` and ``get_updates_request`` of a ``Bot`` or
    ``ApplicationBuilder``. Every call is recorded in :attr:`calls`; sent messages are kept per
    chat and can be inspected with :meth:`messages`, :meth:`last_message` and
    :meth:`find_button`. Failures are injected with :meth:`fail_next`, :meth:`inject_faults`
    and :meth:`block_chat`.

    ``now`` is the clock (unix seconds) used for message dates; ``latency`` is awaited before
    every answer and exists for benchmarks only.
    """

    def __init__(
        self,
        *,
        now: Callable[[], float] = time.time,
        latency: float = 0.0,
        bot_user: Mapping[str, Any] = BOT_USER,
    ) -> None:
        super().__init__(latency=latency)
        self.now = now
        self.bot_user: JSONDict = dict(bot_user)
        self.chats = Chats()
        self.files = FileStore(namespace=str(self.bot_user["id"]))
        self.profile = BotProfile(self.chats)
        self.updates = UpdateQueue()
        messages = MessageMethods(self.chats, self.files, lambda: int(self.now()))
        self._handlers: dict[str, Handler] = {
            "getme": lambda _params, _uploads: dict(self.bot_user),
            "setwebhook": lambda params, _uploads: self.updates.set_webhook(params),
            "deletewebhook": lambda params, _uploads: self.updates.delete_webhook(params),
            "getwebhookinfo": lambda params, _uploads: self.updates.webhook_info(params),
            "close": lambda _params, _uploads: True,
            "logout": lambda _params, _uploads: True,
            **messages.handlers(),
        }
        for name, handler in self.profile.handlers().items():
            self._handlers[name] = _ignoring_uploads(handler)

    async def answer(self, method: str, params: JSONDict, uploads: Mapping[str, Upload]) -> object:
        """Telegram's result for one call (a sent message as a ``Message`` object)."""
        key = method.lower()
        if key == "getupdates":
            return await self.updates.get_updates(params)
        handler = self._handlers.get(key)
        if handler is None:
            log.warning("FakeBotApi does not implement %s; answering 404", method)
            raise ApiError(404, "Not Found")
        result = handler(params, uploads)
        return self.message_dict(result) if isinstance(result, StoredMessage) else result

    @property
    def sequence(self) -> int:
        """The event sequence: it moves on every send, edit and delete."""
        return self.chats.sequence

    @property
    def webhook_url(self) -> str:
        return self.updates.webhook_url

    @webhook_url.setter
    def webhook_url(self, url: str) -> None:
        """Pretend a webhook is (or is no longer) registered, as one left from another run."""
        self.updates.webhook_url = url

    # -- inspection --------------------------------------------------------------------------

    def calls_to(self, method: str) -> list[ApiCall]:
        """The recorded calls of one Bot API method (case-insensitive), failed ones included."""
        return [call for call in self.calls if call.method.lower() == method.lower()]

    def reset_calls(self) -> None:
        """Forget the recorded calls; chats and messages are kept."""
        self.calls.clear()

    def messages(self, chat_id: int) -> list[StoredMessage]:
        """The bot's messages in a chat, oldest first, in their current state."""
        return self.chats.messages(chat_id)

    def message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        """One stored bot message, or ``None`` if it was never sent or has been deleted."""
        return self.chats.message(chat_id, message_id)

    def last_message(self, chat_id: int) -> StoredMessage:
        """The newest bot message in a chat; fails the test if there is none."""
        messages = self.messages(chat_id)
        if not messages:
            raise AssertionError(f"the bot has sent no message to chat {chat_id}")
        return messages[-1]

    def texts(self, chat_id: int) -> list[str]:
        """What the user reads in each bot message of a chat (text or caption), oldest first."""
        return [message.plain_text for message in self.messages(chat_id)]

    def find_button(
        self, chat_id: int, label_prefix: str, message_id: int | None = None
    ) -> tuple[StoredMessage, InlineButton]:
        """The first button whose label starts with ``label_prefix``, newest message first
        (only on message ``message_id`` when given); text and media messages alike."""
        messages = list(reversed(self.messages(chat_id)))
        if message_id is not None:
            messages = [m for m in messages if m.message_id == message_id]
            if not messages:
                raise AssertionError(f"no message {message_id} in chat {chat_id}")
        for message in messages:
            for row in message.buttons:
                for button in row:
                    if button.label.startswith(label_prefix):
                        return message, button
        available = {m.message_id: m.button_labels for m in messages if m.button_labels}
        raise AssertionError(
            f"no inline button starting with {label_prefix!r} in chat {chat_id}; "
            f"buttons by message id: {available or 'none'}"
        )

    def file(self, file_id: str) -> StoredFile | None:
        """A file the bot uploaded, by any of its file ids; ``None`` if Telegram has none."""
        return self.files.get(file_id)

    def commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """The command list set for a scope (default scope if ``None``) and language."""
        return self.profile.commands(scope, language_code)

    def commands_for(
        self, chat_id: int, language_code: str = "", user_id: int | None = None
    ) -> list[JSONDict]:
        """The commands a user with ``language_code`` sees in a chat (Telegram's fallback)."""
        return self.profile.commands_for(chat_id, language_code, user_id)

    def description(self, language_code: str = "") -> str:
        """The description set for exactly this language ("" when none)."""
        return self.profile.description(language_code)

    def short_description(self, language_code: str = "") -> str:
        """The short description set for exactly this language ("" when none)."""
        return self.profile.short_description(language_code)

    def description_for(self, language_code: str) -> str:
        """The description a user with ``language_code`` sees: theirs, else the default."""
        return self.profile.description_for(language_code)

    def short_description_for(self, language_code: str) -> str:
        """The short description a user with ``language_code`` sees: theirs, else default."""
        return self.profile.short_description_for(language_code)

    # -- test controls -----------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        error: Fault | FaultKind,
        times: int = 1,
        retry_after: int = 1,
        description: str | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail (``"*"`` matches any method).

        ``"429"`` answers with flood control and ``retry_after``; ``"timeout"`` raises
        ``TimedOut`` before Telegram acts, ``"timeout-after"`` after it acted; ``"network"``
        raises ``NetworkError`` as a failed connection does; the others answer with that
        HTTP status (and ``description``, if given).
        """
        self.faults.fail_next(method, error, times, retry_after, description)

    def inject_faults(
        self,
        rate: float = 0.1,
        kinds: Iterable[RandomFaultKind] = ("429", "5xx", "timeout", "network"),
        seed: int | None = 0,
        methods: Collection[str] | None = None,
        retry_after: int = 1,
    ) -> FaultPlan:
        """Fail a share ``rate`` of calls at random (seeded), with faults of ``kinds``.

        ``"5xx"`` is a 500 or 502 answer; ``"timeout"`` is either flavour (before or after
        Telegram acted). Only ``methods`` are hit when given (case-insensitive); otherwise
        every method but getMe, getUpdates, setWebhook and deleteWebhook. Replaces an earlier
        plan; stop with :meth:`stop_faults` or by using the returned plan as a context manager.
        Queued :meth:`fail_next` faults go first.
        """
        return self.faults.inject(
            rate=rate, kinds=kinds, seed=seed, methods=methods, retry_after=retry_after
        )

    def stop_faults(self) -> None:
        """Stop random faults; queued :meth:`fail_next` faults still strike."""
        self.faults.stop()

    def block_chat(self, chat_id: int) -> None:
        """The user blocks the bot: sending to this chat answers 403."""
        self.chats.get(chat_id).blocked = True

    def unblock_chat(self, chat_id: int) -> None:
        """The user unblocks the bot."""
        self.chats.get(chat_id).blocked = False

    def push_update(self, update: JSONDict) -> int:
        """Queue an update for ``getUpdates``; an ``update_id`` is assigned if missing."""
        return self.updates.push(update)

    def add_file(
        self,
        kind: MediaKind,
        data: bytes,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        """A file Telegram already keeps for the bot (say, uploaded before a restart)."""
        return self.files.add(kind, data, file_name, mime_type)

    # -- used by the chat driver -------------------------------------------------------------

    def next_update_id(self) -> int:
        """A fresh update id, never reused by this fake."""
        return self.updates.next_update_id()

    def allocate_message_id(self, chat_id: int) -> int:
        """The next message id in a chat; user and bot messages share the counter."""
        return self.chats.allocate_message_id(chat_id)

    def register_chat(self, chat: JSONDict) -> None:
        """Describe a chat (a Telegram ``Chat`` dict) so messages in it carry the right data."""
        self.chats.get(int(chat["id"])).data = dict(chat)

    def chat_dict(self, chat_id: int) -> JSONDict:
        """The Telegram ``Chat`` object of a chat."""
        return dict(self.chats.get(chat_id).data)

    def message_dict(self, message: StoredMessage) -> JSONDict:
        """A stored message as the Telegram ``Message`` object PTB would receive."""
        return message_dict(message, self.chat_dict(message.chat_id), self.bot_user)


def _ignoring_uploads(handler: Callable[[JSONDict], object]) -> Handler:
    return lambda params, _uploads: handler(params)


__all__ = [
    "BLOCKED",
    "BOT_USER",
    "EDIT_NOT_FOUND",
    "MAX_CALLBACK_DATA_BYTES",
    "MAX_CAPTION",
    "MAX_TEXT",
    "NOT_MODIFIED",
    "QUERY_TOO_OLD",
    "WEBHOOK_CONFLICT",
    "ApiCall",
    "ApiError",
    "FakeBotApi",
    "Fault",
    "FaultKind",
    "FaultPlan",
    "InlineButton",
    "JSONDict",
    "MediaKind",
    "MessageKind",
    "StoredFile",
    "StoredMessage",
    "render_text",
]
