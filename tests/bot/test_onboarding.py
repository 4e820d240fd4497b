"""Onboarding and profile, driven through the real Application (issue 3)."""

from __future__ import annotations

from datetime import time

from sqlalchemy import func, select

from bot.offline import ChatDriver
from storage import runners
from storage.models import Reminder, Runner
from tests.factories import onboard
from tests.harness import BotHarness


async def stored(bot: BotHarness, user_id: int) -> Runner:
    async with bot.session() as db:
        row = await db.scalar(select(Runner).where(Runner.telegram_user_id == user_id))
    assert row is not None
    return row


async def test_full_onboarding_stores_everything_and_shows_the_summary(bot: BotHarness) -> None:
    runner = bot.runner(first_name="Mia")
    await runner.command("start")
    assert "1/6" in runner.last_text
    await runner.press("Intermediate")
    assert "2/6" in runner.last_text
    await runner.press("Hip-circle band")
    await runner.press("Dumbbells")
    labels = bot.api.last_message(runner.chat_id).button_labels
    assert "Hip-circle band ✅" in labels and "Dumbbells ✅" in labels and "None" in labels
    await runner.press("Done")
    assert "3/6" in runner.last_text
    for day in ("Mon", "Wed", "Fri", "Sun"):
        await runner.press(day)
    await runner.press("Done")
    assert "4/6" in runner.last_text
    # only the chosen running days are offered as long/hard days
    hard_labels = bot.api.last_message(runner.chat_id).button_labels
    assert hard_labels == ["Mon", "Wed", "Fri", "Sun", "None", "Done"]
    await runner.press("Sun")
    await runner.press("Done")
    assert "5/6" in runner.last_text
    await runner.send("7.30 pm")
    assert "6/6" in runner.last_text
    await runner.send("Berlin")
    # 08:00 UTC on 25 Nov 2026 is 09:00 in Berlin
    assert "09:00" in runner.last_text and "Berlin (Germany)" in runner.last_text
    await runner.press("Yes")

    card = runner.last_text
    assert "Your plan, Mia" in card
    assert "Level: Intermediate" in card
    assert "Hip-circle band, Dumbbells" in card
    assert "Running days: Mon, Wed, Fri, Sun (long/hard: Sun)" in card
    assert "Leg days:" in card and "Next leg day:" in card
    assert bot.api.last_message(runner.chat_id).button_labels == [
        "Start a session now",
        "Change something",
    ]
    row = await stored(bot, runner.user_id)
    assert row.level == "intermediate"
    assert sorted(row.equipment) == ["dumbbells", "hip_band"]
    assert row.running_days == [0, 2, 4, 6]
    assert row.hard_days == [6]
    assert row.reminder_time == time(19, 30)
    assert row.time_zone == "Europe/Berlin"
    assert row.onboarded and row.pending_question is None


