"""python-telegram-bot wiring of legcoach."""

import os

# Make RetryAfter.retry_after a timedelta (PTB's future default) instead of a deprecated int.
os.environ.setdefault("PTB_TIMEDELTA", "true")
