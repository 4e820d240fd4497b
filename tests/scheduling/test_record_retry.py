"""A database hiccup while the outcomes of a batch are recorded must not resend the batch
(issue 11, point 7): the record is tried again, as planning the next leg day is."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from content.reminders import ReminderStatus
from tests.harness import BotHarness
from tests.scheduling.conftest import (
    VirtualTime,
    dispatcher,
    pending_of,
    reminders_of,
    stored_runner,
)

# The statement that records sends (storage.claims.mark_sent_many)
RECORD_SENT = "UPDATE reminder SET status=CASE"


@contextmanager
def failing_once(harness: BotHarness, statement_start: str) -> Iterator[list[str]]:
    """The database answers the first statement starting with ``statement_start`` with an
    OperationalError (a dropped connection, a lock timeout), then works again."""
    failures: list[str] = []

    def hiccup(_conn: Any, _cursor: Any, statement: str, params: Any, *_: Any) -> None:
        if statement.startswith(statement_start) and not failures:
            failures.append(statement)
            raise OperationalError(statement, params, Exception("server closed the connection"))

    engine = harness.engine.sync_engine
    event.listen(engine, "before_cursor_execute", hiccup)
    try:
        yield failures
    finally:
        event.remove(engine, "before_cursor_execute", hiccup)


@pytest.fixture(params=["bot", pytest.param("pg_bot", marks=pytest.mark.postgres)])
def harness(request: pytest.FixtureRequest) -> BotHarness:
    bot: BotHarness = request.getfixturevalue(request.param)
    return bot


async def test_a_failed_record_of_a_batch_is_retried_and_nothing_is_sent_twice(
    harness: BotHarness, vtime: VirtualTime
) -> None:
    people = [await stored_runner(harness) for _ in range(3)]
    firsts = {p.id: (await pending_of(harness, p.id))[0] for p in people}
    due = max(reminder.due_at for reminder in firsts.values())
    harness.clock.set(due)
    with failing_once(harness, RECORD_SENT) as failures:
        report = await dispatcher(harness, vtime).tick(due)
    assert failures, "the hiccup was injected"
    assert (report.claimed, report.sent, report.errors) == (3, 3, [])
    # the claims would have expired after 5 minutes: later ticks find nothing to send again
    for _ in range(3):
        harness.clock.advance(timedelta(minutes=6))
        assert (await dispatcher(harness, vtime).tick(harness.clock.now())).sent == 0
    sent_to = Counter(
        call.params["chat_id"] for call in harness.api.calls_to("sendMessage") if call.ok
    )
    assert sent_to == {p.chat_id: 1 for p in people}
    for person in people:
        stored = await reminders_of(harness, person.id)
        first = next(r for r in stored if r.id == firsts[person.id].id)
        assert first.status is ReminderStatus.SENT and first.message_id is not None
        # and the next leg day was planned once the record landed
        (waiting,) = [r for r in stored if r.status is ReminderStatus.PENDING]
        assert waiting.local_date - first.local_date == timedelta(days=2)
