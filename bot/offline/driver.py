"""A scripted Telegram user: builds real ``Update`` objects and feeds them to the application.

The driver plays the other side of :class:`~bot.offline.api.FakeBotApi`: what the user does
goes in through ``Application.process_update`` exactly as PTB would deliver it from
``getUpdates``; what the bot answers lands in the fake and is read back through the driver.
"""

from __future__ import annotations

import mimetypes
from typing import Any, Final

from telegram import Update
from telegram.ext import Application, ExtBot

from bot.offline.api import FakeBotApi
from bot.offline.errors import JSONDict
from bot.offline.html import utf16_len
from bot.offline.state import InlineButton, StoredMessage

DEFAULT_MIME: Final = "application/octet-stream"


class ChatDriver:
    """One user in one chat (a private chat with the bot unless ``chat_id``/``chat_type`` say
    otherwise), speaking ``language_code`` (settable later: ``driver.language_code = "de"``).

    Every action (:meth:`send`, :meth:`command`, :meth:`press`, ...) returns once the
    application has fully processed the update, so the bot's answer can be asserted on right
    away through :attr:`replies`, :attr:`edits`, :attr:`last_text` or :meth:`texts_since`.
    The application must be initialized (``async with application:``).
    """

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        api: FakeBotApi,
        user_id: int,
        first_name: str = "Alex",
        chat_id: int | None = None,
        chat_type: str = "private",
        username: str | None = None,
        language_code: str | None = "en",
    ) -> None:
        self.application = application
        self.api = api
        self.user_id = user_id
        self.chat_id = user_id if chat_id is None else chat_id
        self.user: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
        self.language_code = language_code
        if username is not None:
            self.user["username"] = username
        if chat_type == "private":
            self.chat: JSONDict = {"id": self.chat_id, "type": "private", "first_name": first_name}
            if username is not None:
                self.chat["username"] = username
        else:
            self.chat = {"id": self.chat_id, "type": chat_type, "title": f"{first_name}'s group"}
        api.register_chat(self.chat)
        self._action_mark = api.sequence

    @property
    def language_code(self) -> str | None:
        """The user's Telegram language, carried in every update the driver builds."""
        code = self.user.get("language_code")
        return None if code is None else str(code)

    @language_code.setter
    def language_code(self, code: str | None) -> None:
        if code is None:
            self.user.pop("language_code", None)
        else:
            self.user["language_code"] = code

    # -- what the user does ------------------------------------------------------------------

    async def send(self, text: str) -> Update:
        """Type a text message; a leading ``/command`` gets its ``bot_command`` entity."""
        extra: JSONDict = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            extra["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
            ]
        return await self._send_message(extra)

    async def command(self, name: str, args: str = "") -> Update:
        """Send ``/name args``."""
        text = f"/{name.removeprefix('/')}"
        return await self.send(f"{text} {args}" if args else text)

    async def press(
        self, label_prefix: str, message: StoredMessage | int | None = None
    ) -> InlineButton:
        """Tap the newest inline button whose label starts with ``label_prefix``; with
        ``message`` (a stored message or its id), a button of that earlier message."""
        message_id = message.message_id if isinstance(message, StoredMessage) else message
        found, button = self.api.find_button(self.chat_id, label_prefix, message_id)
        if button.callback_data is None:
            raise AssertionError(f"button {button.label!r} has no callback data (url button?)")
        await self._press(self.api.message_dict(found), button.callback_data)
        return button

    async def press_data(self, message_id: int, data: str) -> Update:
        """Send a callback query with arbitrary ``data`` from a message, e.g. a stale payload.

        If the message no longer exists, the query carries an inaccessible message, as
        Telegram does for messages it cannot show any more.
        """
        stored = self.api.message(self.chat_id, message_id)
        message = (
            self.api.message_dict(stored)
            if stored is not None
            else {"chat": dict(self.chat), "message_id": message_id, "date": 0}
        )
        return await self._press(message, data)

    async def send_sticker(self, emoji: str = "👍") -> Update:
        """Send a sticker."""
        unique = f"sticker{self.api.next_update_id()}"
        sticker = {
            "file_id": unique,
            "file_unique_id": unique,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
        }
        return await self._send_message({"sticker": sticker})

    async def send_photo(self, caption: str | None = None) -> Update:
        """Send a photo, optionally captioned."""
        unique = f"photo{self.api.next_update_id()}"
        sizes = [
            {"file_id": f"{unique}s", "file_unique_id": f"{unique}s", "width": 90, "height": 67},
            {"file_id": unique, "file_unique_id": unique, "width": 1280, "height": 960},
        ]
        extra: JSONDict = {"photo": sizes}
        if caption is not None:
            extra["caption"] = caption
        return await self._send_message(extra)

    async def send_document(
        self,
        file_name: str = "notes.csv",
        data: bytes = b"date,km\n2026-01-05,8\n",
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> Update:
        """Send a file (only its description travels: the bot sees what Telegram shows)."""
        unique = f"document{self.api.next_update_id()}"
        document: JSONDict = {
            "file_id": unique,
            "file_unique_id": unique,
            "file_name": file_name,
            "mime_type": mime_type or mimetypes.guess_type(file_name)[0] or DEFAULT_MIME,
            "file_size": len(data),
        }
        extra: JSONDict = {"document": document}
        if caption is not None:
            extra["caption"] = caption
        return await self._send_message(extra)

    async def send_voice(self, duration: int = 3) -> Update:
        """Send a voice message of ``duration`` seconds."""
        unique = f"voice{self.api.next_update_id()}"
        voice = {
            "file_id": unique,
            "file_unique_id": unique,
            "duration": duration,
            "mime_type": "audio/ogg",
            "file_size": 1600 * duration,
        }
        return await self._send_message({"voice": voice})

    async def send_location(self, latitude: float = 52.52, longitude: float = 13.405) -> Update:
        """Share a location."""
        return await self._send_message(
            {"location": {"latitude": latitude, "longitude": longitude}}
        )

    # -- what the bot said -------------------------------------------------------------------

    @property
    def messages(self) -> list[StoredMessage]:
        """All bot messages in this chat, oldest first, in their current state."""
        return self.api.messages(self.chat_id)

    @property
    def last_message(self) -> StoredMessage:
        """The bot's newest message in this chat (text or media) in its current state."""
        return self.api.last_message(self.chat_id)

    @property
    def last_text(self) -> str:
        """What the user reads in the bot's newest message in this chat."""
        return self.api.last_message(self.chat_id).plain_text

    def mark(self) -> int:
        """A point in the conversation, for :meth:`texts_since`."""
        return self.api.sequence

    def sent_since(self, mark: int) -> list[StoredMessage]:
        """Bot messages sent to this chat after ``mark`` (and not deleted since)."""
        return [m for m in self.messages if m.sent_seq > mark]

    def texts_since(self, mark: int) -> list[str]:
        """What the user reads in the bot messages sent after ``mark``."""
        return [message.plain_text for message in self.sent_since(mark)]

    @property
    def replies(self) -> list[StoredMessage]:
        """Bot messages sent in answer to the last action."""
        return self.sent_since(self._action_mark)

    @property
    def edits(self) -> list[StoredMessage]:
        """Earlier bot messages that were edited in answer to the last action."""
        mark = self._action_mark
        return [m for m in self.messages if m.sent_seq <= mark < m.updated_seq]

    # -- internals ---------------------------------------------------------------------------

    def _now(self) -> int:
        return int(self.api.now())

    async def _send_message(self, extra: JSONDict) -> Update:
        message: JSONDict = {
            "message_id": self.api.allocate_message_id(self.chat_id),
            "date": self._now(),
            "chat": dict(self.chat),
            "from": dict(self.user),
            **extra,
        }
        return await self._process({"message": message})

    async def _press(self, message: JSONDict, data: str) -> Update:
        update_id = self.api.next_update_id()
        query = {
            "id": f"{self.user_id}-{update_id}",
            "from": dict(self.user),
            "chat_instance": f"instance{self.chat_id}",
            "message": message,
            "data": data,
        }
        return await self._process({"callback_query": query}, update_id)

    async def _process(self, payload: JSONDict, update_id: int | None = None) -> Update:
        if update_id is None:
            update_id = self.api.next_update_id()
        bot = self.application.bot
        update = Update.de_json({"update_id": update_id, **payload}, bot)
        if isinstance(bot, ExtBot):
            # Resolve arbitrary callback data the way polling and webhooks do.
            bot.insert_callback_data(update)
        self._action_mark = self.api.sequence
        await self.application.process_update(update)
        return update
