"""Everything the runner reads, kept apart from logic. HTML parse mode; escape user data."""
