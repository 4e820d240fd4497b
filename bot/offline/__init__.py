"""Run the real bot with no network: a fake Bot API edge and a scripted Telegram user."""

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
