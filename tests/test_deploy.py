"""docker-compose.yml, Dockerfile, README and CI are checked here (Docker does not run here)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from bot.config import Settings

ROOT = Path(__file__).resolve().parent.parent


def compose() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_has_the_bot_and_postgres_16_with_a_volume_and_health_check() -> None:
    services = compose()["services"]
    assert set(services) == {"bot", "db"}
    db = services["db"]
    assert db["image"].startswith("postgres:16")
    volume = db["volumes"][0].split(":")[0]
    assert volume in compose()["volumes"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    bot = services["bot"]
    assert bot["depends_on"]["db"]["condition"] == "service_healthy"
    assert bot["env_file"] == ".env"


def test_compose_variables_are_real_settings() -> None:
    bot = compose()["services"]["bot"]
    fields = {name.upper() for name in Settings.model_fields}
    assert set(bot["environment"]) <= fields
    url = bot["environment"]["DATABASE_URL"]
    assert url.startswith("postgresql+asyncpg://") and "@db:5432/" in url
    db_env = compose()["services"]["db"]["environment"]
    assert f"{db_env['POSTGRES_USER']}:{db_env['POSTGRES_PASSWORD']}@" in url
    assert url.endswith("/" + db_env["POSTGRES_DB"])


def test_env_example_lists_every_setting() -> None:
    text = (ROOT / ".env.example").read_text()
    for name in Settings.model_fields:
        if name == "send_rate_per_second":
            continue
        assert name.upper() in text, name


def test_dockerfile_installs_and_runs_the_bot() -> None:
    text = (ROOT / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.1[1-9]", text, re.M)
    assert "pip install ." in text and '"legcoach", "run"' in text


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```(?:sh|bash)?\n(.*?)```", readme, re.S)
    assert len(blocks) >= 2
    run_command, test_command = blocks[0].strip(), blocks[1].strip()
    assert "legcoach run" in run_command
    ci = (ROOT / ".ci" / "run").read_text()
    assert test_command in ci.splitlines()
    assert "pg_ctlcluster --skip-systemctl-redirect" in ci
