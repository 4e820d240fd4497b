"""An in-process fake of the Telegram Bot API's HTTP edge.

``FakeBotApi`` is a :class:`telegram.request.BaseRequest`, so the real ``Bot`` and
``Application`` run unchanged on top of it: PTB builds the request, the fake answers with the
same JSON envelope and HTTP status Telegram would, and PTB's own error mapping turns failures
into ``BadRequest``, ``Forbidden``, ``RetryAfter`` and friends. The test suite uses it to
assert on what the bot said; the offline console uses it to run the bot with no network.

The fake keeps just enough state to behave like Telegram where bots usually get it wrong:
per-chat message ids, edits that fail with "message is not modified", ``editMessageText``
dropping the inline keyboard when none is passed, blocked users, double-answered callback
queries, malformed HTML and oversized callback data.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any, Final, Literal

from telegram._utils.types import ODVInput  # the type BaseRequest.do_request is declared with
from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

log = logging.getLogger(__name__)

JSONDict = dict[str, Any]
FaultKind = Literal["429", "403", "timeout", "500", "400"]

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

NOT_MODIFIED: Final = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
EDIT_NOT_FOUND: Final = "Bad Request: message to edit not found"
BLOCKED: Final = "Forbidden: bot was blocked by the user"
QUERY_TOO_OLD: Final = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)
WEBHOOK_CONFLICT: Final = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
    "delete the webhook first"
)

MAX_TEXT: Final = 4096
MAX_CAPTION: Final = 1024
MAX_CALLBACK_DATA_BYTES: Final = 64

# Parameters whose value is a JSON object or array in the Bot API. PTB hands them over as
# Python objects, but a caller may also pass pre-encoded strings through ``api_kwargs``.
_JSON_FIELDS: Final = frozenset(
    {
        "reply_markup",
        "commands",
        "scope",
        "menu_button",
        "entities",
        "caption_entities",
        "link_preview_options",
        "reply_parameters",
        "allowed_updates",
        "media",
    }
)
_HTML_TAGS: Final = frozenset(
    {
        "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
        "a", "code", "pre", "blockquote", "tg-emoji",
    }
)  # fmt: skip


class ApiError(Exception):
    """A Bot API error answer: the HTTP status, ``description`` and optional ``parameters``."""

    def __init__(self, status: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> JSONDict:
        """The JSON envelope Telegram sends with this error."""
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


@dataclass(frozen=True)
class ApiCall:
    """One request the bot made, with its decoded parameters and how the fake answered.

    ``status`` is the HTTP status of the answer, or ``None`` when the call timed out.
    """

    method: str
    params: JSONDict
    status: int | None = 200
    description: str | None = None

    @property
    def ok(self) -> bool:
        """Whether Telegram accepted the call."""
        return self.status == 200


@dataclass(frozen=True)
class InlineButton:
    """One inline keyboard button as the user sees it."""

    label: str
    callback_data: str | None = None
    url: str | None = None


@dataclass
class StoredMessage:
    """A message the bot sent, in its current state (after edits).

    ``text`` and ``caption`` are kept as sent, markup included; :attr:`plain_text` is what the
    user reads. ``sent_seq``/``updated_seq`` are positions in the fake's event sequence, which
    lets a driver tell what was sent or edited since some mark.
    """

    chat_id: int
    message_id: int
    date: int
    text: str | None = None
    parse_mode: str | None = None
    reply_markup: JSONDict | None = None
    photo: str | None = None
    caption: str | None = None
    edit_date: int | None = None
    sent_seq: int = 0
    updated_seq: int = 0

    @property
    def plain_text(self) -> str:
        """The text (or photo caption) with HTML markup removed, as the user reads it."""
        raw = self.text if self.text is not None else self.caption or ""
        return render_text(raw, self.parse_mode)

    @property
    def buttons(self) -> list[list[InlineButton]]:
        """The inline keyboard, row by row; empty when the message has none."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [
            [
                InlineButton(
                    label=button["text"],
                    callback_data=button.get("callback_data"),
                    url=button.get("url"),
                )
                for button in row
            ]
            for row in rows
        ]

    @property
    def button_labels(self) -> list[str]:
        """All inline button labels, left to right and top to bottom."""
        return [button.label for row in self.buttons for button in row]


@dataclass
class _Fault:
    kind: FaultKind
    retry_after: int
    description: str | None


@dataclass
class _Chat:
    data: JSONDict
    blocked: bool = False
    next_message_id: int = 1
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    menu_button: JSONDict | None = None


