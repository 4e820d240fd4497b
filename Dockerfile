FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY storage ./storage
COPY content ./content
COPY bench ./bench
RUN pip install . && useradd --create-home legcoach
USER legcoach

# Migrates the database, then serves (long polling, or a webhook when WEBHOOK_URL is set).
CMD ["legcoach", "run"]
