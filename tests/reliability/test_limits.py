"""No message the bot builds exceeds Telegram's limits (issue 11, point 6): 4,096
characters of text, 200 for a toast, 64 bytes of callback data."""

from __future__ import annotations

from datetime import UTC, datetime, time

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.flows.cards import Card, Closed, Mode, card_for
from bot.flows.press import PressOutcome
from bot.flows.session import Summary
from bot.keyboards import howto as howto_keyboards
from bot.keyboards import onboarding as onboarding_keyboards
from bot.keyboards import session as session_keyboards
from bot.texts import common, howto, onboarding, plan, session
from bot.texts.limits import ANSWER_LIMIT, TEXT_LIMIT, split_message, utf16_len
from content.ladder import (
    ChangeKind,
    ChangeReason,
    ProgressionChange,
    harder_hint,
)
from content.library import default_library
from content.model import Equipment, Level
from storage.enums import ItemStatus
from storage.models import LegSession
from storage.sessions import ItemView
from tests.factories import onboard
from tests.harness import BotHarness

LIBRARY = default_library()
EXERCISES = [LIBRARY.get(exercise_id) for exercise_id in LIBRARY.ids]
RUNGS = [(exercise, rung) for exercise in EXERCISES for rung in exercise.ladder]
ANY_TEXT = st.text(max_size=5000)
BIG_ID = st.integers(min_value=1, max_value=2**53)


def _fits(text: str) -> bool:
    return 0 < utf16_len(text) <= TEXT_LIMIT


def _item(exercise_id: str, rung_id: str, item_id: int, sets_done: int = 0) -> ItemView:
    exercise = LIBRARY.get(exercise_id)
    rung = exercise.rung(rung_id)
    assert rung is not None
    return ItemView(
        id=item_id,
        session_id=item_id,
        position=6,
        exercise_id=exercise_id,
        rung_id=rung_id,
        sets=rung.sets,
        reps=rung.rep_max,
        unit=rung.unit,
        per_side=rung.per_side,
        status=ItemStatus.ACTIVE,
        sets_done=sets_done,
        message_id=item_id,
    )


@st.composite
def changes(draw: st.DrawFn) -> tuple[str, ProgressionChange]:
    exercise, rung = draw(st.sampled_from(RUNGS))
    other = draw(st.sampled_from(exercise.ladder))
    reason = draw(st.sampled_from(list(ChangeReason)))
    count = draw(st.integers(0, 10_000))
    return exercise.id, ProgressionChange(
        draw(st.sampled_from(list(ChangeKind))), reason, rung.id, other.id, count, count, 3, count
    )


@settings(max_examples=150, database=None, deadline=None)
@given(
    listed=st.lists(changes(), max_size=300),
    numbers=st.integers(0, 10**9),
    next_day=st.none() | st.datetimes(timezones=st.just(UTC)),
)
def test_a_summary_of_any_size_goes_out_in_parts_that_fit(
    listed: list[tuple[str, ProgressionChange]], numbers: int, next_day: datetime | None
) -> None:
    summary = Summary(
        stopped=numbers % 2 == 0,
        sets_done=numbers,
        sets_planned=numbers,
        exercises_done=numbers,
        exercises_total=numbers,
        minutes=numbers,
        changes=tuple(listed),
        next_leg_day=next_day,
    )
    text = session.summary(summary, LIBRARY)
    parts = split_message(text)
    assert all(_fits(part) for part in parts)
    assert "\n".join(parts) == text


@settings(max_examples=100, database=None, deadline=None)
@given(text=st.text(max_size=20_000), limit=st.integers(50, TEXT_LIMIT))
def test_split_message_keeps_everything_and_every_part_fits(text: str, limit: int) -> None:
    parts = split_message(text, limit)
    assert all(utf16_len(part) <= limit for part in parts)
    if text.strip():
        assert "".join(parts).replace("\n", "") == text.replace("\n", "")