class _TelegramHtml(HTMLParser):
    """Parses Telegram's HTML subset and reports errors in Telegram's words."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self.parts: list[str] = []
        self.open_tags: list[str] = []
        self.error: str | None = None

    def _byte_offset(self) -> int:
        line, column = self.getpos()
        lines = self.source.split("\n")
        chars = sum(len(text) + 1 for text in lines[: line - 1]) + column
        return len(self.source[:chars].encode())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.error is not None:
            return
        if tag not in _HTML_TAGS:
            self.error = f'Unsupported start tag "{tag}" at byte offset {self._byte_offset()}'
        else:
            self.open_tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.error is not None:
            return
        if not self.open_tags:
            self.error = f"Unexpected end tag at byte offset {self._byte_offset()}"
        elif self.open_tags[-1] != tag:
            self.error = (
                f"Unmatched end tag at byte offset {self._byte_offset()}, "
                f'expected "</{self.open_tags[-1]}>", found "</{tag}>"'
            )
        else:
            self.open_tags.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def plain_text(self) -> str:
        """Return the plain text; raise :class:`ApiError` (400) if Telegram would reject it."""
        self.feed(self.source)
        self.close()
        if self.error is None and self.open_tags:
            self.error = f'Can\'t find end tag corresponding to start tag "{self.open_tags[-1]}"'
        if self.error is not None:
            raise ApiError(400, f"Bad Request: can't parse entities: {self.error}")
        return "".join(self.parts)


def render_text(text: str, parse_mode: str | None) -> str:
    """What the user reads: HTML is parsed (and validated); other modes are kept verbatim."""
    if parse_mode is not None and parse_mode.upper() == "HTML":
        return _TelegramHtml(text).plain_text()
    return text


def _inline_markup(markup: object) -> JSONDict | None:
    """Keep only a non-empty inline keyboard: that is all a sent message carries."""
    if not isinstance(markup, dict):
        return None
    rows = markup.get("inline_keyboard")
    if not rows or not any(rows):
        return None
    for row in rows:
        for button in row:
            if set(button) <= {"text"}:
                raise ApiError(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    return markup


def _decode_params(request_data: RequestData | None) -> JSONDict:
    """The request's parameters as plain JSON values, nested objects decoded."""
    if request_data is None:
        return {}
    raw = request_data.parameters
    params: JSONDict = {}
    for name, encoded in request_data.json_parameters.items():
        value = raw.get(name)
        if isinstance(value, str):
            if name in _JSON_FIELDS and value[:1] in ("{", "["):
                with contextlib.suppress(ValueError):
                    value = json.loads(value)
            params[name] = value
        else:
            # A JSON round trip gives a deep copy made of plain types only.
            params[name] = json.loads(encoded)
    if request_data.contains_files:
        for name, (filename, *_rest) in request_data.multipart_data.items():
            params.setdefault(name, f"upload://{filename}")
    return params


