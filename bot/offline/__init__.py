"""Run the real bot with no network: a fake Bot API edge and a scripted Telegram user.

:class:`FakeBotApi` (``api.py``) is Telegram as the bot sees it, put together from one module
per concept: ``transport.py`` (the ``BaseRequest`` edge, :class:`ApiCall` records, faults
striking), ``faults.py`` (``fail_next`` and the seeded ``inject_faults``), ``errors.py``
(Telegram's error words and limits), ``html.py`` (Telegram HTML, entities, UTF-16 lengths),
``state.py`` (chats, :class:`StoredMessage`), ``files.py`` (uploads and file ids),
``messages.py`` (send, edit, delete), ``profile.py`` (commands and descriptions per language)
and ``updates.py`` (``getUpdates``). :class:`ChatDriver` (``driver.py``) is the user;
``http.py`` serves the same fake over loopback HTTP for end-to-end tests.
"""

from bot.offline.api import BOT_USER, FakeBotApi
from bot.offline.driver import ChatDriver
from bot.offline.errors import ApiError
from bot.offline.faults import Fault, FaultKind, FaultPlan, RandomFaultKind
from bot.offline.files import MediaKind, PhotoSize, StoredFile, Upload
from bot.offline.html import Rendered, render_text, utf16_len
from bot.offline.state import InlineButton, MessageKind, StoredMessage
from bot.offline.transport import ApiCall

__all__ = [
    "BOT_USER",
    "ApiCall",
    "ApiError",
    "ChatDriver",
    "FakeBotApi",
    "Fault",
    "FaultKind",
    "FaultPlan",
    "InlineButton",
    "MediaKind",
    "MessageKind",
    "PhotoSize",
    "RandomFaultKind",
    "Rendered",
    "StoredFile",
    "StoredMessage",
    "Upload",
    "render_text",
    "utf16_len",
]
