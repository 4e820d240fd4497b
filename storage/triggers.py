"""The set-log trigger: logging a set is one atomic statement.

A Done press is the hottest path of the bot. It is a single conditional
``UPDATE session_item SET sets_done = sets_done + 1, last_set_at = ... WHERE ... AND
sets_done = :expected``; this trigger writes the matching ``set_log`` row inside that same
statement, so the press costs one database round trip in autocommit mode and a double tap
still logs exactly one set (the second UPDATE matches no row, so no trigger fires).

The same SQL is used by migration 0008 and by ``Base.metadata.create_all`` (tests);
migration 0002 keeps a frozen copy of the first version. A SQLite batch migration that
recreates session_item drops the trigger: such a migration must recreate it.
"""

from __future__ import annotations

from sqlalchemy import DDL, Table, event

_COLUMNS = (
    "session_id, item_id, runner_id, exercise_id, rung_id, set_number, reps, unit, side, "
    "load, load_unit, logged_at"
)
# What the set counted: ``last_reps`` when the press said (Fewer), else the prescription.
_VALUES = (
    "NEW.session_id, NEW.id, s.runner_id, NEW.exercise_id, NEW.rung_id, NEW.sets_done, "
    "COALESCE(NEW.last_reps, NEW.reps), NEW.unit, "
    "CASE WHEN NEW.per_side THEN 'each' ELSE NULL END, NEW.load, NEW.load_unit, NEW.last_set_at"
)

SQLITE_CREATE = (
    "CREATE TRIGGER session_item_log_set AFTER UPDATE OF sets_done ON session_item "
    "WHEN NEW.sets_done = OLD.sets_done + 1 "
    f"BEGIN INSERT INTO set_log ({_COLUMNS}) SELECT {_VALUES} "
    "FROM leg_session AS s WHERE s.id = NEW.session_id; END"
)
SQLITE_DROP = "DROP TRIGGER IF EXISTS session_item_log_set"

POSTGRES_CREATE_FUNCTION = (
    "CREATE OR REPLACE FUNCTION session_item_log_set() RETURNS trigger AS $$ "
    "BEGIN "
    "IF NEW.sets_done = OLD.sets_done + 1 THEN "
    f"INSERT INTO set_log ({_COLUMNS}) SELECT {_VALUES} "
    "FROM leg_session AS s WHERE s.id = NEW.session_id; "
    "END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
)
POSTGRES_CREATE_TRIGGER = (
    "CREATE TRIGGER session_item_log_set AFTER UPDATE OF sets_done ON session_item "
    "FOR EACH ROW EXECUTE FUNCTION session_item_log_set()"
)
POSTGRES_DROP = (
    "DROP TRIGGER IF EXISTS session_item_log_set ON session_item",
    "DROP FUNCTION IF EXISTS session_item_log_set()",
)


def attach(table: Table) -> None:
    """Create the trigger whenever ``create_all`` creates the session_item table."""
    event.listen(table, "after_create", DDL(SQLITE_CREATE).execute_if(dialect="sqlite"))
    event.listen(
        table, "after_create", DDL(POSTGRES_CREATE_FUNCTION).execute_if(dialect="postgresql")
    )
    event.listen(
        table, "after_create", DDL(POSTGRES_CREATE_TRIGGER).execute_if(dialect="postgresql")
    )
