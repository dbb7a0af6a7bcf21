"""A connection's own state: how the archive has changed since it was last asked (for
caches), and how long a write waits for the lock."""

from __future__ import annotations

import sqlite3

# Asked exactly so: the web app's read-only connections answer it with their app's epoch.
DATA_VERSION = "PRAGMA data_version"


def change_stamp(conn: sqlite3.Connection) -> tuple[int, int]:
    """(data_version, total_changes): moves when another connection commits, or this writes."""
    return conn.execute(DATA_VERSION).fetchone()[0], conn.total_changes


def busy_timeout(conn: sqlite3.Connection, seconds: float) -> None:
    """How long a write on `conn` waits for another's lock before failing (0: not at all)."""
    conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000):d}")
