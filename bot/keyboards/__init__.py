"""Inline keyboards, kept apart from logic. Callback data formats live in bot.callbacks."""