@settings(max_examples=100, database=None, deadline=None)
@given(
    pick=st.sampled_from(RUNGS),
    reason=st.none() | st.sampled_from(list(ChangeReason)),
    item_id=BIG_ID,
    sets_done=st.integers(0, 99),
)
def test_every_exercise_card_and_its_buttons_fit(
    pick: tuple[object, object], reason: ChangeReason | None, item_id: int, sets_done: int
) -> None:
    exercise, rung = pick
    item = _item(exercise.id, rung.id, item_id, sets_done)  # type: ignore[attr-defined]
    note = None
    hint = None
    if reason is not None:
        note = ProgressionChange(
            ChangeKind.AT_TOP,
            reason,
            rung.id,  # type: ignore[attr-defined]
            rung.id,  # type: ignore[attr-defined]
            99,
            99,
            9,
            999,
        )
        hint = harder_hint(exercise, rung, ())  # type: ignore[arg-type]
    for mode in Mode:
        card: Card = card_for(
            LIBRARY, 99, item, note=note, hint=hint, mode=mode, typed=999.5, load_noted=True
        )
        assert _fits(session.exercise_card(card))
        for row in session_keyboards.exercise(card).inline_keyboard:
            for button in row:
                assert len((button.callback_data or "").encode()) <= 64  # type: ignore[union-attr]
    asked = Closed(
        item_id,
        99,
        99,
        exercise,
        ItemStatus.DONE,
        item.prescription,
        item_id,
        ask_effort=True,
        last=True,
    )  # type: ignore[arg-type]
    assert _fits(session.closed_card(asked))
    for row in session_keyboards.effort(asked).inline_keyboard:
        for button in row:
            assert len((button.callback_data or "").encode()) <= 64  # type: ignore[union-attr]
    closed = Closed(item_id, 99, 99, exercise, ItemStatus.DONE, item.prescription)  # type: ignore[arg-type]
    assert _fits(session.closed_card(closed))


def test_every_howto_card_fits() -> None:
    for exercise in EXERCISES:
        for rung in exercise.ladder:
            text = howto.howto_text(exercise, rung, None, "x" * 500, personal=True)
            assert _fits(text), exercise.id
    assert all(
        len((button.callback_data or "").encode()) <= 64  # type: ignore[union-attr]
        for row in howto_keyboards.all_exercises(LIBRARY).inline_keyboard
        for button in row
    )


@settings(max_examples=200, database=None, deadline=None)
@given(typed=ANY_TEXT, name=st.text(max_size=256))
def test_everything_that_quotes_the_runner_fits(typed: str, name: str) -> None:
    built = [
        onboarding.zone_unknown(typed),
        onboarding.zone_suggestions(typed),
        onboarding.not_a_time(typed),
        onboarding.welcome(name),
        howto.did_you_mean(typed),
        howto.unknown_exercise(typed),
        common.unknown_command(typed),
        plan.summary_card(
            first_name=name,
            level=Level.ADVANCED,
            equipment=set(Equipment),
            running_days=range(7),
            hard_days=range(7),
            leg_days=range(7),
            notes=["n" * 300] * 5,
            reminder_time=time(23, 59),
            zone_label="Z" * 200,
            next_leg_day=datetime(2026, 12, 31, 23, 59),
            paused_note="p" * 100,
            race_note="r" * 100,
        ),
    ]
    assert all(_fits(text) for text in built)


def test_every_toast_fits() -> None:
    toasts = [
        session.press_answer(outcome, 99, done, closed)
        for outcome in PressOutcome
        for done in (True, False)
        for closed in (True, False)
    ]
    toasts += [session.moved_answer(up, refused) for up in (True, False) for refused in (1, 0)]
    toasts += [common.not_your_button(), common.button_too_old(), onboarding.earlier_question()]
    assert all(utf16_len(toast or "") <= ANSWER_LIMIT for toast in toasts)


def test_onboarding_keyboards_fit() -> None:
    markups = [
        onboarding_keyboards.level(),
        onboarding_keyboards.equipment(set(Equipment), True),
        onboarding_keyboards.days(range(7), "days"),
        onboarding_keyboards.days(range(7), "hard"),
        onboarding_keyboards.times(),
        onboarding_keyboards.zone_confirm(),
        onboarding_keyboards.summary(),
        onboarding_keyboards.settings_menu(),
    ]
    for markup in markups:
        for row in markup.inline_keyboard:
            for button in row:
                assert len((button.callback_data or "").encode()) <= 64  # type: ignore[union-attr]


async def test_many_presses_never_make_a_summary_that_breaks_the_session(
    bot: BotHarness,
) -> None:
    runner = bot.runner()
    await onboard(runner, equipment=("Hip-circle band", "Long band", "Dumbbells"))
    await runner.command("workout")
    for exercise in range(5):
        for _ in range(12):
            await runner.press("Harder")
            await runner.press("Easier")
        await runner.press("Harder")
        if exercise < 4:
            await runner.press("Skip")
    await runner.command("stop")
    summary = runner.last_text
    assert "Summary" in summary and utf16_len(summary) <= TEXT_LIMIT
    # one net line per exercise, never one per press
    assert summary.count("Harder: now") <= 5 and "Easier: now" not in summary
    async with bot.session() as db:
        active = await db.scalar(
            select(func.count()).select_from(LegSession).where(LegSession.status == "active")
        )
    assert active == 0