class FakeBotApi(BaseRequest):
    """A fake Telegram Bot API server living inside the process.

    Pass the same instance as ``request`` and ``get_updates_request`` of a ``Bot`` or
    ``ApplicationBuilder``. Every call is recorded in :attr:`calls`; sent messages are kept per
    chat and can be inspected with :meth:`messages`, :meth:`last_message` and
    :meth:`find_button`. Failures are injected with :meth:`fail_next` and :meth:`block_chat`.

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
        self.now = now
        self.latency = latency
        self.bot_user: JSONDict = dict(bot_user)
        self.calls: list[ApiCall] = []
        self.sequence = 0
        self.webhook_url = ""
        self._chats: dict[int, _Chat] = {}
        self._faults: dict[str, deque[_Fault]] = {}
        self._updates: list[JSONDict] = []
        self._update_arrived = asyncio.Event()
        self._next_update_id = 1
        self._answered_queries: set[str] = set()
        self._commands: dict[str, list[JSONDict]] = {}
        self._default_menu_button: JSONDict | None = None
        self._handlers: dict[str, Callable[[JSONDict], object]] = {
            "getme": lambda _params: dict(self.bot_user),
            "sendmessage": self._send_message,
            "sendphoto": self._send_photo,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "answercallbackquery": self._answer_callback_query,
            "deletemessage": self._delete_message,
            "sendchataction": self._send_chat_action,
            "setmycommands": self._set_my_commands,
            "getmycommands": lambda params: self._commands.get(_commands_key(params), []),
            "deletemycommands": self._delete_my_commands,
            "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "close": lambda _params: True,
            "logout": lambda _params: True,
            "setchatmenubutton": self._set_chat_menu_button,
            "getchatmenubutton": self._get_chat_menu_button,
            # Accepted and recorded in ``calls`` only; nothing in a chat shows them.
            "setmydescription": lambda _params: True,
            "setmyshortdescription": lambda _params: True,
        }

    # -- BaseRequest -------------------------------------------------------------------------

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout; nothing is read from a socket, so it is nominal."""
        return 5.0

    async def initialize(self) -> None:
        """Nothing to set up: there is no connection pool."""

    async def shutdown(self) -> None:
        """Nothing to tear down; state survives so tests can inspect it afterwards."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer one Bot API call the way Telegram would: ``(HTTP status, JSON body)``."""
        if self.latency > 0:
            await asyncio.sleep(self.latency)
        api_method = url.rstrip("/").rsplit("/", 1)[-1]
        params = _decode_params(request_data)
        try:
            result = await self._dispatch(api_method, params)
        except ApiError as error:
            self.calls.append(ApiCall(api_method, params, error.status, error.description))
            return error.status, json.dumps(error.body()).encode()
        except TimedOut:
            self.calls.append(ApiCall(api_method, params, None, "timed out"))
            raise
        self.calls.append(ApiCall(api_method, params))
        return 200, json.dumps({"ok": True, "result": result}).encode()

    async def _dispatch(self, api_method: str, params: JSONDict) -> object:
        key = api_method.lower()
        fault = self._take_fault(key)
        if fault is not None:
            _raise_fault(fault)
        if key == "getupdates":
            return await self._get_updates(params)
        handler = self._handlers.get(key)
        if handler is None:
            log.warning("FakeBotApi does not implement %s; answering 404", api_method)
            raise ApiError(404, "Not Found")
        return handler(params)

    # -- inspection --------------------------------------------------------------------------

    def calls_to(self, method: str) -> list[ApiCall]:
        """The recorded calls of one Bot API method (case-insensitive), failed ones included."""
        return [call for call in self.calls if call.method.lower() == method.lower()]

    def reset_calls(self) -> None:
        """Forget the recorded calls; chats and messages are kept."""
        self.calls.clear()

    def messages(self, chat_id: int) -> list[StoredMessage]:
        """The bot's messages in a chat, oldest first, in their current state."""
        chat = self._chats.get(chat_id)
        return sorted(chat.messages.values(), key=lambda m: m.message_id) if chat else []

    def message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        """One stored bot message, or ``None`` if it was never sent or has been deleted."""
        chat = self._chats.get(chat_id)
        return chat.messages.get(message_id) if chat else None

    def last_message(self, chat_id: int) -> StoredMessage:
        """The newest bot message in a chat; fails the test if there is none."""
        messages = self.messages(chat_id)
        if not messages:
            raise AssertionError(f"the bot has sent no message to chat {chat_id}")
        return messages[-1]

    def texts(self, chat_id: int) -> list[str]:
        """What the user reads in each bot message of a chat, oldest first."""
        return [message.plain_text for message in self.messages(chat_id)]

    def find_button(self, chat_id: int, label_prefix: str) -> tuple[StoredMessage, InlineButton]:
        """The first button whose label starts with ``label_prefix``, newest message first."""
        messages = list(reversed(self.messages(chat_id)))
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

    def commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """The command list set for a scope (default scope if ``None``) and language."""
        key = _commands_key({"scope": scope, "language_code": language_code})
        return list(self._commands.get(key, []))

    # -- test controls -----------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        error: FaultKind,
        times: int = 1,
        retry_after: int = 1,
        description: str | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail (``"*"`` matches any method).

        ``"429"`` answers with flood control and ``retry_after``; ``"timeout"`` raises
        ``TimedOut`` without answering; the others answer with that HTTP status.
        """
        queue = self._faults.setdefault(method.lower(), deque())
        queue.extend(_Fault(error, retry_after, description) for _ in range(times))

    def block_chat(self, chat_id: int) -> None:
        """The user blocks the bot: sending to this chat answers 403."""
        self._chat(chat_id).blocked = True

    def unblock_chat(self, chat_id: int) -> None:
        """The user unblocks the bot."""
        self._chat(chat_id).blocked = False

    def push_update(self, update: JSONDict) -> int:
        """Queue an update for ``getUpdates``; an ``update_id`` is assigned if missing."""
        update = dict(update)
        update.setdefault("update_id", self.next_update_id())
        self._next_update_id = max(self._next_update_id, update["update_id"] + 1)
        self._updates.append(update)
        self._update_arrived.set()
        return int(update["update_id"])

    # -- used by the chat driver -------------------------------------------------------------

    def next_update_id(self) -> int:
        """A fresh update id, never reused by this fake."""
        update_id = self._next_update_id
        self._next_update_id += 1
        return update_id

    def allocate_message_id(self, chat_id: int) -> int:
        """The next message id in a chat; user and bot messages share the counter."""
        chat = self._chat(chat_id)
        message_id = chat.next_message_id
        chat.next_message_id += 1
        return message_id

    def register_chat(self, chat: JSONDict) -> None:
        """Describe a chat (a Telegram ``Chat`` dict) so messages in it carry the right data."""
        self._chat(int(chat["id"])).data = dict(chat)

    def chat_dict(self, chat_id: int) -> JSONDict:
        """The Telegram ``Chat`` object of a chat."""
        return dict(self._chat(chat_id).data)

    def message_dict(self, message: StoredMessage) -> JSONDict:
        """A stored message as the Telegram ``Message`` object PTB would receive."""
        data: JSONDict = {
            "message_id": message.message_id,
            "date": message.date,
            "chat": self.chat_dict(message.chat_id),
            "from": dict(self.bot_user),
        }
        if message.photo is not None:
            data["photo"] = [
                {"file_id": message.photo, "file_unique_id": f"u{message.message_id}",
                 "width": 1280, "height": 960}
            ]  # fmt: skip
            if message.caption is not None:
                data["caption"] = render_text(message.caption, message.parse_mode)
        else:
            data["text"] = message.plain_text
        if message.reply_markup is not None:
            data["reply_markup"] = message.reply_markup
        if message.edit_date is not None:
            data["edit_date"] = message.edit_date
        return data

    # -- internals ---------------------------------------------------------------------------

    def _chat(self, chat_id: int) -> _Chat:
        chat = self._chats.get(chat_id)
        if chat is None:
            data: JSONDict = (
                {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}
                if chat_id > 0
                else {"id": chat_id, "type": "group", "title": f"Group {chat_id}"}
            )
            chat = self._chats[chat_id] = _Chat(data)
        return chat

    def _take_fault(self, key: str) -> _Fault | None:
        for queue_key in (key, "*"):
            queue = self._faults.get(queue_key)
            if queue:
                return queue.popleft()
        return None

    def _now(self) -> int:
        return int(self.now())

    def _bump(self) -> int:
        self.sequence += 1
        return self.sequence

    def _target_chat(self, params: JSONDict, *, sending: bool) -> _Chat:
        chat_id = params.get("chat_id")
        try:
            chat = self._chat(int(str(chat_id)))
        except ValueError:
            raise ApiError(400, "Bad Request: chat not found") from None
        if sending and chat.blocked:
            raise ApiError(403, BLOCKED)
        return chat

    def _store(self, chat: _Chat, message: StoredMessage) -> JSONDict:
        message.sent_seq = message.updated_seq = self._bump()
        chat.messages[message.message_id] = message
        return self.message_dict(message)

    def _send_message(self, params: JSONDict) -> JSONDict:
        chat = self._target_chat(params, sending=True)
        text = str(params.get("text", ""))
        parse_mode = params.get("parse_mode")
        plain = render_text(text, parse_mode)
        if not plain.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(plain) > MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
        markup = _inline_markup(params.get("reply_markup"))
        message = StoredMessage(
            chat_id=int(chat.data["id"]),
            message_id=self.allocate_message_id(int(chat.data["id"])),
            date=self._now(),
            text=text,
            parse_mode=parse_mode,
            reply_markup=markup,
        )
        return self._store(chat, message)

    def _send_photo(self, params: JSONDict) -> JSONDict:
        chat = self._target_chat(params, sending=True)
        caption = params.get("caption")
        parse_mode = params.get("parse_mode")
        if caption is not None and len(render_text(caption, parse_mode)) > MAX_CAPTION:
            raise ApiError(400, "Bad Request: message caption is too long")
        photo = params.get("photo")
        if not photo:
            raise ApiError(400, "Bad Request: there is no photo in the request")
        message = StoredMessage(
            chat_id=int(chat.data["id"]),
            message_id=self.allocate_message_id(int(chat.data["id"])),
            date=self._now(),
            photo=str(photo),
            caption=caption,
            parse_mode=parse_mode,
            reply_markup=_inline_markup(params.get("reply_markup")),
        )
        return self._store(chat, message)

    def _message_to_edit(self, params: JSONDict) -> StoredMessage:
        if "inline_message_id" in params:
            raise ApiError(400, "Bad Request: inline messages are not supported by FakeBotApi")
        chat = self._target_chat(params, sending=False)
        message = chat.messages.get(int(params.get("message_id", 0)))
        if message is None:
            raise ApiError(400, EDIT_NOT_FOUND)
        return message

    def _apply_edit(self, message: StoredMessage, **changes: Any) -> JSONDict:
        if all(getattr(message, name) == value for name, value in changes.items()):
            raise ApiError(400, NOT_MODIFIED)
        for name, value in changes.items():
            setattr(message, name, value)
        message.edit_date = self._now()
        message.updated_seq = self._bump()
        return self.message_dict(message)

    def _edit_message_text(self, params: JSONDict) -> JSONDict:
        message = self._message_to_edit(params)
        if message.text is None:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        text = str(params.get("text", ""))
        parse_mode = params.get("parse_mode")
        plain = render_text(text, parse_mode)
        if not plain.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(plain) > MAX_TEXT:
            raise ApiError(400, "Bad Request: message is too long")
        # Like Telegram: an edit without reply_markup removes the inline keyboard.
        markup = _inline_markup(params.get("reply_markup"))
        return self._apply_edit(message, text=text, parse_mode=parse_mode, reply_markup=markup)

    def _edit_message_reply_markup(self, params: JSONDict) -> JSONDict:
        message = self._message_to_edit(params)
        markup = _inline_markup(params.get("reply_markup"))
        return self._apply_edit(message, reply_markup=markup)

    def _delete_message(self, params: JSONDict) -> bool:
        chat = self._target_chat(params, sending=False)
        if chat.messages.pop(int(params.get("message_id", 0)), None) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        self._bump()
        return True

    def _answer_callback_query(self, params: JSONDict) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if not query_id or query_id in self._answered_queries:
            raise ApiError(400, QUERY_TOO_OLD)
        self._answered_queries.add(query_id)
        return True

    def _send_chat_action(self, params: JSONDict) -> bool:
        self._target_chat(params, sending=True)
        return True

    def _set_my_commands(self, params: JSONDict) -> bool:
        self._commands[_commands_key(params)] = list(params.get("commands", []))
        return True

    def _delete_my_commands(self, params: JSONDict) -> bool:
        self._commands.pop(_commands_key(params), None)
        return True

    def _set_webhook(self, params: JSONDict) -> bool:
        self.webhook_url = str(params.get("url", ""))
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _delete_webhook(self, params: JSONDict) -> bool:
        self.webhook_url = ""
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _get_webhook_info(self, _params: JSONDict) -> JSONDict:
        return {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    def _set_chat_menu_button(self, params: JSONDict) -> bool:
        button = params.get("menu_button")
        if "chat_id" in params:
            self._target_chat(params, sending=False).menu_button = button
        else:
            self._default_menu_button = button
        return True

    def _get_chat_menu_button(self, params: JSONDict) -> JSONDict:
        button = None
        if "chat_id" in params:
            button = self._target_chat(params, sending=False).menu_button
        button = button or self._default_menu_button
        return dict(button) if button else {"type": "default"}

    async def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        if self.webhook_url:
            raise ApiError(409, WEBHOOK_CONFLICT)
        self._confirm(params.get("offset"))
        timeout = float(params.get("timeout") or 0)
        if not self._updates and timeout > 0:
            # Long polling: wait for push_update rather than spinning the caller's loop.
            self._update_arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._update_arrived.wait(), timeout)
        limit = int(params.get("limit") or 100)
        return [dict(update) for update in self._updates[:limit]]

    def _confirm(self, offset: object) -> None:
        """Drop updates the client confirmed by asking for a higher offset."""
        if not isinstance(offset, int):
            return
        if offset < 0:
            del self._updates[:offset]
        else:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]


def _commands_key(params: JSONDict) -> str:
    scope = params.get("scope") or {"type": "default"}
    return json.dumps([scope, params.get("language_code") or ""], sort_keys=True)


def _raise_fault(fault: _Fault) -> None:
    if fault.kind == "timeout":
        raise TimedOut(fault.description or "Timed out (injected by FakeBotApi)")
    if fault.kind == "429":
        description = fault.description or f"Too Many Requests: retry after {fault.retry_after}"
        raise ApiError(429, description, {"retry_after": fault.retry_after})
    if fault.kind == "403":
        raise ApiError(403, fault.description or BLOCKED)
    if fault.kind == "500":
        raise ApiError(500, fault.description or "Internal Server Error")
    raise ApiError(400, fault.description or "Bad Request: injected by FakeBotApi")
