"""The exercise library and the coaching rules, as data and pure functions.

Nothing in this package does I/O beyond reading its own data file, talks to Telegram or
touches the database: it is the functional core that the bot and storage layers call.
"""
