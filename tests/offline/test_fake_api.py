"""The fake Bot API edge and the chat driver, exercised through a real Bot and Application."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MaybeInaccessibleMessage,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    Conflict,
    EndPointNotFound,
    Forbidden,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.offline import BOT_USER, ChatDriver, FakeBotApi, InlineButton
from tests.offline.media import png_bytes

TOKEN = "123:ABC"
START = dtm.datetime(2025, 3, 3, 7, 0, tzinfo=dtm.UTC)
USER_ID = 4242

Ctx = ContextTypes.DEFAULT_TYPE
App = Application[Any, Any, Any, Any, Any, Any]


class FakeClock:
    """Unix seconds that move only when the test says so."""

    def __init__(self) -> None:
        self.value = START.timestamp()

    def __call__(self) -> float:
        return self.value


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def api(clock: FakeClock) -> FakeBotApi:
    return FakeBotApi(now=clock)


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(token=TOKEN, request=api, get_updates_request=api) as bot:
        yield bot


def pace_keyboard() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("Easy run", callback_data="pace:easy"),
                InlineKeyboardButton("Tempo", callback_data="pace:tempo"),
            ],
            [InlineKeyboardButton("Docs", url="https://example.org/legs")],
        ]
    )


class EchoBot:
    """A tiny bot: /echo, /menu with inline buttons, a callback handler, non-text messages."""

    def __init__(self) -> None:
        self.pressed: list[str | None] = []
        self.query_messages: list[MaybeInaccessibleMessage | None] = []
        self.received: list[str] = []

    async def echo(self, update: Update, context: Ctx) -> None:
        """Say the arguments back."""
        assert update.effective_message is not None
        await update.effective_message.reply_text(" ".join(context.args or []) or "(nothing)")

    async def menu(self, update: Update, _context: Ctx) -> None:
        """Offer paces."""
        assert update.effective_message is not None
        await update.effective_message.reply_text("Pick a pace", reply_markup=pace_keyboard())

    async def on_press(self, update: Update, _context: Ctx) -> None:
        """Record the choice and confirm it in place, keeping the keyboard."""
        query = update.callback_query
        assert query is not None
        self.pressed.append(query.data)
        self.query_messages.append(query.message)
        await query.answer()
        if query.message is not None and query.message.is_accessible:
            await query.edit_message_text(f"You chose {query.data}", reply_markup=pace_keyboard())

    async def on_other(self, update: Update, _context: Ctx) -> None:
        """Note which kind of non-command message arrived."""
        message = update.effective_message
        assert message is not None
        if message.sticker:
            self.received.append("sticker")
        elif message.photo:
            self.received.append("photo")
        elif message.location:
            self.received.append("location")
        else:
            self.received.append("text")

    def register(self, application: App) -> None:
        application.add_handler(CommandHandler("echo", self.echo))
        application.add_handler(CommandHandler("menu", self.menu))
        application.add_handler(CallbackQueryHandler(self.on_press))
        application.add_handler(MessageHandler(~filters.COMMAND, self.on_other))


@pytest.fixture
def echo_bot() -> EchoBot:
    return EchoBot()


@pytest.fixture
async def app(api: FakeBotApi, echo_bot: EchoBot) -> AsyncIterator[App]:
    # One fake may serve both request slots: PTB only needs two BaseRequest objects.
    application = ApplicationBuilder().token(TOKEN).request(api).get_updates_request(api).build()
    echo_bot.register(application)
    errors: list[object] = []

    async def keep_error(_update: object, context: Ctx) -> None:
        errors.append(context.error)

    application.add_error_handler(keep_error)
    async with application:
        yield application
    assert errors == [], "a handler raised"


@pytest.fixture
def alex(app: App, api: FakeBotApi) -> ChatDriver:
    return ChatDriver(app, api, user_id=USER_ID)


# -- the fake through a real Bot ---------------------------------------------------------------


async def test_get_me_answers_with_the_legcoach_bot(bot: Bot, api: FakeBotApi) -> None:
    me = await bot.get_me()

    assert (me.id, me.username, me.first_name, me.is_bot) == (
        100000,
        "legcoach_bot",
        "legcoach",
        True,
    )
    assert me.can_join_groups is True
    assert bot.id == BOT_USER["id"]
    assert [call.method for call in api.calls] == ["getMe", "getMe"]  # initialize + explicit


async def test_message_ids_count_per_chat_and_dates_come_from_the_clock(
    bot: Bot, api: FakeBotApi, clock: FakeClock
) -> None:
    first = await bot.send_message(1, "one")
    clock.value += 90
    second = await bot.send_message(1, "two")
    other = await bot.send_message(2, "hello")
    group = await bot.send_message(-500, "team")

    assert [first.message_id, second.message_id, other.message_id] == [1, 2, 1]
    assert first.date == START
    assert second.date == START + dtm.timedelta(seconds=90)
    assert first.from_user is not None and first.from_user.id == 100000
    assert (first.chat.type, group.chat.type) == ("private", "group")
    assert api.texts(1) == ["one", "two"]
    assert api.last_message(2).text == "hello"
    send = api.calls_to("sendmessage")[0]
    assert (send.method, send.params, send.ok) == (
        "sendMessage",
        {"chat_id": 1, "text": "one"},
        True,
    )


async def test_edit_text_changes_the_stored_message_and_drops_a_keyboard_not_passed_again(
    bot: Bot, api: FakeBotApi, clock: FakeClock
) -> None:
    sent = await bot.send_message(7, "Pick a pace", reply_markup=pace_keyboard())
    assert api.last_message(7).button_labels == ["Easy run", "Tempo", "Docs"]
    clock.value += 5

    edited = await bot.edit_message_text("Tempo it is", chat_id=7, message_id=sent.message_id)

    assert isinstance(edited, Message)
    assert edited.text == "Tempo it is"
    assert edited.edit_date == START + dtm.timedelta(seconds=5)
    stored = api.last_message(7)
    assert (stored.message_id, stored.text, stored.reply_markup) == (1, "Tempo it is", None)
    assert len(api.messages(7)) == 1


async def test_edit_reply_markup_swaps_the_buttons(bot: Bot, api: FakeBotApi) -> None:
    sent = await bot.send_message(7, "Pick a pace", reply_markup=pace_keyboard())
    done = InlineKeyboardMarkup([[InlineKeyboardButton("Done ✅", callback_data="done")]])

    edited = await bot.edit_message_reply_markup(7, sent.message_id, reply_markup=done)

    assert isinstance(edited, Message)
    assert edited.reply_markup == done
    assert api.last_message(7).buttons == [[InlineButton("Done ✅", callback_data="done")]]


async def test_an_unchanged_edit_is_a_bad_request_with_telegrams_words(
    bot: Bot, api: FakeBotApi
) -> None:
    sent = await bot.send_message(7, "Week 3", reply_markup=pace_keyboard())

    with pytest.raises(BadRequest) as text_error:
        await bot.edit_message_text(
            "Week 3", chat_id=7, message_id=sent.message_id, reply_markup=pace_keyboard()
        )
    with pytest.raises(BadRequest) as markup_error:
        await bot.edit_message_reply_markup(7, sent.message_id, reply_markup=pace_keyboard())

    expected = (
        "Message is not modified: specified new message content and reply markup are exactly "
        "the same as a current content and reply markup of the message"
    )
    assert str(text_error.value) == str(markup_error.value) == expected
    assert [call.status for call in api.calls_to("editMessageText")] == [400]


async def test_editing_an_unknown_message_is_not_found(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"^Message to edit not found$"):
        await bot.edit_message_text("x", chat_id=7, message_id=99)


async def test_delete_removes_the_message_and_a_second_delete_fails(
    bot: Bot, api: FakeBotApi
) -> None:
    sent = await bot.send_message(7, "temporary")

    assert await bot.delete_message(7, sent.message_id) is True
    assert api.messages(7) == []
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(7, sent.message_id)


async def test_a_blocked_chat_is_forbidden_until_unblocked(bot: Bot, api: FakeBotApi) -> None:
    api.block_chat(7)
    with pytest.raises(Forbidden, match=r"^Forbidden: bot was blocked by the user$"):
        await bot.send_message(7, "hello?")
    api.unblock_chat(7)

    await bot.send_message(7, "hello again")

    assert api.texts(7) == ["hello again"]
    assert [call.status for call in api.calls_to("sendMessage")] == [403, 200]


async def test_flood_control_raises_retry_after_then_lets_calls_through(
    bot: Bot, api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # opt in to PTB's timedelta retry_after
    api.fail_next("sendMessage", "429", times=2, retry_after=7)

    for _ in range(2):
        with pytest.raises(RetryAfter) as error:
            await bot.send_message(7, "hi")
        assert error.value.retry_after == dtm.timedelta(seconds=7)
    await bot.send_message(7, "hi")

    assert [call.status for call in api.calls_to("sendMessage")] == [429, 429, 200]
    assert api.texts(7) == ["hi"]


@pytest.mark.parametrize(
    ("fault", "error_type", "message"),
    [
        ("403", Forbidden, "Forbidden: bot was blocked by the user"),
        ("400", BadRequest, "Injected by fakebotapi"),
        ("500", NetworkError, "Internal Server Error"),
        ("timeout", TimedOut, "Timed out (injected by FakeBotApi)"),
    ],
)
async def test_injected_faults_surface_as_ptb_errors(
    bot: Bot, api: FakeBotApi, fault: Any, error_type: type[Exception], message: str
) -> None:
    api.fail_next("sendMessage", fault)

    with pytest.raises(error_type) as error:
        await bot.send_message(7, "hi")

    assert type(error.value) is error_type
    assert str(error.value) == message
    assert api.messages(7) == []
    await bot.send_message(7, "hi")  # only the next call failed
    assert api.texts(7) == ["hi"]


async def test_a_fault_with_a_description_and_any_method(bot: Bot, api: FakeBotApi) -> None:
    api.fail_next("*", "400", description="Bad Request: chat not found")

    with pytest.raises(BadRequest, match=r"^Chat not found$"):
        await bot.send_chat_action(7, "typing")


async def test_unknown_methods_answer_404(bot: Bot, api: FakeBotApi) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("frobnicate")

    assert api.calls[-1].method == "frobnicate"
    assert (api.calls[-1].status, api.calls[-1].description) == (404, "Not Found")


async def test_html_is_validated_and_rendered(bot: Bot, api: FakeBotApi) -> None:
    sent = await bot.send_message(7, "<b>Week 1</b> &amp; more", parse_mode=ParseMode.HTML)

    assert sent.text == "Week 1 & more"
    assert api.last_message(7).text == "<b>Week 1</b> &amp; more"
    with pytest.raises(BadRequest, match='unsupported start tag "alex" at byte offset 3'):
        await bot.send_message(7, "Hi <Alex>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match='end tag corresponding to start tag "b"'):
        await bot.send_message(7, "<b>open", parse_mode=ParseMode.HTML)


async def test_pre_encoded_json_parameters_are_decoded(bot: Bot, api: FakeBotApi) -> None:
    keyboard = {"inline_keyboard": [[{"text": "Go", "callback_data": "go"}]]}

    await bot.send_message(7, "ready?", api_kwargs={"reply_markup": json.dumps(keyboard)})

    assert api.calls_to("sendMessage")[0].params["reply_markup"] == keyboard
    assert api.last_message(7).buttons == [[InlineButton("Go", callback_data="go")]]


async def test_oversized_callback_data_is_rejected(bot: Bot) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="x" * 65)]])

    with pytest.raises(BadRequest, match="Button_data_invalid"):
        await bot.send_message(7, "go", reply_markup=markup)


async def test_photos_are_stored_and_cannot_be_text_edited(bot: Bot, api: FakeBotApi) -> None:
    # Telegram only accepts file ids it minted (see test_fake_media.py), so the second photo
    # goes by the id the first upload got rather than a made-up one.
    uploaded = await bot.send_photo(7, png_bytes(), caption="Squat depth")
    by_id = await bot.send_photo(7, uploaded.photo[-1].file_id)

    assert uploaded.caption == "Squat depth"
    assert by_id.photo[-1].file_id == uploaded.photo[-1].file_id
    assert api.texts(7) == ["Squat depth", ""]
    with pytest.raises(BadRequest, match="no text in the message to edit"):
        await bot.edit_message_text("x", chat_id=7, message_id=by_id.message_id)


async def test_a_callback_query_can_be_answered_once(bot: Bot, api: FakeBotApi) -> None:
    assert await bot.answer_callback_query("q1", text="Saved") is True
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query("q1")

    first = api.calls_to("answerCallbackQuery")[0]
    assert first.params == {"callback_query_id": "q1", "text": "Saved"}


async def test_commands_are_kept_per_scope(bot: Bot, api: FakeBotApi) -> None:
    await bot.set_my_commands([BotCommand("start", "Begin"), BotCommand("week", "This week")])
    await bot.set_my_commands([BotCommand("admin", "Admin")], scope=BotCommandScopeChat(7))

    default = await bot.get_my_commands()
    assert [c.command for c in default] == ["start", "week"]
    assert api.commands({"type": "chat", "chat_id": 7}) == [
        {"command": "admin", "description": "Admin"}
    ]
    await bot.delete_my_commands()
    assert await bot.get_my_commands() == ()


async def test_get_updates_honours_the_offset_and_webhooks_conflict(
    bot: Bot, api: FakeBotApi
) -> None:
    chat = {"id": 7, "type": "private", "first_name": "Alex"}
    user = {"id": 7, "is_bot": False, "first_name": "Alex"}
    for text in ("one", "two", "three"):
        api.push_update(
            {
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": chat,
                    "from": user,
                    "text": text,
                }
            }
        )

    everything = await bot.get_updates()
    rest = await bot.get_updates(offset=everything[1].update_id)
    confirmed = await bot.get_updates(offset=everything[-1].update_id + 1)

    assert [u.message.text for u in everything if u.message] == ["one", "two", "three"]
    assert [u.message.text for u in rest if u.message] == ["two", "three"]
    assert confirmed == ()
    await bot.set_webhook("https://example.org/hook")
    assert (await bot.get_webhook_info()).url == "https://example.org/hook"
    with pytest.raises(Conflict):
        await bot.get_updates()
    await bot.delete_webhook()
    assert (await bot.get_webhook_info()).url == ""


async def test_housekeeping_methods_answer_true(bot: Bot, api: FakeBotApi) -> None:
    assert await bot.send_chat_action(7, "typing") is True
    assert await bot.set_chat_menu_button() is True
    assert await bot.close() is True
    assert await bot.log_out() is True
    assert [c.method for c in api.calls[1:]] == [
        "sendChatAction",
        "setChatMenuButton",
        "close",
        "logOut",
    ]
    api.reset_calls()
    assert api.calls == []


# -- the driver through a real Application -------------------------------------------------------


async def test_a_command_reaches_the_handler_and_the_reply_is_visible(alex: ChatDriver) -> None:
    await alex.command("echo", "ten easy squats")

    assert [m.plain_text for m in alex.replies] == ["ten easy squats"]
    assert alex.last_text == "ten easy squats"
    # The user's message took id 1 in the shared per-chat counter; the reply got 2.
    assert alex.replies[0].message_id == 2


async def test_pressing_a_button_by_label_reaches_the_callback_handler(
    alex: ChatDriver, api: FakeBotApi, echo_bot: EchoBot
) -> None:
    await alex.command("menu")
    menu = alex.replies[0]

    button = await alex.press("Tem")

    assert button == InlineButton("Tempo", callback_data="pace:tempo")
    assert echo_bot.pressed == ["pace:tempo"]
    pressed_on = echo_bot.query_messages[0]
    assert isinstance(pressed_on, Message) and pressed_on.message_id == menu.message_id
    assert len(api.calls_to("answerCallbackQuery")) == 1
    assert alex.replies == []
    assert [m.plain_text for m in alex.edits] == ["You chose pace:tempo"]


async def test_pressing_a_missing_label_lists_the_buttons(alex: ChatDriver) -> None:
    await alex.command("menu")

    with pytest.raises(AssertionError, match="'Hills'") as error:
        await alex.press("Hills")

    assert "Easy run" in str(error.value) and "Tempo" in str(error.value)


async def test_forged_and_stale_payloads_still_arrive(
    alex: ChatDriver, api: FakeBotApi, echo_bot: EchoBot
) -> None:
    await alex.command("menu")
    menu_id = alex.replies[0].message_id

    await alex.press_data(menu_id, "pace:forged")
    await alex.press_data(999, "pace:gone")

    assert echo_bot.pressed == ["pace:forged", "pace:gone"]
    stale = echo_bot.query_messages[1]
    assert stale is not None and not stale.is_accessible


async def test_texts_since_a_mark_isolate_one_exchange(alex: ChatDriver) -> None:
    await alex.command("echo", "first")
    mark = alex.mark()
    await alex.command("echo", "second")
    await alex.command("echo", "third")

    assert alex.texts_since(mark) == ["second", "third"]


async def test_non_text_messages_reach_message_handlers(
    alex: ChatDriver, echo_bot: EchoBot
) -> None:
    await alex.send_sticker()
    await alex.send_photo(caption="my form")
    await alex.send_location()
    await alex.send("just chatting")

    assert echo_bot.received == ["sticker", "photo", "location", "text"]


async def test_two_users_and_a_group_keep_their_own_conversations(
    app: App, api: FakeBotApi
) -> None:
    alex = ChatDriver(app, api, user_id=1)
    sam = ChatDriver(app, api, user_id=2, first_name="Sam", username="sam")
    club = ChatDriver(app, api, user_id=3, chat_id=-100, chat_type="group")

    await alex.command("echo", "a")
    await sam.command("echo", "b")
    await club.send("/echo@legcoach_bot c")

    assert (alex.last_text, sam.last_text, club.last_text) == ("a", "b", "c")
    assert api.chat_dict(-100)["type"] == "group"


async def test_polling_delivers_pushed_updates_without_busy_waiting(
    app: App, api: FakeBotApi, echo_bot: EchoBot
) -> None:
    arrived = asyncio.Event()

    async def on_text(_update: Update, _context: Ctx) -> None:
        arrived.set()

    app.add_handler(MessageHandler(filters.TEXT, on_text), group=1)
    chat = {"id": 7, "type": "private", "first_name": "Alex"}
    user = {"id": 7, "is_bot": False, "first_name": "Alex"}
    assert app.updater is not None
    await app.start()
    await app.updater.start_polling(timeout=dtm.timedelta(seconds=30))
    try:
        api.push_update(
            {
                "message": {
                    "message_id": 1,
                    "date": 0,
                    "chat": chat,
                    "from": user,
                    "text": "hi",
                }
            }
        )
        await asyncio.wait_for(arrived.wait(), timeout=5)
    finally:
        await app.updater.stop()
        await app.stop()

    assert echo_bot.received == ["text"]
    assert api.calls_to("deleteWebhook")  # PTB's polling bootstrap
