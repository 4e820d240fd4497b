"""Persistence: typed SQLAlchemy models, migrations and repository functions.

Repositories take an ``AsyncSession`` and never commit: one session per update, and the caller
(the per-update wrapper in ``bot.app``, or a scheduler tick) commits.
"""
