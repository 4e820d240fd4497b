# Reproducible: Python 3.11 on one Debian release, and every Python package at the exact
# version in requirements.lock (tests/test_deploy.py keeps the lock in step with pyproject).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

# The dependencies, from the lock alone (this layer is rebuilt only when the lock changes).
COPY requirements.lock ./
RUN pip install --requirement requirements.lock

# The bot itself, resolving nothing again; pip check fails the build if the lock lacks a
# dependency.
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY storage ./storage
COPY content ./content
COPY bench ./bench
RUN pip install --no-deps . && pip check

# An unprivileged user that owns /app/data, where the default SQLite database lives
# (DATABASE_URL=sqlite+aiosqlite:///./data/legcoach.db, relative to /app). Mount a volume
# there to keep it; compose uses PostgreSQL instead.
RUN useradd --create-home --uid 10001 legcoach \
    && mkdir -p /app/data && chown legcoach:legcoach /app/data
VOLUME ["/app/data"]
USER legcoach

# Migrates the database, then serves (long polling, or a webhook when WEBHOOK_URL is set).
# Exit codes (docs/DEPLOY.md): 0 stopped, 1 crashed, 2 configuration error (no token, a
# rejected token, an invalid setting).
CMD ["legcoach", "run"]
