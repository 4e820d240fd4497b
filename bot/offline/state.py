"""What the fake Telegram remembers about chats: their messages, ids and the event sequence.

Message ids count per chat, shared by the user's and the bot's messages, as in a private chat.
Every send, edit and delete takes the next number of one sequence, so a driver can tell what
changed since a mark without comparing message contents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.offline.errors import BLOCKED, CHAT_NOT_FOUND, ApiError, JSONDict, bad_request
from bot.offline.files import StoredFile
from bot.offline.html import Rendered, render


class MessageKind(StrEnum):
    """What a bot message shows: text, or a file with an optional caption."""

    TEXT = "text"
    PHOTO = "photo"
    ANIMATION = "animation"
    DOCUMENT = "document"


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
    user reads (the text, or the caption of a media message). ``file`` is the media a media
    message shows and ``upload`` the bytes the bot uploaded for it, ``None`` when it was sent
    by file id. ``sent_seq``/``updated_seq`` are positions in the fake's event sequence, which
    lets a driver tell what was sent or edited since some mark.
    """

    chat_id: int
    message_id: int
    date: int
    text: str | None = None
    parse_mode: str | None = None
    reply_markup: JSONDict | None = None
    caption: str | None = None
    edit_date: int | None = None
    sent_seq: int = 0
    updated_seq: int = 0
    file: StoredFile | None = None
    upload: bytes | None = None
    entities: tuple[JSONDict, ...] | None = None  # sent explicitly, without a parse mode

    @property
    def kind(self) -> MessageKind:
        """Text, or the kind of media the message shows."""
        return MessageKind.TEXT if self.file is None else MessageKind(self.file.kind.value)

    @property
    def rendered(self) -> Rendered:
        """The text (or caption) as Telegram shows it, with its entities."""
        raw = self.text if self.file is None else self.caption
        return render(raw or "", self.parse_mode, self.entities)

    @property
    def plain_text(self) -> str:
        """The text (or media caption) with HTML markup removed, as the user reads it."""
        return self.rendered.text

    @property
    def plain_caption(self) -> str | None:
        """A media message's caption as the user reads it; ``None`` for text or no caption."""
        if self.file is None or not self.caption:
            return None
        return self.rendered.text

    @property
    def file_id(self) -> str | None:
        return self.file.file_id if self.file else None

    @property
    def file_name(self) -> str | None:
        return self.file.file_name if self.file else None

    @property
    def mime_type(self) -> str | None:
        return self.file.mime_type if self.file else None

    @property
    def file_size(self) -> int | None:
        return self.file.file_size if self.file else None

    @property
    def photo(self) -> str | None:
        """The photo's file id, for a photo message."""
        return self.file_id if self.kind is MessageKind.PHOTO else None

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

    def appearance(self) -> tuple[object, ...]:
        """What the user sees; an edit that leaves it unchanged is "not modified"."""
        unique_id = self.file.file_unique_id if self.file else None
        return (unique_id, self.rendered, self.reply_markup)


@dataclass
class Chat:
    data: JSONDict
    blocked: bool = False
    next_message_id: int = 1
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    menu_button: JSONDict | None = None


class Chats:
    """Every chat the fake has seen, created on first mention like Telegram's view of them."""

    def __init__(self) -> None:
        self._chats: dict[int, Chat] = {}
        self.sequence = 0

    def get(self, chat_id: int) -> Chat:
        chat = self._chats.get(chat_id)
        if chat is None:
            data: JSONDict = (
                {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}
                if chat_id > 0
                else {"id": chat_id, "type": "group", "title": f"Group {chat_id}"}
            )
            chat = self._chats[chat_id] = Chat(data)
        return chat

    def find(self, chat_id: int) -> Chat | None:
        return self._chats.get(chat_id)

    def target(self, params: JSONDict, *, sending: bool) -> Chat:
        """The chat a request names; 403 when sending to a user who blocked the bot."""
        try:
            chat = self.get(int(str(params.get("chat_id"))))
        except ValueError:
            raise bad_request(CHAT_NOT_FOUND) from None
        if sending and chat.blocked:
            raise ApiError(403, BLOCKED)
        return chat

    def allocate_message_id(self, chat_id: int) -> int:
        chat = self.get(chat_id)
        message_id = chat.next_message_id
        chat.next_message_id += 1
        return message_id

    def bump(self) -> int:
        """The next position in the event sequence."""
        self.sequence += 1
        return self.sequence

    def store(self, message: StoredMessage) -> None:
        message.sent_seq = message.updated_seq = self.bump()
        self.get(message.chat_id).messages[message.message_id] = message

    def messages(self, chat_id: int) -> list[StoredMessage]:
        chat = self._chats.get(chat_id)
        return sorted(chat.messages.values(), key=lambda m: m.message_id) if chat else []

    def message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        chat = self._chats.get(chat_id)
        return chat.messages.get(message_id) if chat else None


def message_dict(message: StoredMessage, chat: JSONDict, sender: JSONDict) -> JSONDict:
    """A stored message as the Telegram ``Message`` object PTB would receive."""
    data: JSONDict = {
        "message_id": message.message_id,
        "date": message.date,
        "chat": dict(chat),
        "from": dict(sender),
    }
    rendered = message.rendered
    if message.file is None:
        data["text"] = rendered.text
        if rendered.entities:
            data["entities"] = [dict(entity) for entity in rendered.entities]
    else:
        data.update(message.file.message_fields())
        if rendered.text:
            data["caption"] = rendered.text
            if rendered.entities:
                data["caption_entities"] = [dict(entity) for entity in rendered.entities]
    if message.reply_markup is not None:
        data["reply_markup"] = message.reply_markup
    if message.edit_date is not None:
        data["edit_date"] = message.edit_date
    return data
