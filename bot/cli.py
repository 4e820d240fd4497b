"""The ``legcoach`` command: run, migrate, console, pictures.

Every way out is one line on stderr and an exit code, never a traceback (that is logged at
DEBUG only, redacted like every log line), and never the token or the webhook secret:

- 0: stopped by SIGTERM or SIGINT (or the console was left);
- 1: an unexpected error, in start-up or later: ``legcoach: run failed: <Type>: <message>``;
- 2: a configuration error, which no restart will fix: an invalid setting, no
  ``TELEGRAM_BOT_TOKEN`` without a terminal to open the console in, or a token Telegram
  rejects (401);
- 130: interrupted before the bot was up.

A Bot API that cannot be reached is not an exit: start-up retries it (``bot.lifecycle``).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Final

from telegram import Update

from bot.config import Settings, SettingsError, load_settings
from bot.lifecycle import TokenRejected, stop_on_signals
from bot.logs import setup_logging
from storage.migrate import upgrade_url

log = logging.getLogger("legcoach")

EXIT_OK: Final = 0
EXIT_FAILED: Final = 1
EXIT_CONFIG: Final = 2
EXIT_INTERRUPTED: Final = 130

NO_TOKEN = (
    "No TELEGRAM_BOT_TOKEN set. To run the real bot, message @BotFather on Telegram, send "
    "/newbot, and put the token it gives you in .env as TELEGRAM_BOT_TOKEN=...\n"
    "Meanwhile, here is the offline console: the whole bot, no Telegram needed."
)
# Without a terminal (a container, a service) there is no one to type into the console.
NO_TOKEN_LINE = (
    "TELEGRAM_BOT_TOKEN is not set: message @BotFather on Telegram, send /newbot, and put the "
    "token it gives you in .env (or the environment) as TELEGRAM_BOT_TOKEN=...; "
    "`legcoach console` tries the bot offline"
)
MAX_LINE = 300


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="legcoach", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="run the bot (the offline console when no token is set)")
    sub.add_parser("migrate", help="upgrade the database to the latest schema")
    sub.add_parser("console", help="try the bot offline in this terminal")
    pictures = sub.add_parser(
        "pictures", help="render the exercise pictures (all, or those of the exercises named)"
    )
    pictures.add_argument("exercises", nargs="*", metavar="EXERCISE", help="e.g. squat")
    pictures.add_argument("--dir", type=Path, help="where to write them (default PICTURES_DIR)")
    sub.add_parser("stats", help="the operator figures (as /stats and /metrics give them)")
    args = parser.parse_args(argv)
    command = args.command or "run"
    try:
        settings = load_settings()
    except SettingsError as exc:
        return fail(str(exc), EXIT_CONFIG)
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    redact = setup_logging(settings.log_level, token, secret)
    try:
        if command == "pictures":
            return render_pictures(args.dir or settings.pictures_dir, args.exercises)
        if command == "stats":
            return show_stats(settings)
        return dispatch(command, settings, token)
    except TokenRejected as exc:
        return fail(str(exc), EXIT_CONFIG)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as exc:
        log.debug("%s failed", command, exc_info=True)  # redacted like every record
        return fail(f"{command} failed: {failure(exc, redact)}", EXIT_FAILED)


def dispatch(command: str, settings: Settings, token: str) -> int:
    if command == "migrate":
        asyncio.run(migrate(settings))
        print("database is up to date")
        return EXIT_OK
    if command == "console":
        return run_console(settings)
    if not token:
        if not interactive():
            return fail(NO_TOKEN_LINE, EXIT_CONFIG)
        print(NO_TOKEN)
        return run_console(settings)
    asyncio.run(run_bot(settings))
    return EXIT_OK


def fail(line: str, code: int) -> int:
    """Print the one line that explains the exit, and return the exit code."""
    print(f"legcoach: {line}", file=sys.stderr)
    return code


def failure(error: BaseException, redact: Callable[[str], str]) -> str:
    """``Type: message`` of an error, redacted, on one line of reasonable length."""
    message = " ".join(redact(str(error)).split())
    if len(message) > MAX_LINE:
        message = message[: MAX_LINE - 1] + "…"
    name = type(error).__name__
    return f"{name}: {message}" if message else name


def interactive() -> bool:
    """Whether someone can type into the console: standard input is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


async def migrate(settings: Settings) -> None:
    """Upgrade the database in ``DATABASE_URL`` (several instances take turns)."""
    await upgrade_url(settings.database_url)


def render_pictures(directory: Path, exercise_ids: list[str]) -> int:
    """Render pictures into ``directory`` and print each one's files, to open and look at."""
    # Imported on use, like every command's own modules: `legcoach --help`, `migrate` and
    # `stats` start without loading the drawing code, matplotlib or the whole bot.
    from bot.pictures import PictureCache
    from content.figures.catalogue import all_pictures, picture_for
    from content.library import default_library

    library = default_library()
    unknown = [name for name in exercise_ids if name not in library.ids]
    if unknown:
        known = ", ".join(library.ids)
        print(f"legcoach: no exercise {unknown[0]!r} (known: {known})", file=sys.stderr)
        return 2
    if exercise_ids:
        chosen = {
            picture.id: picture
            for exercise_id in exercise_ids
            for rung in library.get(exercise_id).ladder
            for picture in (picture_for(exercise_id, rung.id),)
        }
        pictures = tuple(chosen.values())
    else:
        pictures = all_pictures()
    cache = PictureCache(directory)
    for rendered in cache.render_all(pictures):
        print(f"{rendered.picture_id}: {rendered.photo} {rendered.animation}")
    print(f"{len(pictures)} pictures in {directory} ({cache.drawn} files drawn now)")
    return 0


def show_stats(settings: Settings) -> int:
    """``legcoach stats``: the operator figures of the database (bot/operator.py)."""
    from bot.operator import print_stats  # on use, like the other commands' own modules

    return print_stats(settings)


# The updates the bot handles; anything else Telegram is told not to send.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]


async def run_bot(settings: Settings) -> None:
    """Migrate, then serve until SIGTERM or SIGINT: a webhook when WEBHOOK_URL is set, long
    polling otherwise. Both run the reminder scheduler and retry an unreachable Bot API."""
    # on use: the other commands start without loading the Telegram stack
    from bot import polling, webhook
    from bot.app import build_application

    stop = asyncio.Event()
    with stop_on_signals(stop):
        await migrate(settings)
        if stop.is_set():
            return
        application = build_application(settings)
        if settings.webhook_url:
            log.info("starting in webhook mode")
            await webhook.serve(application, settings, allowed_updates=ALLOWED_UPDATES, stop=stop)
        else:
            log.info("starting in long-polling mode")
            await polling.serve(application, settings, allowed_updates=ALLOWED_UPDATES, stop=stop)


def run_console(settings: Settings) -> int:
    """The offline console (bot/console.py): the whole bot, no token, no network."""
    from bot.console import run  # on use: only this command needs the console

    return run(settings)


if __name__ == "__main__":
    raise SystemExit(main())
