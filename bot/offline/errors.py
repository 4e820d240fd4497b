"""Telegram's refusals: the error answer, Telegram's own words for it, and the limits behind it.

The descriptions are the strings Telegram sends, so a bot that matches on them (PTB strips
"Bad Request: " and capitalises the rest when it raises) behaves the same against the fake.
Limits on text are counted the way Telegram counts them: in UTF-16 code units, after the
entities (HTML tags) have been parsed away.
"""

from __future__ import annotations

from typing import Any, Final

JSONDict = dict[str, Any]


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


def bad_request(description: str) -> ApiError:
    """A 400 answer; ``description`` already carries Telegram's "Bad Request: " prefix."""
    return ApiError(400, description)


# -- limits -------------------------------------------------------------------------------------

MAX_TEXT: Final = 4096
MAX_CAPTION: Final = 1024
MAX_CALLBACK_ANSWER: Final = 200
MAX_CALLBACK_DATA_BYTES: Final = 64
MAX_UPLOAD_BYTES: Final = 50 * 1024 * 1024  # the Bot API's cap on any multipart upload
MAX_DESCRIPTION: Final = 512
MAX_SHORT_DESCRIPTION: Final = 120
MAX_COMMANDS: Final = 100
MAX_COMMAND_DESCRIPTION: Final = 256
MAX_PHOTO_SIDES: Final = 10_000  # width + height
MAX_PHOTO_RATIO: Final = 20

# -- descriptions -------------------------------------------------------------------------------

NOT_MODIFIED: Final = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
EDIT_NOT_FOUND: Final = "Bad Request: message to edit not found"
DELETE_NOT_FOUND: Final = "Bad Request: message to delete not found"
CHAT_NOT_FOUND: Final = "Bad Request: chat not found"
BLOCKED: Final = "Forbidden: bot was blocked by the user"
QUERY_TOO_OLD: Final = (
    "Bad Request: query is too old and response timeout expired or query ID is invalid"
)
WEBHOOK_CONFLICT: Final = (
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to "
    "delete the webhook first"
)
TEXT_EMPTY: Final = "Bad Request: message text is empty"
TEXT_TOO_LONG: Final = "Bad Request: message is too long"
CAPTION_TOO_LONG: Final = "Bad Request: message caption is too long"
ANSWER_TOO_LONG: Final = "Bad Request: MESSAGE_TOO_LONG"
BUTTON_DATA_INVALID: Final = "Bad Request: BUTTON_DATA_INVALID"
TEXT_BUTTONS_UNALLOWED: Final = "Bad Request: text buttons are unallowed in the inline keyboard"
NO_TEXT_TO_EDIT: Final = "Bad Request: there is no text in the message to edit"
NO_CAPTION_TO_EDIT: Final = "Bad Request: there is no caption in the message to edit"
NO_MEDIA_TO_EDIT: Final = "Bad Request: there is no media in the message to edit"
WRONG_FILE: Final = "Bad Request: wrong file identifier/HTTP URL specified"
FILE_TYPE_MISMATCH: Final = "Bad Request: type of file mismatch"
IMAGE_PROCESS_FAILED: Final = "Bad Request: IMAGE_PROCESS_FAILED"
PHOTO_INVALID_DIMENSIONS: Final = "Bad Request: PHOTO_INVALID_DIMENSIONS"
TOO_LARGE: Final = "Request Entity Too Large"  # HTTP 413, no "Bad Request: " prefix
DESCRIPTION_TOO_LONG: Final = "Bad Request: description is too long"
# Not confirmed against Telegram (its answer was not found in public sources); same pattern.
SHORT_DESCRIPTION_TOO_LONG: Final = "Bad Request: short description is too long"
LANGUAGE_CODE_INVALID: Final = "Bad Request: LANGUAGE_CODE_INVALID"
COMMAND_INVALID: Final = "Bad Request: BOT_COMMAND_INVALID"
COMMAND_DESCRIPTION_INVALID: Final = "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID"
TOO_MANY_COMMANDS: Final = "Bad Request: too many commands specified"
