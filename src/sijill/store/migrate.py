"""Versioned schema migrations: `migrations/NNNN_name.sql`, applied in order, tracked by
`PRAGMA user_version` (and, for people reading the file, the `migrations` table).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.resources import files

from sijill.errors import StoreError

_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema migration shipped with Sijill: its number, name and SQL."""

    version: int
    name: str
    sql: str


def available() -> list[Migration]:
    """The migrations shipped with this version, numbered 1, 2, 3... without gaps."""
    found = []
    for entry in files("sijill.store").joinpath("migrations").iterdir():
        match = _FILE_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.version)
    if [m.version for m in found] != list(range(1, len(found) + 1)):
        raise StoreError(f"migrations are not numbered 1..n: {[m.version for m in found]}")
    return found


def statements(sql: str) -> Iterator[str]:
    """Split a script into statements; sqlite3 knows where a trigger's body ends."""
    buffer = ""
    for line in sql.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip() and not all(
        ln.strip().startswith("--") or not ln.strip() for ln in buffer.splitlines()
    ):
        raise StoreError(f"incomplete SQL statement at the end of a migration: {buffer[:80]!r}")


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open archive (`PRAGMA user_version`)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Bring the schema up to date; returns the versions applied (none when already current).

    Each migration runs in its own transaction with its version bump, so a failure leaves
    the file at the last good version. `conn` must be in autocommit mode.
    """
    known = available()
    current = schema_version(conn)
    if current > len(known):
        raise StoreError(
            f"the archive's schema is version {current}, newer than this Sijill "
            f"(knows up to {len(known)}); upgrade Sijill to open it"
        )
    return [m.version for m in known if m.version > current and _apply(conn, m)]


def _apply(conn: sqlite3.Connection, migration: Migration) -> bool:
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated between our first look and taking the lock.
        if schema_version(conn) >= migration.version:
            conn.execute("ROLLBACK")
            return False
        for statement in statements(migration.sql):
            conn.execute(statement)
        conn.execute(
            "INSERT INTO migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (migration.version, migration.name, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        conn.execute(f"PRAGMA user_version = {migration.version:d}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return True
