"""The buttons under a leg-day message.

Callback data is ``ld:<reminder id>:<action>``; the handler checks that the reminder belongs
to the runner who pressed and that it has not been answered already. A runner with sore areas
is asked about each first: Better / Same / Worse rows above Start (``bot.keyboards.safety``).
"""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import pack
from bot.flows.schedule import LegDayAction
from bot.i18n import _
from bot.keyboards.safety import pain_rows
from content.model import Area

START, SNOOZE, SKIP, MOVE = (
    LegDayAction.START,
    LegDayAction.SNOOZE,
    LegDayAction.SKIP,
    LegDayAction.MOVE,
)
ACTIONS = frozenset(LegDayAction)


def leg_day(
    reminder_id: int, *, can_move: bool, ask: Sequence[Area] = (), named: bool | None = None
) -> InlineKeyboardMarkup:
    """Start / Snooze 1 h / Skip today, and Move to tomorrow when the rules allow it; the
    Better / Same / Worse rows of the sore areas ``ask`` names above them."""

    def button(label: str, action: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=pack("ld", reminder_id, action))

    rows = [
        *pain_rows(reminder_id, ask, named=named),
        [button(_("Start ▶️"), START)],
        [button(_("Snooze 1 h ⏰"), SNOOZE), button(_("Skip today"), SKIP)],
    ]
    if can_move:
        rows.append([button(_("Move to tomorrow ➡️"), MOVE)])
    return InlineKeyboardMarkup(rows)
