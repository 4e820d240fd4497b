"""Media: uploads versus file ids, Telegram's file objects, captions, media edits, keyboards."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaAnimation,
    InputMediaDocument,
    InputMediaPhoto,
    MessageEntity,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest
from telegram.ext import Application, ApplicationBuilder, CallbackQueryHandler, CommandHandler
from telegram.ext import ContextTypes as Ctx

from bot.offline import ChatDriver, FakeBotApi, MediaKind, MessageKind
from tests.offline.conftest import TOKEN
from tests.offline.media import gif_bytes, png_bytes

App = Application[Any, Any, Any, Any, Any, Any]


def keyboard(*labels: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=label.lower()) for label in labels]]
    )


# -- uploads and file ids ---------------------------------------------------------------------


async def test_an_uploaded_photo_gets_new_ids_and_its_real_sizes(
    bot: Bot, api: FakeBotApi
) -> None:
    data = png_bytes(2000, 1000)

    sent = await bot.send_photo(7, data)

    sizes = [(size.width, size.height) for size in sent.photo]
    assert sizes == [(90, 45), (320, 160), (800, 400), (1280, 640)]
    assert len({size.file_id for size in sent.photo}) == 4
    assert len({size.file_unique_id for size in sent.photo}) == 4
    largest = sent.photo[-1]
    assert largest.file_id.startswith("AgAC") and len(largest.file_id) > 40
    stored = api.last_message(7)
    assert (stored.kind, stored.file_id, stored.upload) == (
        MessageKind.PHOTO,
        largest.file_id,
        data,
    )
    call = api.calls_to("sendPhoto")[0]
    assert call.uploaded and call.uploads[0].data == data


async def test_a_small_photo_keeps_one_size(bot: Bot) -> None:
    sent = await bot.send_photo(7, png_bytes(64, 48))

    assert [(size.width, size.height) for size in sent.photo] == [(64, 48)]


async def test_sending_again_by_file_id_reuses_the_file_without_bytes(
    bot: Bot, api: FakeBotApi
) -> None:
    first = await bot.send_photo(7, png_bytes())
    file_id = first.photo[-1].file_id

    second = await bot.send_photo(8, file_id, caption="Again")

    assert second.photo[-1].file_id == file_id
    assert second.photo[-1].file_unique_id == first.photo[-1].file_unique_id
    first_call, second_call = api.calls_to("sendPhoto")
    assert (first_call.uploaded, second_call.uploaded) == (True, False)
    assert second_call.params["photo"] == file_id
    again = api.last_message(8)
    assert again.upload is None
    assert again.file is not None and again.file.data == png_bytes()


async def test_the_upload_name_is_kept_for_developers_but_not_shown_to_the_bot(
    bot: Bot, api: FakeBotApi
) -> None:
    first = await bot.send_photo(7, png_bytes(), filename="squat.3f9a.png")
    await bot.send_photo(8, first.photo[-1].file_id)
    loop = await bot.send_animation(7, gif_bytes(), filename="squat.3f9a.gif")

    assert [m.file.upload_name for m in api.messages(8) if m.file] == ["squat.3f9a.png"]
    assert api.last_message(7).file is not None
    assert api.last_message(7).file.upload_name == "squat.3f9a.gif"  # type: ignore[union-attr]
    # Telegram says nothing of a photo's name; an animation keeps it (as its MP4)
    assert "file_name" not in first.photo[-1].to_dict()
    assert loop.animation is not None and loop.animation.file_name == "squat.3f9a.gif.mp4"


async def test_an_unknown_file_id_is_a_wrong_file_identifier(bot: Bot, api: FakeBotApi) -> None:
    with pytest.raises(BadRequest, match=r"^Wrong file identifier/http url specified$"):
        await bot.send_photo(7, "AgACAgIAAxkBAAIunknown")
    with pytest.raises(BadRequest, match=r"^Wrong file identifier/http url specified$"):
        await bot.send_document(7, "BQACAgIAAxkBAAIunknown")

    assert api.messages(7) == []
    assert api.calls[-1].description == "Bad Request: wrong file identifier/HTTP URL specified"


async def test_a_file_id_of_another_kind_is_a_type_mismatch(bot: Bot) -> None:
    photo = await bot.send_photo(7, png_bytes())

    with pytest.raises(BadRequest, match=r"^Type of file mismatch$"):
        await bot.send_document(7, photo.photo[-1].file_id)


async def test_a_photo_telegram_cannot_decode_is_refused(bot: Bot, api: FakeBotApi) -> None:
    with pytest.raises(BadRequest, match=r"^Image_process_failed$"):
        await bot.send_photo(7, b"\x89PNG not really")
    with pytest.raises(BadRequest, match=r"^Photo_invalid_dimensions$"):
        await bot.send_photo(7, png_bytes(2100, 100))

    assert api.messages(7) == []


async def test_a_gif_animation_comes_back_as_telegrams_mp4(bot: Bot, api: FakeBotApi) -> None:
    sent = await bot.send_animation(7, gif_bytes(40, 30), filename="week.gif", caption="Week 3")

    animation = sent.animation
    assert animation is not None
    assert (animation.width, animation.height, animation.duration.total_seconds()) == (40, 30, 1)
    assert (animation.file_name, animation.mime_type) == ("week.gif.mp4", "video/mp4")
    assert sent.document is not None and sent.document.file_id == animation.file_id
    again = await bot.send_animation(8, animation.file_id)
    assert again.animation is not None and again.animation.file_id == animation.file_id
    assert api.last_message(7).kind is MessageKind.ANIMATION


async def test_a_document_keeps_its_name_type_and_size(bot: Bot, api: FakeBotApi) -> None:
    data = b"date,km\n" * 1500

    sent = await bot.send_document(7, data, filename="runs.csv")

    document = sent.document
    assert document is not None
    assert (document.file_name, document.mime_type, document.file_size) == (
        "runs.csv",
        "text/csv",
        len(data),
    )
    stored = api.last_message(7)
    assert (stored.file_name, stored.mime_type, stored.upload) == ("runs.csv", "text/csv", data)
    by_id = await bot.send_document(7, document.file_id)
    assert by_id.document is not None and by_id.document.file_name == "runs.csv"


async def test_a_file_kept_from_before_can_be_sent_by_id(bot: Bot, api: FakeBotApi) -> None:
    kept = api.add_file(MediaKind.DOCUMENT, b"plan", file_name="plan.txt", mime_type="text/plain")

    sent = await bot.send_document(7, kept.file_id)

    assert sent.document is not None and sent.document.file_name == "plan.txt"
    assert api.file(kept.file_id) == kept


async def test_a_url_is_fetched_by_telegram_and_gets_a_file_id(bot: Bot) -> None:
    sent = await bot.send_document(7, "https://example.org/files/guide.pdf")

    assert sent.document is not None and sent.document.file_name == "guide.pdf"
    again = await bot.send_document(8, sent.document.file_id)
    assert again.document is not None


# -- captions ---------------------------------------------------------------------------------


async def test_captions_render_html_like_text_and_carry_entities(
    bot: Bot, api: FakeBotApi
) -> None:
    sent = await bot.send_photo(
        7, png_bytes(), caption="💪 <b>Week 3</b> &amp; up", parse_mode=ParseMode.HTML
    )

    assert sent.caption == "💪 Week 3 & up"
    assert sent.caption_entities == (MessageEntity("bold", offset=3, length=6),)
    stored = api.last_message(7)
    assert (stored.caption, stored.plain_caption, stored.plain_text) == (
        "💪 <b>Week 3</b> &amp; up",
        "💪 Week 3 & up",
        "💪 Week 3 & up",
    )
    with pytest.raises(BadRequest, match="parse entities"):
        await bot.send_photo(7, png_bytes(), caption="<b>open", parse_mode=ParseMode.HTML)


async def test_text_messages_carry_html_entities_in_utf16_units(bot: Bot) -> None:
    sent = await bot.send_message(
        7,
        '💪 <i>easy</i> <a href="https://example.org">guide</a>'
        '<pre><code class="language-python">x</code></pre>',
        parse_mode=ParseMode.HTML,
    )

    assert sent.text == "💪 easy guidex"
    assert sent.entities == (
        MessageEntity("italic", offset=3, length=4),
        MessageEntity("text_link", offset=8, length=5, url="https://example.org"),
        MessageEntity("pre", offset=13, length=1, language="python"),
    )


async def test_edit_caption_changes_it_and_drops_a_keyboard_not_passed_again(
    bot: Bot, api: FakeBotApi
) -> None:
    sent = await bot.send_photo(7, png_bytes(), caption="Before", reply_markup=keyboard("Go"))

    edited = await bot.edit_message_caption(
        7, sent.message_id, caption="<i>After</i>", parse_mode=ParseMode.HTML
    )

    assert not isinstance(edited, bool)
    assert edited.caption == "After" and edited.reply_markup is None
    assert edited.photo[-1].file_id == sent.photo[-1].file_id
    assert api.last_message(7).buttons == []
    with pytest.raises(BadRequest, match=r"^Message is not modified"):
        await bot.edit_message_caption(
            7, sent.message_id, caption="<em>After</em>", parse_mode=ParseMode.HTML
        )
    removed = await bot.edit_message_caption(7, sent.message_id)
    assert not isinstance(removed, bool) and removed.caption is None


async def test_edit_caption_of_a_text_message_is_refused(bot: Bot) -> None:
    sent = await bot.send_message(7, "text")

    with pytest.raises(BadRequest, match=r"^There is no caption in the message to edit$"):
        await bot.edit_message_caption(7, sent.message_id, caption="x")


# -- media edits ------------------------------------------------------------------------------


async def test_edit_media_swaps_in_an_upload_then_a_file_id(bot: Bot, api: FakeBotApi) -> None:
    first = await bot.send_photo(7, png_bytes(color="red"), reply_markup=keyboard("Next"))
    chart = png_bytes(color="blue")

    edited = await bot.edit_message_media(
        InputMediaPhoto(chart, caption="Week 2"),
        7,
        first.message_id,
        reply_markup=keyboard("Next"),
    )

    assert not isinstance(edited, bool)
    assert edited.photo[-1].file_id != first.photo[-1].file_id
    assert edited.caption == "Week 2"
    stored = api.last_message(7)
    assert (stored.upload, stored.button_labels) == (chart, ["Next"])
    assert api.calls_to("editMessageMedia")[0].uploaded

    back = await bot.edit_message_media(
        InputMediaPhoto(first.photo[-1].file_id), 7, first.message_id
    )

    assert not isinstance(back, bool) and back.photo[-1].file_id == first.photo[-1].file_id
    assert back.caption is None and back.reply_markup is None
    assert not api.calls_to("editMessageMedia")[1].uploaded
    assert api.last_message(7).upload is None


async def test_edit_media_can_change_the_kind(bot: Bot, api: FakeBotApi) -> None:
    sent = await bot.send_photo(7, png_bytes())

    await bot.edit_message_media(InputMediaAnimation(gif_bytes()), 7, sent.message_id)
    assert api.last_message(7).kind is MessageKind.ANIMATION
    await bot.edit_message_media(
        InputMediaDocument(b"a,b\n", filename="a.csv"), 7, sent.message_id
    )
    assert api.last_message(7).kind is MessageKind.DOCUMENT


async def test_edit_media_refuses_text_unknown_ids_and_no_change(bot: Bot) -> None:
    text = await bot.send_message(7, "text")
    photo = await bot.send_photo(7, png_bytes(), caption="c")
    file_id = photo.photo[-1].file_id

    with pytest.raises(BadRequest, match=r"^There is no media in the message to edit$"):
        await bot.edit_message_media(InputMediaPhoto(file_id), 7, text.message_id)
    with pytest.raises(BadRequest, match=r"^Wrong file identifier"):
        await bot.edit_message_media(InputMediaPhoto("AgACnope"), 7, photo.message_id)
    with pytest.raises(BadRequest, match=r"^Message is not modified"):
        await bot.edit_message_media(InputMediaPhoto(file_id, caption="c"), 7, photo.message_id)


async def test_media_messages_can_be_deleted_and_are_not_text_edited(
    bot: Bot, api: FakeBotApi
) -> None:
    sent = await bot.send_document(7, b"x", filename="x.txt")

    with pytest.raises(BadRequest, match="no text in the message to edit"):
        await bot.edit_message_text("x", chat_id=7, message_id=sent.message_id)
    assert await bot.delete_message(7, sent.message_id) is True
    assert api.messages(7) == []


# -- keyboards on media, through the application -------------------------------------------------


@pytest.fixture
async def chart_app(api: FakeBotApi) -> AsyncIterator[App]:
    """/chart sends a captioned picture with Prev/Next buttons; a press edits the caption."""

    async def chart(update: Update, _context: Ctx.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_photo(
            png_bytes(), caption="<b>Week 1</b>", parse_mode="HTML", reply_markup=keyboard("Next")
        )

    async def press(update: Update, _context: Ctx.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer()
        await query.edit_message_caption(f"pressed {query.data}", reply_markup=keyboard("Next"))

    application = ApplicationBuilder().token(TOKEN).request(api).get_updates_request(api).build()
    application.add_handler(CommandHandler("chart", chart))
    application.add_handler(CallbackQueryHandler(press))
    async with application:
        yield application


async def test_buttons_on_media_messages_can_be_found_and_pressed(
    chart_app: App, api: FakeBotApi
) -> None:
    runner = ChatDriver(chart_app, api, user_id=7)
    await runner.command("chart")
    first = runner.last_message
    await runner.command("chart")

    await runner.press("Next", message=first)

    assert runner.last_message.plain_caption == "Week 1"  # the newer chart is untouched
    assert api.message(7, first.message_id) == first
    assert first.plain_caption == "pressed next"
    assert [m.message_id for m in runner.edits] == [first.message_id]
    assert runner.last_message.kind is MessageKind.PHOTO
