"""/export through the real Application: ten thousand sets parsed back with the csv module,
every set once; the profile document; files split before Telegram's upload limit."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.flows.export import ExportedSet
from bot.offline import ChatDriver
from bot.screens.export import write_sets
from bot.texts.export import HEADER, csv_row
from content.model import Unit
from content.record import SessionKind
from storage.enums import SessionStatus
from storage.models import SetLog
from storage.runners import find_by_telegram_id
from tests.factories import onboard
from tests.harness import BotHarness
from tests.records import seed_sessions

STRONG = (
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
)
TELEGRAM_UPLOAD_LIMIT = 50 * 1024 * 1024


async def runner_id(bot: BotHarness, driver: ChatDriver) -> int:
    async with bot.session() as db:
        profile = await find_by_telegram_id(db, driver.user_id)
    assert profile is not None
    return profile.id


async def test_ten_thousand_sets_come_back_once_each(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    owner = await runner_id(bot, runner)
    start = datetime(2026, 1, 5, 17, 0, tzinfo=UTC)
    assert (
        await seed_sessions(bot.engine, owner, sessions=200, start=start, sets_each=10) == 10_000
    )

    mark = runner.mark()
    await runner.command("export")
    sent = runner.sent_since(mark)
    assert [m.kind for m in sent] == ["document", "document"]
    sets_file, profile_file = sent
    assert sets_file.file_name == "legcoach-sets-2026-11-25.csv"
    assert sets_file.upload is not None and len(sets_file.upload) < TELEGRAM_UPLOAD_LIMIT
    rows = list(csv.DictReader(io.StringIO(sets_file.upload.decode("utf-8"), newline="")))
    assert len(rows) == 10_000
    assert list(rows[0]) == list(HEADER)
    assert set(STRONG) <= set(rows[0])
    keys = [(row["Session ID"], row["Exercise ID"], row["Set Order"]) for row in rows]
    async with bot.session() as db:
        stored = [
            (str(session), exercise, str(number))
            for session, exercise, number in await db.execute(
                select(SetLog.session_id, SetLog.exercise_id, SetLog.set_number).where(
                    SetLog.runner_id == owner
                )
            )
        ]
    assert len(set(keys)) == len(keys) == 10_000  # every set once
    assert sorted(keys) == sorted(stored)
    first = rows[0]
    # 17:00 UTC is 18:00 in Berlin in January; the date is the runner's local time
    assert first["Date"] == "2026-01-05 18:00:20"
    assert first["Workout Name"] == "Leg session" and first["Session Kind"] == "normal"
    assert first["Exercise Name"] == "Squat jump" and first["Duration"] == "21m"
    assert first["Reps"].isdigit() and first["Seconds"] == ""
    assert first["Weight"] == first["Weight Unit"] == first["Effort"] == ""  # not logged yet
    assert first["Time Zone"] == "Europe/Berlin"

    assert profile_file.file_name == "legcoach-profile-2026-11-25.json"
    assert profile_file.upload is not None
    document = json.loads(profile_file.upload.decode("utf-8"))
    assert document["profile"]["time_zone"] == "Europe/Berlin"
    assert document["profile"]["sets_logged"] == 10_000
    assert document["profile"]["sessions"] == 200


async def test_a_runner_with_no_sets_gets_a_sentence_and_the_profile(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    mark = runner.mark()
    await runner.command("export")
    sent = runner.sent_since(mark)
    assert "haven't logged a set yet" in sent[0].plain_text
    assert [m.kind for m in sent[1:]] == ["document"]
    assert sent[1].upload is not None
    assert json.loads(sent[1].upload)["profile"]["level"] == "beginner"


def exported(number: int, **changes: object) -> ExportedSet:
    fields: dict[str, object] = {
        "when": datetime(2026, 11, 25, 9, 0, tzinfo=UTC) + timedelta(minutes=number),
        "session_id": 7,
        "session_kind": SessionKind.LIGHT,
        "session_status": SessionStatus.STOPPED,
        "session_minutes": 75,
        "exercise_id": "single_leg_bridge",
        "exercise": 'One-legged bridge, "hold"',
        "rung_id": "hold",
        "variation": "Bridge hold, one leg",
        "set_number": number,
        "amount": 30,
        "unit": Unit.SECONDS,
        "per_side": True,
        "load": None,
        "load_unit": None,
        "effort": None,
    }
    fields.update(changes)
    return ExportedSet(**fields)  # type: ignore[arg-type]


def test_a_row_says_seconds_load_and_effort_in_their_columns() -> None:
    cells = csv_row(exported(1, load=12.5, load_unit="kg", effort="hard"), "UTC")
    row = dict(zip(HEADER, cells, strict=True))
    assert row["Seconds"] == "30" and row["Reps"] == ""
    assert row["Weight"] == "12.5" and row["Weight Unit"] == "kg" and row["Effort"] == "hard"
    assert row["Duration"] == "1h 15m" and row["Workout Notes"] == "Stopped early"
    assert row["Workout Name"] == "Light leg session" and row["Per Side"] == "yes"
    assert row["Notes"] == "Bridge hold, one leg (each side)"


async def test_a_long_export_is_split_into_files_each_with_the_header() -> None:
    async def rows() -> AsyncIterator[ExportedSet]:
        for number in range(1, 501):
            yield exported(number)

    parts = await write_sets(rows(), "UTC", limit=20_000)
    try:
        assert len(parts.files) > 1
        seen = []
        for file in parts.files:
            data = file.read()
            assert len(data) <= 20_000
            parsed = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
            assert tuple(parsed[0]) == HEADER
            seen += [int(row[HEADER.index("Set Order")]) for row in parsed[1:]]
        assert seen == list(range(1, 501))
        assert sum(parts.rows) == 500
    finally:
        parts.close()
