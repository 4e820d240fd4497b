"""Logging set-up that keeps the bot token and the webhook secret out of every line.

The token is part of every Bot API URL (``/bot<token>/<method>``), so anything that prints a
URL or quotes a request (httpx at DEBUG, PTB's own exception messages, a traceback's
``exc_info``) would leak it. Every record goes through :class:`RedactTokens` on the one root
handler: the rendered message, the exception text and the stack text are redacted, whatever
the level. Uncaught exceptions in threads and unraisable ones are routed through logging too,
and Python warnings are captured, so nothing reaches stderr around the filter.
"""

from __future__ import annotations

import logging
import re
import sys
import threading
from types import TracebackType
from typing import Final
from urllib.parse import quote

MASK: Final = "<token>"
# Any bot token (digits:secret), wherever it appears: URLs, reprs, exception texts.
_TOKEN_RE = re.compile(r"\d{3,}(?::|%3A)[A-Za-z0-9_-]{20,}", re.IGNORECASE)


class Redactor:
    """Masks the given secrets (as written and URL-encoded) and anything shaped like a token."""

    def __init__(self, *secrets: str) -> None:
        variants = {form for secret in secrets if secret for form in (secret, quote(secret))}
        # Longest first, so a secret that contains another is masked whole.
        self._secrets = sorted(variants, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return _TOKEN_RE.sub(MASK, text)


class RedactTokens(logging.Filter):
    """Replace secrets in the rendered message, the exception text and the stack text."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self.redact = Redactor(*secrets)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self.redact(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = self.redact(logging.Formatter().formatException(record.exc_info))
            record.exc_info = None
        elif record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def setup_logging(level: str, *secrets: str) -> Redactor:
    """One stderr handler with the redacting filter; returns the redactor for other output."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    redactor = RedactTokens(*secrets)
    handler.addFilter(redactor)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL, which holds the token (redacted, like every line): only
    # worth seeing when debugging. httpcore's connection-level chatter never is.
    logging.getLogger("httpx").setLevel(logging.DEBUG if level == "DEBUG" else logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.INFO)
    # APScheduler warns on every skipped run while a long dispatch tick is still going;
    # that is by design (one tick at a time), so only its errors are worth a line.
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    logging.captureWarnings(True)
    _route_uncaught_through_logging()
    return redactor.redact


_uncaught = logging.getLogger("legcoach.uncaught")


def _log_uncaught(
    kind: type[BaseException], error: BaseException, traceback: TracebackType | None
) -> None:
    _uncaught.critical("uncaught %s", kind.__name__, exc_info=(kind, error, traceback))


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        _log_uncaught(args.exc_type, args.exc_value, args.exc_traceback)


def _log_unraisable(unraisable: sys.UnraisableHookArgs) -> None:
    error = unraisable.exc_value
    if error is not None:
        _uncaught.warning(
            "ignored %s in %r",
            type(error).__name__,
            unraisable.object,
            exc_info=(type(error), error, unraisable.exc_traceback),
        )


def _route_uncaught_through_logging() -> None:
    """Python prints these straight to stderr; send them through the redacting handler."""
    sys.excepthook = _log_uncaught
    threading.excepthook = _log_thread_exception
    sys.unraisablehook = _log_unraisable
