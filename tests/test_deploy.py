"""docker-compose.yml, Dockerfile, the lock, README and CI are checked here (Docker does not
run here)."""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path, PurePosixPath

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from bot.config import DEFAULT_DATABASE_URL, Settings

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


def test_compose_env_file_is_optional() -> None:
    """No .env at all must reach the bot's own one-line message, not a compose error."""
    bot = compose()["services"]["bot"]
    assert bot["env_file"] == [{"path": ".env", "required": False}]


def test_compose_restarts_a_crash_but_not_a_configuration_error_forever() -> None:
    policy = compose()["services"]["bot"]["restart"]
    match = re.fullmatch(r"on-failure:(\d+)", policy)
    assert match, f"{policy!r} restarts forever on a configuration error"
    assert 1 <= int(match.group(1)) <= 10


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


def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text()


def test_dockerfile_installs_the_locked_versions_and_runs_the_bot() -> None:
    text = dockerfile()
    assert re.search(r"^FROM python:3\.11-slim-\w+$", text, re.M)  # the lock's Python
    assert "COPY requirements.lock ./" in text
    assert "RUN pip install --requirement requirements.lock" in text
    # the project without resolving again, and a check that the lock was complete
    assert "pip install --no-deps . && pip check" in text
    assert text.index("--requirement requirements.lock") < text.index("--no-deps .")
    assert '"legcoach", "run"' in text


def test_the_image_runs_as_a_user_who_owns_the_default_database_folder() -> None:
    text = dockerfile()
    workdir = PurePosixPath(re.findall(r"^WORKDIR (\S+)$", text, re.M)[-1])
    relative = DEFAULT_DATABASE_URL.removeprefix("sqlite+aiosqlite:///")
    folder = workdir / PurePosixPath(relative).parent  # ./data under the working directory
    assert re.search(r"^USER legcoach$", text, re.M)
    assert text.index("USER legcoach") > text.index(f"chown legcoach:legcoach {folder}")
    assert f'VOLUME ["{folder}"]' in text


def locked() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, equals, version = line.partition("==")
        assert equals and re.fullmatch(r"[A-Za-z0-9._-]+", name), f"not an exact pin: {line}"
        assert canonicalize_name(name) not in pins, f"pinned twice: {name}"
        pins[canonicalize_name(name)] = Version(version)
    return pins


def test_the_lock_pins_every_runtime_dependency_within_its_range_and_nothing_else() -> None:
    """Walks pyproject's dependencies and theirs (extras and markers evaluated for this
    Python on Linux, as in the image): each is pinned and the pin satisfies every range that
    asks for it; every pin is needed."""
    pins = locked()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    queue = [(Requirement(spec), "pyproject.toml") for spec in project["dependencies"]]
    needed: set[str] = set()
    while queue:
        requirement, wanted_by = queue.pop()
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{requirement} (wanted by {wanted_by}) is not in the lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{name}=={pins[name]} does not satisfy {requirement} (wanted by {wanted_by})"
        )
        for extra in {"", *requirement.extras}:
            key = f"{name}[{extra}]"
            if key in needed:
                continue
            needed.add(key)
            for spec in metadata.requires(name) or []:
                dependency = Requirement(spec)
                if dependency.marker is None or dependency.marker.evaluate({"extra": extra}):
                    queue.append((dependency, name))
    assert {key.partition("[")[0] for key in needed} == set(pins), "pins nothing needs"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```(?:sh|bash)?\n(.*?)```", readme, re.S)
    assert len(blocks) >= 2
    run_command, test_command = blocks[0].strip(), blocks[1].strip()
    assert "legcoach run" in run_command
    ci = (ROOT / ".ci" / "run").read_text()
    assert test_command in ci.splitlines()
    assert "pg_ctlcluster --skip-systemctl-redirect" in ci
