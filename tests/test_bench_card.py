"""The bare handler of ``bench taps`` draws a card of the shape the runner sees.

Its ratio is legcoach's cost over a handler that only answers the press and edits the card
(docs/PERFORMANCE.md): that handler's card must stay the card a runner gets between two
sets, or the baseline measures a smaller message than the real one. The card grew once
(the Fewer button, the rest line) while the baseline kept the old one; this keeps them in
step.
"""

from __future__ import annotations

import asyncio

from telegram import Bot

from bench.taps import CARD, TOKEN, _card_keyboard
from bot.offline import FakeBotApi
from bot.offline.html import render
from tests.factories import onboard
from tests.harness import BotHarness


async def test_the_bare_handler_draws_the_card_a_runner_sees_between_sets(
    bot: BotHarness,
) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    await runner.press("Done")
    real = bot.api.last_message(runner.chat_id)
    assert "Set 2 of" in real.plain_text  # between two sets: the steady-state card

    bare = CARD.format(n=2)
    real_lines = real.plain_text.split("\n")
    bare_lines = render(bare, "HTML").text.split("\n")
    assert len(bare_lines) == len(real_lines)
    assert abs(len(bare) - len(real.text or "")) <= 0.2 * len(real.text or "")
    # the same buttons in the same rows (labels in English, as the bench's runner reads)
    assert [[b.label for b in row] for row in real.buttons] == [
        [button.text for button in row] for row in _card_keyboard(2, "card").inline_keyboard
    ]


def test_the_bare_card_is_valid_telegram_html() -> None:
    async def edit() -> str:
        api = FakeBotApi()
        async with Bot(TOKEN, request=api) as telegram:
            sent = await telegram.send_message(42, "Set 0")
            edited = await telegram.edit_message_text(
                CARD.format(n=1),
                42,
                sent.message_id,
                parse_mode="HTML",
                reply_markup=_card_keyboard(1, "card"),
            )
        assert not isinstance(edited, bool)
        return edited.text or ""

    assert asyncio.run(edit()).startswith("1/6 Squat jump")
