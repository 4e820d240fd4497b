"""/history through the real Application: paging twelve sessions, presses that are not the
runner's, and a page that always fits one message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.flows.history import ExerciseDone, HistoryPage, PastSession, RungSets
from bot.offline import ChatDriver
from bot.texts.history import page_text
from bot.texts.limits import TEXT_LIMIT, utf16_len
from content.ladder import ChangeKind, ChangeReason, ProgressionChange
from content.library import default_library
from content.model import Unit
from content.record import SessionKind
from storage.enums import ItemStatus, SessionStatus
from tests.factories import onboard
from tests.harness import BotHarness


async def do_session(
    bot: BotHarness, runner: ChatDriver, *, stop_early: bool = False, skip: bool = False
) -> None:
    """One leg session two days after the last: every set Done, or stopped after the first
    exercise, or with the second exercise skipped."""
    bot.clock.advance(timedelta(days=2))
    await runner.command("workout")
    exercise = 1
    for _ in range(80):
        if "Summary" in runner.last_text:
            return
        if stop_early and exercise == 2:
            await runner.command("stop")
            return
        if skip and exercise == 2:
            await runner.press("Skip")
        elif "How did it feel?" in runner.last_text:
            await runner.press("Just right")
        else:
            await runner.press("Done")
        if runner.last_text.startswith(f"{exercise + 1}/"):
            exercise += 1
    raise AssertionError("the session never ended")


def page_heads(text: str) -> list[str]:
    """The date line of each session on a page."""
    return [line for line in text.split("\n") if " · " in line]


def answer_text(bot: BotHarness) -> str:
    return str(bot.api.calls_to("answerCallbackQuery")[-1].params.get("text", ""))


async def test_twelve_sessions_page_five_at_a_time_newest_first(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    for number in range(1, 13):
        await do_session(bot, runner, stop_early=number == 4, skip=number == 9)

    await runner.command("history")
    page = runner.last_message
    first = page.plain_text
    heads = page_heads(first)
    assert len(heads) == 5
    # newest first, in the runner's zone (Berlin, UTC+1 in winter): sessions 12 down to 8
    assert heads[0].startswith("Sat 19 Dec, 09:00")
    assert heads[-1].startswith("Fri 11 Dec, 09:00")
    assert "Europe/Berlin" in first or "Berlin" in first
    assert page.button_labels == ["⬅️ Older"]
    assert "1 exercise skipped." in first  # session 9
    assert "Squat jump" in first and "3 x " in first

    await runner.press("⬅️ Older")
    assert runner.replies == []  # the same message was edited
    second = runner.last_message
    assert second.message_id == page.message_id
    heads = page_heads(second.plain_text)
    assert [head.split(",")[0] for head in heads] == [
        "Wed 9 Dec",
        "Mon 7 Dec",
        "Sat 5 Dec",
        "Thu 3 Dec",
        "Tue 1 Dec",
    ]
    assert "Stopped early: 1 of 5 exercises done." in second.plain_text  # session 4
    assert second.button_labels == ["⬅️ Older", "Newer ➡️"]

    await runner.press("⬅️ Older")
    last = runner.last_message
    assert [head.split(",")[0] for head in page_heads(last.plain_text)] == [
        "Sun 29 Nov",
        "Fri 27 Nov",
    ]
    assert last.button_labels == ["Newer ➡️"]

    await runner.press("Newer ➡️")
    await runner.press("Newer ➡️")
    assert page_heads(runner.last_text) == page_heads(first)
    for text in (first, second.plain_text, last.plain_text):
        assert utf16_len(text) < TEXT_LIMIT


async def test_a_runner_with_no_sessions_gets_a_sentence(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.command("history")
    assert "No sessions yet" in runner.last_text
    assert runner.last_message.button_labels == []


async def test_someone_elses_press_and_forged_presses_are_refused(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    for _ in range(6):
        await do_session(bot, runner)
    await runner.command("history")
    page = runner.last_message
    _message, older = bot.api.find_button(runner.chat_id, "⬅️ Older")
    assert older.callback_data is not None and len(older.callback_data.encode()) <= 64

    other = bot.runner()
    await other.press_data(page.message_id, older.callback_data)
    assert answer_text(bot) == "That button isn't for you."
    assert other.messages == []

    for forged in ("hi:", "hi:x:o:1", f"hi:{runner.user_id}:z:1", f"hi:{runner.user_id}:o"):
        await runner.press_data(page.message_id, forged)
        assert answer_text(bot) == "That button no longer works. Here's where we are now."
    assert runner.last_message.plain_text == page.plain_text  # nothing changed

    # a stale cursor (a session that is not there) still leads to a page
    await runner.press_data(page.message_id, f"hi:{runner.user_id}:n:999999")
    assert len(page_heads(runner.last_text)) == 5


def test_a_page_of_long_sessions_still_fits_one_message() -> None:
    library = default_library()
    exercise = library.get("squat")
    long_name = "Squat with a very long variation name " * 8
    change = ProgressionChange(
        ChangeKind.UP, ChangeReason.STEP_UP, exercise.ladder[0].id, exercise.ladder[1].id, 12, 8
    )
    session = PastSession(
        id=1,
        kind=SessionKind.LIGHT,
        status=SessionStatus.STOPPED,
        started=datetime(2026, 11, 25, 8, tzinfo=UTC),
        minutes=30,
        exercises=tuple(
            ExerciseDone(
                "squat",
                long_name,
                ItemStatus.DONE,
                long_name,
                (RungSets(long_name, Unit.REPS, True, (8, 9, 10, 11), ((12.5, "kg"),)),),
                effort="hard",
            )
            for _ in range(7)
        ),
        changes=((exercise, change),) * 12,
    )
    text = page_text(HistoryPage((session,) * 5, older=1, newer=None, zone="Europe/Berlin"))
    assert utf16_len(text) <= TEXT_LIMIT
    assert "@ 12.5 kg" in text and "felt hard" in text
