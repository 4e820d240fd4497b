"""The buttons under /deletedata: Delete everything, and Cancel.

Callback data is ``del:<Telegram user id>:<runner id>:<offered at, Unix minutes>:<y|n>``.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import pack, to_int, unpack
from bot.flows.erase import Confirmation
from bot.texts import privacy as texts

TOPIC = "del"
YES, NO = "y", "n"


def confirm(confirmation: Confirmation) -> InlineKeyboardMarkup:
    def button(label: str, answer: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            label,
            callback_data=pack(
                TOPIC,
                confirmation.telegram_user_id,
                confirmation.runner_id,
                confirmation.offered_minute,
                answer,
            ),
        )

    return InlineKeyboardMarkup(
        [[button(texts.delete_label(), YES)], [button(texts.cancel_label(), NO)]]
    )


def parse(data: str | None) -> tuple[Confirmation, bool] | None:
    """The confirmation a press carries and whether it said yes; None when malformed."""
    fields = unpack(data, TOPIC, 4)
    if fields is None or fields[3] not in (YES, NO):
        return None
    user, runner, minute = (to_int(field) for field in fields[:3])
    if user is None or runner is None or minute is None:
        return None
    return Confirmation(user, runner, minute), fields[3] == YES
