"""Telegram's limits, counted like Telegram: UTF-16 code units, after entity parsing."""

from __future__ import annotations

import pytest
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError

from bot.offline import FakeBotApi, utf16_len
from tests.offline.media import png_bytes

MUSCLE = "💪"  # one character, two UTF-16 code units


def test_lengths_are_counted_in_utf16_code_units() -> None:
    assert (utf16_len("legs"), utf16_len(MUSCLE), utf16_len("é")) == (4, 2, 1)


async def test_text_of_4096_units_is_sent_and_4097_is_too_long(bot: Bot, api: FakeBotApi) -> None:
    await bot.send_message(7, "x" * 4096)
    await bot.send_message(7, f"<b>{'x' * 4096}</b>", parse_mode=ParseMode.HTML)  # tags are free

    with pytest.raises(BadRequest, match=r"^Message is too long$"):
        await bot.send_message(7, "x" * 4097)
    with pytest.raises(BadRequest, match=r"^Message is too long$"):
        await bot.send_message(7, MUSCLE * 2049)  # 2049 characters, 4098 units

    assert len(api.messages(7)) == 2
    assert api.calls_to("sendMessage")[-1].description == "Bad Request: message is too long"


async def test_an_edit_is_held_to_the_same_limit(bot: Bot, api: FakeBotApi) -> None:
    sent = await bot.send_message(7, "short")

    with pytest.raises(BadRequest, match=r"^Message is too long$"):
        await bot.edit_message_text(MUSCLE * 2049, chat_id=7, message_id=sent.message_id)

    assert api.texts(7) == ["short"]


@pytest.mark.parametrize(
    ("text", "parse_mode"), [("   ", None), ("\n", None), ("<b></b>", ParseMode.HTML)]
)
async def test_empty_text_is_refused_when_sent_or_edited(
    bot: Bot, api: FakeBotApi, text: str, parse_mode: str | None
) -> None:
    sent = await bot.send_message(7, "start")

    with pytest.raises(BadRequest, match=r"^Message text is empty$"):
        await bot.send_message(7, text, parse_mode=parse_mode)
    with pytest.raises(BadRequest, match=r"^Message text is empty$"):
        await bot.edit_message_text(
            text, chat_id=7, message_id=sent.message_id, parse_mode=parse_mode
        )

    assert api.texts(7) == ["start"]


async def test_captions_over_1024_units_are_too_long(bot: Bot, api: FakeBotApi) -> None:
    photo = await bot.send_photo(7, png_bytes(), caption="x" * 1024)

    with pytest.raises(BadRequest, match=r"^Message caption is too long$"):
        await bot.send_photo(7, photo.photo[-1].file_id, caption=MUSCLE * 513)
    with pytest.raises(BadRequest, match=r"^Message caption is too long$"):
        await bot.send_document(7, b"a,b\n", filename="a.csv", caption="x" * 1025)
    with pytest.raises(BadRequest, match=r"^Message caption is too long$"):
        await bot.edit_message_caption(7, photo.message_id, caption="y" * 1025)

    assert len(api.messages(7)) == 1
    assert api.last_message(7).plain_text == "x" * 1024


async def test_callback_answers_over_200_units_are_refused_and_may_be_retried(
    bot: Bot, api: FakeBotApi
) -> None:
    with pytest.raises(BadRequest, match=r"^Message_too_long$"):
        await bot.answer_callback_query("q1", text=MUSCLE * 101)

    assert await bot.answer_callback_query("q1", text="x" * 200) is True
    assert api.calls_to("answerCallbackQuery")[0].description == "Bad Request: MESSAGE_TOO_LONG"


@pytest.mark.parametrize("data", ["x" * 65, "é" * 33, ""])
async def test_callback_data_must_be_1_to_64_bytes(bot: Bot, data: str) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data=data)]])

    with pytest.raises(BadRequest, match=r"^Button_data_invalid$"):
        await bot.send_message(7, "go", reply_markup=markup)


async def test_uploads_over_50_mb_are_too_large(bot: Bot, api: FakeBotApi) -> None:
    limit = 50 * 1024 * 1024

    with pytest.raises(NetworkError, match=r"^Request Entity Too Large$"):
        await bot.send_document(7, bytes(limit + 1), filename="huge.bin")
    document = await bot.send_document(7, bytes(limit), filename="big.bin")

    assert api.calls_to("sendDocument")[0].status == 413
    assert document.document is not None and document.document.file_size == limit


async def test_descriptions_are_held_to_512_and_120_units(bot: Bot, api: FakeBotApi) -> None:
    await bot.set_my_description("d" * 512)
    await bot.set_my_short_description("s" * 120, language_code="de")

    with pytest.raises(BadRequest, match=r"^Description is too long$"):
        await bot.set_my_description(MUSCLE * 257)
    with pytest.raises(BadRequest, match=r"^Short description is too long$"):
        await bot.set_my_short_description("s" * 121, language_code="de")

    assert (api.description(), api.short_description("de")) == ("d" * 512, "s" * 120)


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (BotCommand("Start", "Begin"), r"^Bot_command_invalid$"),
        (BotCommand("x" * 33, "Begin"), r"^Bot_command_invalid$"),
        (BotCommand("start", "d" * 257), r"^Bot_command_description_invalid$"),
    ],
)
async def test_malformed_commands_are_refused(
    bot: Bot, api: FakeBotApi, command: BotCommand, message: str
) -> None:
    with pytest.raises(BadRequest, match=message):
        await bot.set_my_commands([command])

    assert api.commands() == []


async def test_a_bad_language_code_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"^Language_code_invalid$"):
        await bot.set_my_description("Hallo", language_code="deu")
