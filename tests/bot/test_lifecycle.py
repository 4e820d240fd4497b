"""Start-up retries, the rejected-token line, and redaction of every secret (issue 11, point 4)."""

from __future__ import annotations

import logging
import sys
from datetime import timedelta

import pytest
from telegram.error import BadRequest, Conflict, InvalidToken, NetworkError, RetryAfter, TimedOut

from bot.cli import failure
from bot.lifecycle import Backoff, TokenRejected, rejection_line, retry_delay
from bot.logs import Redactor, RedactTokens

TOKEN = "987654321:AAE-secret-token-value-for-tests"
SECRET = "webhook-Secret_value"


def test_back_off_doubles_up_to_its_cap_and_starts_over_after_a_success() -> None:
    backoff = Backoff(initial=1, cap=8)
    assert [backoff.next_delay() for _ in range(6)] == [1, 2, 4, 8, 8, 8]
    backoff.reset()
    assert backoff.next_delay() == 1


@pytest.mark.parametrize(
    ("error", "delay"),
    [
        (NetworkError("httpx.ConnectError: All connection attempts failed"), 1.0),
        (NetworkError("Bad Gateway"), 1.0),
        (TimedOut(), 1.0),
        (RetryAfter(timedelta(seconds=7)), 7.0),
        (BadRequest("Bad Request: chat not found"), None),
        (Conflict("Conflict: terminated by other getUpdates request"), None),
    ],
)
def test_which_bot_api_failures_are_retried(error: Exception, delay: float | None) -> None:
    assert retry_delay(error, Backoff(initial=1, cap=60)) == delay


def test_a_401_is_never_retried_and_its_line_holds_no_token() -> None:
    # What PTB raises from Bot.initialize: its message quotes the token.
    try:
        try:
            raise InvalidToken("Unauthorized")
        except InvalidToken as cause:
            raise InvalidToken(f"The token `{TOKEN}` was rejected by the server.") from cause
    except InvalidToken as error:
        with pytest.raises(TokenRejected) as caught:
            retry_delay(error, Backoff())
    assert str(caught.value) == (
        "Telegram rejected TELEGRAM_BOT_TOKEN (401 Unauthorized): check the token from @BotFather"
    )


def test_a_404_points_at_the_base_url_too() -> None:
    line = rejection_line(InvalidToken("Not Found"))
    assert "404 Not Found" in line and "TELEGRAM_API_BASE_URL" in line


def test_secrets_are_masked_as_written_url_encoded_and_by_shape() -> None:
    redact = Redactor(TOKEN, SECRET, "")
    text = redact(
        f"GET /bot{TOKEN}/getMe /bot987654321%3AAAE-secret-token-value-for-tests/x "
        f"secret_token={SECRET!r} other 111222333:ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    )
    assert TOKEN not in text and SECRET not in text and "AAE-secret" not in text
    assert "ABCDEFGHIJKLMNOPQRSTUVWXYZ" not in text
    assert text.count("<token>") == 4


def test_exception_chains_and_stacks_in_a_record_are_masked() -> None:
    logger = logging.getLogger("legcoach.test")
    try:
        try:
            raise ConnectionError(f"https://api.telegram.org/bot{TOKEN}/getMe")
        except ConnectionError as cause:
            raise RuntimeError(f"secret {SECRET}") from cause
    except RuntimeError:
        record = logger.makeRecord(
            "x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info(), sinfo=f"at {TOKEN}"
        )
    assert RedactTokens(TOKEN, SECRET).filter(record)
    rendered = logging.Formatter().format(record)
    assert "ConnectionError" in rendered and "RuntimeError" in rendered
    assert TOKEN not in rendered and SECRET not in rendered


def test_a_failure_line_is_one_short_redacted_line() -> None:
    error = FileExistsError(17, "File exists", f"/data/{TOKEN}\nmore")
    line = failure(error, Redactor(TOKEN))
    assert line.startswith("FileExistsError: [Errno 17] File exists: '/data/<token>")
    assert "\n" not in line and TOKEN not in line
    assert len(failure(ValueError("x" * 1000), Redactor())) < 330
    assert failure(KeyError(), Redactor()) == "KeyError"
