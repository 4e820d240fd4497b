"""Settings: defaults, validation in one clear line, and the token kept secret."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import SettingsError, load_settings
from bot.logs import RedactTokens

TOKEN = "987654321:AAE-secret-token-value-for-tests"


def settings(**env: str) -> object:
    return load_settings(_env_file=None, **env)


def test_defaults() -> None:
    s = load_settings(_env_file=None)
    assert s.database_url == "sqlite+aiosqlite:///./data/legcoach.db"
    assert s.telegram_api_base_url == "https://api.telegram.org"
    assert s.scheduler_tick_seconds == 30
    assert s.webhook_url is None and s.telegram_bot_token is None


def test_environment_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("TELEGRAM_API_BASE_URL", "http://127.0.0.1:8081/")
    monkeypatch.setenv("ADMIN_IDS", "1, 2,3")
    monkeypatch.setenv("SCHEDULER_TICK_SECONDS", "5")
    s = load_settings(_env_file=None)
    assert s.telegram_bot_token is not None
    assert s.telegram_bot_token.get_secret_value() == TOKEN
    assert TOKEN not in repr(s) and TOKEN not in str(s.model_dump())
    assert s.bot_api_url == "http://127.0.0.1:8081/bot"
    assert s.bot_file_url == "http://127.0.0.1:8081/file/bot"
    assert s.admin_ids == (1, 2, 3)
    assert s.scheduler_tick_seconds == 5


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"telegram_bot_token": "nonsense"}, "TELEGRAM_BOT_TOKEN"),
        ({"database_url": "mysql://x"}, "DATABASE_URL"),
        ({"scheduler_tick_seconds": "-1"}, "SCHEDULER_TICK_SECONDS"),
        ({"webhook_url": "https://bot.example.org/telegram"}, "WEBHOOK_SECRET"),
        ({"admin_ids": "alice"}, "ADMIN_IDS"),
        ({"log_level": "LOUD"}, "LOG_LEVEL"),
        ({"webhook_port": "99999"}, "WEBHOOK_PORT"),
        ({"telegram_api_base_url": "ftp://x"}, "TELEGRAM_API_BASE_URL"),
    ],
)
def test_invalid_value_is_one_clear_line(env: dict[str, str], variable: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None, **env)
    message = str(caught.value)
    assert variable in message and "\n" not in message


def test_bad_token_is_not_echoed() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None, telegram_bot_token="123:short-but-secret")
    assert "short-but-secret" not in str(caught.value)


def test_token_never_reaches_a_log(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("legcoach.test")
    record_filter = RedactTokens(TOKEN)
    try:
        raise ConnectionError(f"cannot reach https://api.telegram.org/bot{TOKEN}/getMe")
    except ConnectionError:
        record = logger.makeRecord(
            "x", logging.ERROR, __file__, 1, "failed: %s", (f"/bot{TOKEN}/x",), sys.exc_info()
        )
    assert record_filter.filter(record)
    rendered = logging.Formatter().format(record)
    assert TOKEN not in rendered and "<token>" in rendered
    # tokens we were not told about are masked by shape too
    assert "<token>" in record_filter.redact("url /bot111222333:ABCDEFGHIJKLMNOPQRSTUVWXYZ/x")


def test_cli_stops_with_one_line_on_bad_config(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "migrate"],
        env={"DATABASE_URL": "mysql://nope", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "DATABASE_URL" in result.stderr


def test_cli_migrate_creates_the_sqlite_database(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "migrate"],
        env={"DATABASE_URL": "sqlite+aiosqlite:///./data/x.db", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data" / "x.db").exists()
