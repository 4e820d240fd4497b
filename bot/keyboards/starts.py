"""The buttons under a held session: what the rules still offer.

``go:light`` starts the taper's light session (or an easy one in the race recovery);
``go:now:ok`` and ``go:light:ok`` start one the spacing rule held, because the runner
insists. Each press goes through the same gate again, against what is stored.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import pack
from bot.flows.starts import StartHold
from bot.i18n import pgettext
from content.starts import Hold

CONFIRM = "ok"


def hold_buttons(hold: StartHold) -> InlineKeyboardMarkup | None:
    code = hold.hold
    if code is Hold.TAPER:
        return _one(pgettext("start button", "Light session"), pack("go", "light"))
    if code is Hold.RECOVERY:
        return _one(pgettext("start button", "Easy session"), pack("go", "light"))
    if code.confirmable:
        kind = "light" if hold.light else "now"
        return _one(pgettext("start button", "Start anyway"), pack("go", kind, CONFIRM))
    return None


def _one(label: str, data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, callback_data=data)]])
