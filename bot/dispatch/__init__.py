"""Reminder delivery: the dispatcher (claim, send, record), the message it sends, and the
send limit. Built once, with its repeating job, in ``bot.app.build_application``; handlers
reach it through ``bot.context.Services.dispatcher``. docs/SCHEDULING.md explains it."""
