"""The console shows media messages as a bracketed label and the caption, buttons below."""

from __future__ import annotations

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from bot.console import render
from bot.offline import FakeBotApi
from tests.offline.media import gif_bytes, png_bytes

TOKEN = "123:ABC"


async def test_pictures_animations_and_documents_are_labelled() -> None:
    api = FakeBotApi()
    buttons = InlineKeyboardMarkup([[InlineKeyboardButton("Next", callback_data="next")]])
    async with Bot(TOKEN, request=api) as bot:
        await bot.send_photo(
            7, png_bytes(), caption="<b>Week 3</b>\nkeep going", parse_mode="HTML"
        )
        await bot.send_animation(7, gif_bytes(), reply_markup=buttons)
        await bot.send_document(7, b"x" * 12_300, filename="runs.csv", caption="Your runs")
        await bot.send_document(7, b"x" * 300, filename="tiny.txt")

    photo, animation, big, small = (render(m) for m in api.messages(7))

    assert photo == "bot: [picture] Week 3\n     keep going\n"
    assert animation == "bot: [animation]\n     [Next]\n"
    assert big == "bot: [document: runs.csv, 12 KB] Your runs\n"
    assert small == "bot: [document: tiny.txt, 300 B]\n"
