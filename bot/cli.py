"""The ``legcoach`` command: run, migrate, console, pictures."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from telegram import Update

from bot.config import Settings, SettingsError, load_settings
from bot.logs import setup_logging

log = logging.getLogger("legcoach")

NO_TOKEN = (
    "No TELEGRAM_BOT_TOKEN set. To run the real bot, message @BotFather on Telegram, send "
    "/newbot, and put the token it gives you in .env as TELEGRAM_BOT_TOKEN=...\n"
    "Meanwhile, here is the offline console: the whole bot, no Telegram needed."
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="legcoach", description=__doc__)
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
        print(f"legcoach: {exc}", file=sys.stderr)
        return 2
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    setup_logging(settings.log_level, token, secret)
    if command == "pictures":
        return render_pictures(args.dir or settings.pictures_dir, args.exercises)
    if command == "stats":
        return show_stats(settings)
    if command == "migrate":
        asyncio.run(migrate(settings))
        print("database is up to date")
        return 0
    if command == "console" or not token:
        if command == "run":
            print(NO_TOKEN)
        return run_console(settings)
    return run_bot(settings)


async def migrate(settings: Settings) -> None:
    from storage.db import create_engine
    from storage.migrate import upgrade

    engine = create_engine(settings.database_url)
    try:
        await upgrade(engine)
    finally:
        await engine.dispose()


def render_pictures(directory: Path, exercise_ids: list[str]) -> int:
    """Render pictures into ``directory`` and print each one's files, to open and look at."""
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
    from bot.operator import print_stats  # lazily, like the other commands' own modules

    return print_stats(settings)


# The updates the bot handles; anything else Telegram is told not to send.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.MY_CHAT_MEMBER]


def run_bot(settings: Settings) -> int:
    """Migrate, then serve: a webhook when WEBHOOK_URL is set, long polling otherwise."""
    from bot.app import build_application

    asyncio.run(migrate(settings))
    application = build_application(settings)
    if settings.webhook_url:
        from bot.webhook import serve

        log.info("starting in webhook mode")
        asyncio.run(serve(application, settings, allowed_updates=ALLOWED_UPDATES))
    else:
        # run_polling starts the job queue (the reminder dispatch) along with the updater.
        log.info("starting in long-polling mode")
        application.run_polling(allowed_updates=ALLOWED_UPDATES)
    return 0


def run_console(settings: Settings) -> int:
    """The offline console (bot/console.py): the whole bot, no token, no network."""
    from bot.console import run

    return run(settings)


if __name__ == "__main__":
    raise SystemExit(main())