async def test_start_again_shows_the_summary_not_the_questionnaire(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    mark = runner.mark()
    await runner.command("start")
    replies = runner.texts_since(mark)
    assert len(replies) == 1 and "Your plan" in replies[0]


async def test_each_answer_is_stored_and_a_restart_resumes_the_same_question(
    bot: BotHarness,
) -> None:
    runner = bot.runner()
    await runner.command("start")
    await runner.press("Advanced")
    await runner.press("Long band")
    await bot.restart()
    row = await stored(bot, runner.user_id)
    assert row.level == "advanced" and row.equipment == ["long_band"]
    assert row.pending_question == "equipment"
    # the old message's buttons still work after the restart
    await runner.press("Done")
    assert "3/6" in runner.last_text
    await bot.restart()
    mark = runner.mark()
    await runner.command("start")
    replies = runner.texts_since(mark)
    assert "pick up where we left off" in replies[0]
    assert "3/6" in replies[1]


async def test_done_with_no_equipment_ticked_asks_again(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.command("start")
    await runner.press("Beginner")
    await runner.press("Done")
    assert "None" in runner.last_text and "counts" in runner.last_text
    await runner.press("None")
    await runner.press("Done")
    assert "3/6" in runner.last_text
    assert (await stored(bot, runner.user_id)).equipment == []


async def test_impossible_time_is_explained_in_one_line(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.command("start")
    await runner.press("Beginner")
    await runner.press("None")
    await runner.press("Done")
    await runner.press("Tue")
    await runner.press("Done")
    await runner.press("None")
    mark = runner.mark()
    await runner.send("25:99")
    # one line, and the question above keeps its buttons instead of being posted again
    assert runner.texts_since(mark) == [
        "25:99 isn't a time of day: hours go 0-23 and minutes 0-59. Try 07:30 or 7pm."
    ]
    assert (await stored(bot, runner.user_id)).reminder_time is None
    await runner.send("7am")
    assert (await stored(bot, runner.user_id)).reminder_time == time(7, 0)


async def test_unknown_zone_gets_closest_matches_as_buttons(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard_until_zone(runner)
    await runner.send("Berlim")
    labels = bot.api.last_message(runner.chat_id).button_labels
    assert any("Berlin (Germany)" in label for label in labels)
    await runner.press(next(label for label in labels if "Berlin (Germany)" in label))
    assert "Correct?" in runner.last_text
    await runner.press("Yes")
    assert (await stored(bot, runner.user_id)).time_zone == "Europe/Berlin"


async def test_nonsense_zone_is_explained(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard_until_zone(runner)
    await runner.send("qqqqzzzz")
    assert "couldn't find a time zone" in runner.last_text
    assert (await stored(bot, runner.user_id)).time_zone is None


async def test_saying_no_to_the_zone_asks_again(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard_until_zone(runner)
    await runner.send("New York")
    assert "New York (United States)" in runner.last_text
    await runner.press("No")
    assert "Type your city" in runner.last_text
    await runner.send("Cape Town")
    await runner.press("Yes")
    assert (await stored(bot, runner.user_id)).time_zone == "Africa/Johannesburg"


async def test_all_seven_days_is_allowed_and_explained_once(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.command("start")
    await runner.press("Beginner")
    await runner.press("None")
    await runner.press("Done")
    for day in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"):
        await runner.press(day)
    mark = runner.mark()
    await runner.press("Done")
    assert (await stored(bot, runner.user_id)).running_days == list(range(7))
    await runner.press("Sun")
    await runner.press("Done")
    await runner.send("07:00")
    await runner.send("Berlin")
    await runner.press("Yes")
    # the plan card explains the pairing, once for both leg days (issue 18)
    said = "\n".join(runner.texts_since(mark))
    assert said.count("Every day is a running day") == 1
    assert said.count("6 hours apart") == 1
    assert "easy runs on Tuesday and Friday" in runner.last_text


async def test_free_text_sticker_and_photo_where_a_button_is_expected(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.command("start")
    question = runner.last_message
    for action in (runner.send("purple monkey"), runner.send_sticker(), runner.send_photo()):
        mark = runner.mark()
        await action
        # one line on how to answer; the question is not posted again and keeps its buttons
        (reply,) = runner.texts_since(mark)
        assert "Tap Beginner, Intermediate or Advanced, or type one of them." in reply
        assert "1/6" not in reply
    assert bot.api.message(runner.chat_id, question.message_id).button_labels == [
        "Beginner",
        "Intermediate",
        "Advanced",
    ]
    row = await stored(bot, runner.user_id)
    assert row.level is None and row.pending_question == "level"


async def test_a_button_from_an_earlier_question_changes_nothing(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.command("start")
    level_message = bot.api.last_message(runner.chat_id)
    await runner.press("Beginner")
    await runner.press_data(level_message.message_id, "ob:level:advanced")
    answer = bot.api.calls_to("answerCallbackQuery")[-1]
    assert "earlier question" in answer.params["text"]
    row = await stored(bot, runner.user_id)
    assert row.level == "beginner" and row.pending_question == "equipment"


async def test_settings_change_of_days_replans_and_says_when(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner, days=("Tue", "Thu", "Sat"), hard=("Sat",))
    await runner.command("settings")
    assert bot.api.last_message(runner.chat_id).button_labels[:2] == ["Level", "Equipment"]
    await runner.press("Running days")
    # /settings asks without onboarding's numbering (issue 18)
    assert runner.last_text.startswith("On which days do you usually run?")
    await runner.press("Mon")
    await runner.press("Done")
    assert runner.last_text.startswith("Which of those are long or hard runs?")
    await runner.press("Done")
    card = runner.last_text
    assert card.startswith("Saved.\nRunning days: Tue, Thu, Sat → Mon, Tue, Thu, Sat\n")
    assert "Running days: Mon, Tue, Thu, Sat (long/hard: Sat)" in card
    assert "Next leg day:" in card
    row = await stored(bot, runner.user_id)
    assert row.running_days == [0, 1, 3, 5] and row.pending_question is None


async def test_settings_change_of_time_and_zone(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("settings")
    await runner.press("Reminder time")
    await runner.press("18:30")
    assert runner.last_text.startswith("Saved.") and "18:30" in runner.last_text
    await runner.command("settings")
    await runner.press("Time zone")
    await runner.send("Auckland")
    await runner.press("Yes")
    assert "Auckland (New Zealand)" in runner.last_text
    row = await stored(bot, runner.user_id)
    assert row.reminder_time == time(18, 30) and row.time_zone == "Pacific/Auckland"


async def test_group_chat_points_to_a_private_chat(bot: BotHarness) -> None:
    member = bot.runner(chat_id=-100555, chat_type="group")
    await member.command("start")
    text = bot.api.last_message(-100555).text
    assert "private chat" in text and "t.me/legcoach_bot" in text
    async with bot.session() as db:
        assert await runners.find_by_telegram_id(db, member.user_id) is None


async def test_two_runners_interleaving_do_not_mix_state(bot: BotHarness) -> None:
    ana, ben = bot.runner(first_name="Ana"), bot.runner(first_name="Ben")
    await ana.command("start")
    await ben.command("start")
    await ana.press("Advanced")
    await ben.press("Beginner")
    await ana.press("Dumbbells")
    await ben.press("None")
    await ben.press("Done")
    await ana.press("Done")
    a, b = await stored(bot, ana.user_id), await stored(bot, ben.user_id)
    assert (a.level, a.equipment) == ("advanced", ["dumbbells"])
    assert (b.level, b.equipment) == ("beginner", [])
    assert a.pending_question == b.pending_question == "days"
    await ben.press("Mon")
    await ana.press("Tue")
    await ana.press("Done")
    await ben.press("Done")
    await ben.press("None")
    await ana.press("Tue")
    await ana.press("Done")
    # typed answers: each lands on its own runner's question
    await ana.send("6am")
    await ben.send("19:15")
    await ben.send("Tokyo")
    await ana.send("Lisbon")
    assert "Tokyo (Japan)" in ben.last_text and "Lisbon (Portugal)" in ana.last_text
    await ana.press("Yes")
    await ben.press("Yes")
    assert "Your plan, Ana" in ana.last_text and "Your plan, Ben" in ben.last_text
    a, b = await stored(bot, ana.user_id), await stored(bot, ben.user_id)
    assert (a.running_days, a.hard_days, a.reminder_time, a.time_zone) == (
        [1],
        [1],
        time(6, 0),
        "Europe/Lisbon",
    )
    assert (b.running_days, b.hard_days, b.reminder_time, b.time_zone) == (
        [0],
        [],
        time(19, 15),
        "Asia/Tokyo",
    )
    assert a.onboarded and b.onboarded


async def test_help_and_unknown_command(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.command("help")
    assert "/workout" in runner.last_text and "/settings" in runner.last_text
    await runner.command("dance")
    assert "I don't know /dance" in runner.last_text


async def onboard_until_zone(runner: ChatDriver) -> None:
    await onboard_until_time(runner)
    await runner.send("07:00")


async def test_profile_card_shows_the_leg_days_the_rules_chose_and_why(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner, days=("Tue", "Thu", "Sat"), hard=("Sat",))
    await runner.command("profile")
    card = runner.last_text
    assert "Leg days: Mon, Wed" in card
    assert "No leg day on Friday: Saturday is your long or hard run." in card
    # Wed 25 Nov 2026 08:00 UTC is past 07:30 in Berlin, so Monday is next
    assert "Next leg day: Mon 30 Nov, 07:30" in card


async def test_a_press_on_a_message_telegram_no_longer_shows(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.command("start")
    await runner.press_data(999, "ob:level:advanced")  # no such message: date 0, inaccessible
    answer = bot.api.calls_to("answerCallbackQuery")[-1]
    assert "too old" in answer.params["text"]
    assert (await stored(bot, runner.user_id)).level is None
    await runner.press_data(999, "set:level")
    assert "too old" in bot.api.calls_to("answerCallbackQuery")[-1].params["text"]


# -- a /settings question left open ----------------------------------------------------------


async def test_an_open_zone_question_lets_other_text_through(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("settings")
    await runner.press("Time zone")
    # pain and a how-to question are answered, then the question is pointed back to
    mark = runner.mark()
    await runner.send("my knee hurts")
    advice, back = runner.texts_since(mark)
    assert "not a clinician" in advice
    assert back == "Back to your time zone: where are you? Type your city or time zone."
    mark = runner.mark()
    await runner.send("how do I do a side lunge?")
    card, back = runner.texts_since(mark)
    assert card.startswith("Side lunge") and back.startswith("Back to your time zone")
    # anything else is read as a place, with the same answer as in onboarding
    await runner.send("hello")
    assert runner.last_text.startswith("I couldn't find a time zone for hello.")
    # a place still answers the question
    await runner.send("Madrid")
    await runner.press("Yes")
    assert runner.last_text.startswith("Saved.")
    assert (await stored(bot, runner.user_id)).time_zone == "Europe/Madrid"


async def test_an_open_button_question_lets_text_through(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("settings")
    await runner.press("Level")
    mark = runner.mark()
    await runner.send("my knee hurts")
    advice, back = runner.texts_since(mark)
    assert "not a clinician" in advice
    assert back == "Back to your level: how much strength training have you done?"
    # the buttons moved to the line that points back; the question above lost them
    assert runner.last_message.button_labels == ["Beginner", "Intermediate", "Advanced"]
    assert [m.button_labels for m in runner.messages].count(runner.last_message.button_labels) == 1
    mark = runner.mark()
    await runner.send("bridge?")
    card, back = runner.texts_since(mark)
    assert "bridge" in card.splitlines()[0].lower() and back.startswith("Back to your level")
    await runner.send_sticker()
    assert runner.last_text.startswith("I can't read that here. Tap Beginner")
    await runner.send("advanced")
    assert runner.last_text.startswith("Saved.\nLevel: Beginner → Advanced")


async def test_an_open_time_question_takes_only_a_time(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("settings")
    await runner.press("Reminder time")
    await runner.send("hello")
    assert runner.last_text == "I couldn't read “hello” as a time of day. Try 07:30 or 7pm."
    await runner.send("6pm")
    assert runner.last_text.startswith("Saved.\nReminder time: 07:30 → 18:00")
    row = await stored(bot, runner.user_id)
    assert row.reminder_time == time(18, 0) and row.pending_question is None


async def test_a_command_closes_an_open_settings_question(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    for command in ("settings", "profile", "next", "start"):
        await runner.command("settings")
        await runner.press("Level")
        question = bot.api.last_message(runner.chat_id)
        await runner.command(command)
        assert (await stored(bot, runner.user_id)).pending_question is None, command
        # its buttons are gone, and a press that raced the command changes nothing
        assert bot.api.message(runner.chat_id, question.message_id).button_labels == []
        await runner.press_data(question.message_id, "ob:level:advanced")
        assert "earlier question" in bot.api.calls_to("answerCallbackQuery")[-1].params["text"]
    replies = runner.texts_since(0)
    assert not any("pick up where we left off" in text for text in replies)
    await runner.command("settings")
    await runner.press("Time zone")
    await runner.command("next")
    await runner.send("Madrid")  # no longer an answer
    assert "/help lists everything" in runner.last_text
    row = await stored(bot, runner.user_id)
    assert row.level == "beginner" and row.time_zone == "Europe/Berlin"


async def test_days_left_mid_edit_keep_long_days_among_running_days(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner, days=("Tue", "Thu", "Sat"), hard=("Sat",))
    await runner.command("settings")
    await runner.press("Running days")
    await runner.press("Sat")  # untick the long-run day, then walk away
    await runner.command("profile")
    assert "Running days: Tue, Thu\n" in runner.last_text + "\n"
    row = await stored(bot, runner.user_id)
    assert row.running_days == [1, 3] and row.hard_days == []


async def test_body_weight_runner_can_save_equipment_from_settings(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner, equipment=("None",))
    await runner.command("settings")
    await runner.press("Equipment")
    assert bot.api.last_message(runner.chat_id).button_labels[0] == "None ✅"
    await runner.press("Done")
    assert runner.last_text.startswith("Saved.") and "None (body weight)" in runner.last_text
    row = await stored(bot, runner.user_id)
    assert row.equipment == [] and row.pending_question is None


async def test_runner_with_kit_sees_it_ticked_in_settings(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner, equipment=("Dumbbells",))
    await runner.command("settings")
    await runner.press("Equipment")
    labels = bot.api.last_message(runner.chat_id).button_labels
    assert labels[0] == "None" and "Dumbbells ✅" in labels
    await runner.press("Done")
    assert (await stored(bot, runner.user_id)).equipment == ["dumbbells"]


# -- typed answers to the zone question ------------------------------------------------------


async def test_typing_another_place_replaces_the_offered_zone(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard_until_zone(runner)
    await runner.send("Berlin")
    berlin = bot.api.last_message(runner.chat_id)
    await runner.send("Madrid")
    assert "Madrid (Spain)" in runner.last_text and "Correct?" in runner.last_text
    # the Berlin offer can no longer confirm anything
    assert bot.api.message(runner.chat_id, berlin.message_id).button_labels == []
    await runner.press("Yes")
    row = await stored(bot, runner.user_id)
    assert row.time_zone == "Europe/Madrid" and row.onboarded


async def test_typed_yes_and_no_answer_the_zone_offer(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard_until_zone(runner)
    await runner.send("Berlin")
    await runner.send("no")
    assert "Type your city" in runner.last_text
    assert (await stored(bot, runner.user_id)).time_zone is None
    await runner.send("Nairobi")
    offer = bot.api.last_message(runner.chat_id)
    await runner.send("Yes")
    assert "Your plan" in runner.last_text
    assert bot.api.message(runner.chat_id, offer.message_id).plain_text.startswith("Time zone:")
    row = await stored(bot, runner.user_id)
    assert row.time_zone == "Africa/Nairobi" and row.onboarded


async def test_pain_mid_onboarding_is_heard_and_leaves_the_question_open(
    bot: BotHarness,
) -> None:
    runner = bot.runner()
    await onboard_until_time(runner)
    mark = runner.mark()
    await runner.send("my knee hurts")
    advice, back = runner.sent_since(mark)
    assert "not a clinician" in advice.plain_text
    assert advice.button_labels == []  # no session yet
    assert back.plain_text == "Back to question 5: when should I remind you on leg days?"
    assert back.button_labels[0] == "06:00"
    assert (await stored(bot, runner.user_id)).pending_question == "time"
    await runner.send("7am")
    assert "6/6" in runner.last_text
    assert (await stored(bot, runner.user_id)).reminder_time == time(7, 0)


async def test_profile_before_start_asks_the_first_question(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.command("profile")
    replies = runner.texts_since(0)
    assert "finish setting you up" in replies[0] and "1/6" in replies[-1]
    assert not any("Your plan" in text for text in replies)
    async with bot.session() as db:
        planned = await db.scalar(select(func.count()).select_from(Reminder))
    assert planned == 0
    await runner.press("Intermediate")  # the question is really pending
    assert "2/6" in runner.last_text
    assert (await stored(bot, runner.user_id)).level == "intermediate"


async def onboard_until_time(runner: ChatDriver) -> None:
    await runner.command("start")
    await runner.press("Beginner")
    await runner.press("None")
    await runner.press("Done")
    await runner.press("Tue")
    await runner.press("Done")
    await runner.press("None")
