"""Run the real bot with no network: a fake Bot API edge and a scripted Telegram user."""

from bot.offline.api import (
    BOT_USER,
    ApiCall,
    ApiError,
    FakeBotApi,
    FaultKind,
    InlineButton,
    StoredMessage,
)
from bot.offline.driver import ChatDriver

__all__ = [
    "BOT_USER",
    "ApiCall",
    "ApiError",
    "ChatDriver",
    "FakeBotApi",
    "FaultKind",
    "InlineButton",
    "StoredMessage",
]
