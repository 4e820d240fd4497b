"""The message methods: send, edit and delete text and media, answer button presses.

These enforce what Telegram enforces and bots most often trip over: text and caption limits
counted after entity parsing in UTF-16 code units, empty text, edits that change nothing
("message is not modified"), edits that drop the inline keyboard when none is passed, the
wrong edit method for the kind of message, oversized callback data and callback answers,
blocked users and double-answered callback queries.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Mapping
from typing import Any

from bot.offline.errors import (
    ANSWER_TOO_LONG,
    BUTTON_DATA_INVALID,
    CAPTION_TOO_LONG,
    DELETE_NOT_FOUND,
    EDIT_NOT_FOUND,
    MAX_CALLBACK_ANSWER,
    MAX_CALLBACK_DATA_BYTES,
    MAX_CAPTION,
    MAX_TEXT,
    NO_CAPTION_TO_EDIT,
    NO_MEDIA_TO_EDIT,
    NO_TEXT_TO_EDIT,
    NOT_MODIFIED,
    QUERY_TOO_OLD,
    TEXT_BUTTONS_UNALLOWED,
    TEXT_EMPTY,
    TEXT_TOO_LONG,
    JSONDict,
    bad_request,
)
from bot.offline.files import FileStore, MediaKind, Upload
from bot.offline.html import Rendered, render, utf16_len
from bot.offline.state import Chats, StoredMessage

log = logging.getLogger(__name__)

Uploads = Mapping[str, Upload]
Handler = Callable[[JSONDict, Uploads], object]


def inline_markup(markup: object) -> JSONDict | None:
    """Keep only a non-empty inline keyboard: that is all a sent message carries."""
    if not isinstance(markup, dict):
        return None
    rows = markup.get("inline_keyboard")
    if not rows or not any(rows):
        return None
    for row in rows:
        for button in row:
            if set(button) <= {"text"}:
                raise bad_request(TEXT_BUTTONS_UNALLOWED)
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES:
                raise bad_request(BUTTON_DATA_INVALID)
    return markup


def checked_text(params: JSONDict) -> tuple[str, Rendered]:
    """A message text as sent and as rendered; refused if empty or over 4096 units."""
    text = str(params.get("text", ""))
    rendered = render(text, params.get("parse_mode"), params.get("entities"))
    if not rendered.text.strip():
        raise bad_request(TEXT_EMPTY)
    if rendered.length > MAX_TEXT:
        raise bad_request(TEXT_TOO_LONG)
    return text, rendered


def checked_caption(source: Mapping[str, Any]) -> tuple[str | None, Rendered]:
    """A caption as sent and as rendered; refused if over 1024 units."""
    caption = source.get("caption")
    caption = None if caption is None else str(caption)
    rendered = render(caption or "", source.get("parse_mode"), source.get("caption_entities"))
    if rendered.length > MAX_CAPTION:
        raise bad_request(CAPTION_TOO_LONG)
    return caption, rendered


def _explicit(params: Mapping[str, Any], name: str) -> tuple[JSONDict, ...] | None:
    entities = params.get(name)
    return tuple(entities) if entities and params.get("parse_mode") is None else None


class MessageMethods:
    """sendMessage, sendPhoto/Animation/Document, the edits, deleteMessage and friends."""

    def __init__(self, chats: Chats, files: FileStore, now: Callable[[], int]) -> None:
        self._chats = chats
        self._files = files
        self._now = now
        self._answered_queries: set[str] = set()

    def handlers(self) -> dict[str, Handler]:
        """The Bot API methods answered here, by lower-case method name."""
        return {
            "sendmessage": lambda params, _uploads: self._send_message(params),
            "sendphoto": self._media_sender(MediaKind.PHOTO),
            "sendanimation": self._media_sender(MediaKind.ANIMATION),
            "senddocument": self._media_sender(MediaKind.DOCUMENT),
            "editmessagetext": lambda params, _uploads: self._edit_text(params),
            "editmessagecaption": lambda params, _uploads: self._edit_caption(params),
            "editmessagemedia": self._edit_media,
            "editmessagereplymarkup": lambda params, _uploads: self._edit_markup(params),
            "deletemessage": lambda params, _uploads: self._delete(params),
            "answercallbackquery": lambda params, _uploads: self._answer_query(params),
            "sendchataction": lambda params, _uploads: self._send_chat_action(params),
        }

    # -- sending -----------------------------------------------------------------------------

    def _new_message(self, params: JSONDict) -> StoredMessage:
        chat = self._chats.target(params, sending=True)
        chat_id = int(chat.data["id"])
        return StoredMessage(
            chat_id=chat_id,
            message_id=self._chats.allocate_message_id(chat_id),
            date=self._now(),
        )

    def _send_message(self, params: JSONDict) -> StoredMessage:
        self._chats.target(params, sending=True)
        text, _rendered = checked_text(params)
        markup = inline_markup(params.get("reply_markup"))
        message = self._new_message(params)
        message.text, message.parse_mode = text, params.get("parse_mode")
        message.entities, message.reply_markup = _explicit(params, "entities"), markup
        self._chats.store(message)
        return message

    def _media_sender(self, kind: MediaKind) -> Handler:
        def send(params: JSONDict, uploads: Uploads) -> StoredMessage:
            self._chats.target(params, sending=True)
            caption, _rendered = checked_caption(params)
            markup = inline_markup(params.get("reply_markup"))
            file, upload = self._files.resolve(kind, params.get(kind.value), uploads, kind.value)
            message = self._new_message(params)
            message.caption, message.parse_mode = caption, params.get("parse_mode")
            message.entities = _explicit(params, "caption_entities")
            message.reply_markup, message.file = markup, file
            message.upload = upload.data if upload is not None else None
            self._chats.store(message)
            return message

        return send

    # -- editing -----------------------------------------------------------------------------

    def _to_edit(self, params: JSONDict) -> StoredMessage:
        if "inline_message_id" in params:
            raise bad_request("Bad Request: inline messages are not supported by FakeBotApi")
        chat = self._chats.target(params, sending=False)
        message = chat.messages.get(int(params.get("message_id", 0)))
        if message is None:
            raise bad_request(EDIT_NOT_FOUND)
        return message

    def _apply(self, message: StoredMessage, **changes: Any) -> StoredMessage:
        """Change a message as Telegram does, refusing an edit the user could not see."""
        if dataclasses.replace(message, **changes).appearance() == message.appearance():
            raise bad_request(NOT_MODIFIED)
        for name, value in changes.items():
            setattr(message, name, value)
        message.edit_date = self._now()
        message.updated_seq = self._chats.bump()
        return message

    def _edit_text(self, params: JSONDict) -> StoredMessage:
        message = self._to_edit(params)
        if message.file is not None:
            raise bad_request(NO_TEXT_TO_EDIT)
        text, _rendered = checked_text(params)
        # Like Telegram: an edit without reply_markup removes the inline keyboard.
        return self._apply(
            message,
            text=text,
            parse_mode=params.get("parse_mode"),
            entities=_explicit(params, "entities"),
            reply_markup=inline_markup(params.get("reply_markup")),
        )

    def _edit_caption(self, params: JSONDict) -> StoredMessage:
        message = self._to_edit(params)
        if message.file is None:
            raise bad_request(NO_CAPTION_TO_EDIT)
        caption, _rendered = checked_caption(params)
        return self._apply(
            message,
            caption=caption,
            parse_mode=params.get("parse_mode"),
            entities=_explicit(params, "caption_entities"),
            reply_markup=inline_markup(params.get("reply_markup")),
        )

    def _edit_media(self, params: JSONDict, uploads: Uploads) -> StoredMessage:
        message = self._to_edit(params)
        if message.file is None:
            raise bad_request(NO_MEDIA_TO_EDIT)
        media = params.get("media")
        if not isinstance(media, dict):
            raise bad_request("Bad Request: can't parse InputMedia: media is not an object")
        try:
            kind = MediaKind(str(media.get("type")))
        except ValueError:
            log.warning("FakeBotApi does not support media of type %r", media.get("type"))
            raise bad_request(f"Bad Request: unsupported media type {media.get('type')}") from None
        caption, _rendered = checked_caption(media)
        markup = inline_markup(params.get("reply_markup"))
        file, upload = self._files.resolve(kind, media.get("media"), uploads, None)
        return self._apply(
            message,
            file=file,
            upload=upload.data if upload is not None else None,
            caption=caption,
            parse_mode=media.get("parse_mode"),
            entities=_explicit(media, "caption_entities"),
            reply_markup=markup,
        )

    def _edit_markup(self, params: JSONDict) -> StoredMessage:
        message = self._to_edit(params)
        return self._apply(message, reply_markup=inline_markup(params.get("reply_markup")))

    def _delete(self, params: JSONDict) -> bool:
        chat = self._chats.target(params, sending=False)
        if chat.messages.pop(int(params.get("message_id", 0)), None) is None:
            raise bad_request(DELETE_NOT_FOUND)
        self._chats.bump()
        return True

    # -- the rest ----------------------------------------------------------------------------

    def _answer_query(self, params: JSONDict) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if not query_id or query_id in self._answered_queries:
            raise bad_request(QUERY_TOO_OLD)
        if utf16_len(str(params.get("text") or "")) > MAX_CALLBACK_ANSWER:
            raise bad_request(ANSWER_TOO_LONG)
        self._answered_queries.add(query_id)
        return True

    def _send_chat_action(self, params: JSONDict) -> bool:
        self._chats.target(params, sending=True)
        return True
