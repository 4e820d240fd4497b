"""Whatever a runner (or a group, or an operator) sends, the bot answers once and sanely.

The fake Bot API enforces Telegram's 4096-character limit, so a reply that echoes too much
of the runner's words fails here as it would in production.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.config import SettingsError, load_settings
from bot.texts.common import quote
from storage import runners
from storage.models import Runner
from tests.factories import onboard
from tests.harness import BotHarness

SORRY = "Sorry, something went wrong"


async def stored(bot: BotHarness, user_id: int) -> Runner:
    async with bot.session() as db:
        row = await db.scalar(select(Runner).where(Runner.telegram_user_id == user_id))
    assert row is not None
    return row


def test_quote_is_one_short_escaped_line() -> None:
    assert quote("  <b>Berlin</b>\n  & co  ") == "&lt;b&gt;Berlin&lt;/b&gt; &amp; co"
    assert quote("x" * 100, limit=10) == "x" * 9 + "…"
    assert quote("&" * 100, limit=5) == "&amp;" * 4 + "…"  # shortened before escaping


# -- very long input is quoted back short ----------------------------------------------------


async def test_a_huge_number_at_the_time_question(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.command("start")
    for label in ("Beginner", "None", "Done", "Tue", "Done", "None"):
        await runner.press(label)
    mark = runner.mark()
    await runner.send("9" * 4090)
    replies = runner.texts_since(mark)
    assert len(replies) == 1 and SORRY not in replies[0]
    assert "as a time of day" in replies[0] and len(replies[0]) < 200
    await runner.send("7am")
    assert "6/6" in runner.last_text


@pytest.mark.parametrize("onboarded", [False, True])
async def test_huge_markup_at_the_zone_question(bot: BotHarness, onboarded: bool) -> None:
    runner = bot.runner()
    if onboarded:
        await onboard(runner)
        await runner.command("settings")
        await runner.press("Time zone")
    else:
        await runner.command("start")
        for label in ("Beginner", "None", "Done", "Tue", "Done", "None"):
            await runner.press(label)
        await runner.send("07:00")
    mark = runner.mark()
    await runner.send("<b>x" * 1000)
    replies = runner.texts_since(mark)
    assert len(replies) == 1 and SORRY not in replies[0]
    # the same answer in onboarding and in /settings
    assert "couldn't find a time zone for <b>x<b>x" in replies[0]
    assert len(replies[0]) < 300


async def test_a_huge_unknown_command(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.send("/" + "x" * 4000)
    text = runner.last_text
    assert SORRY not in text
    assert text.startswith("I don't know /xxxx") and "…. Here is what I do know" in text


async def test_unknown_command_names_the_command_without_our_username(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.send("/dance@legcoach_bot now")
    assert runner.last_text.startswith("I don't know /dance.")


@pytest.mark.parametrize("command", ["pause", "race"])
async def test_a_huge_date_argument(bot: BotHarness, command: str) -> None:
    runner = bot.runner()
    await onboard(runner)
    mark = runner.mark()
    await runner.command(command, "<" * 4050)
    replies = runner.texts_since(mark)
    assert len(replies) == 1 and SORRY not in replies[0]
    assert replies[0].startswith("I couldn't read '<<<") and "…' as a date" in replies[0]


# -- dates far ahead -------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["pause", "race"])
async def test_a_date_years_ahead_is_refused(bot: BotHarness, command: str) -> None:
    runner = bot.runner()
    await onboard(runner)
    mark = runner.mark()
    await runner.command(command, "9999-12-31")
    replies = runner.texts_since(mark)
    assert replies == [
        "Fri, 31 Dec 9999 is too far ahead: I plan up to Fri, 24 Nov 2028. Pick a nearer date."
    ]
    row = await stored(bot, runner.user_id)
    assert not row.paused and row.paused_until is None and row.race_date is None


async def test_a_race_within_two_years_is_fine(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("race", "2028-11-24")
    assert runner.last_text.startswith("Goal race set: Fri, 24 Nov 2028.")


# -- one failure, one apology ----------------------------------------------------------------


async def test_a_failed_runner_load_apologises_once(
    bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = bot.runner()
    await onboard(runner)
    real = runners.get_or_create
    failures = [ConnectionError("database hiccup")]

    async def flaky(*args: Any, **kwargs: Any) -> Any:
        if failures:
            raise failures.pop()
        return await real(*args, **kwargs)

    monkeypatch.setattr(runners, "get_or_create", flaky)
    mark = runner.mark()
    await runner.command("next")
    replies = runner.texts_since(mark)
    assert len(replies) == 1 and replies[0].startswith(SORRY)
    await runner.command("next")
    assert runner.last_text.startswith("Your next leg days")


# -- group chats -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "answered"),
    [
        ("/start", True),
        ("/start@legcoach_bot", True),
        ("/help@LegCoach_Bot", True),
        ("/start@OtherBot", False),
        ("/x@OtherBot hello", False),
        ("hey @legcoach_bot, what's this?", True),
        ("hey @legcoach_bot_fans", False),
        ("hello everyone", False),
    ],
)
async def test_group_answers_only_what_is_addressed_to_this_bot(
    bot: BotHarness, text: str, answered: bool
) -> None:
    member = bot.runner(chat_id=-100777, chat_type="supergroup")
    await member.send(text)
    replies = member.replies
    if answered:
        assert len(replies) == 1 and "private chat" in replies[0].plain_text
    else:
        assert replies == []


# -- operator settings -----------------------------------------------------------------------


def test_send_rate_is_capped_at_telegrams_paid_broadcast_limit() -> None:
    assert load_settings(_env_file=None, send_rate_per_second="1000").send_rate_per_second == 1000
    with pytest.raises(SettingsError, match="SEND_RATE_PER_SECOND"):
        load_settings(_env_file=None, send_rate_per_second="1001")
