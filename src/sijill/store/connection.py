"""A connection's own state: how the archive has changed since it was last asked (for
caches), how long a write waits for the lock, and a read-only connection that reports
changes no more often than its owner allows."""

from __future__ import annotations

import sqlite3
from typing import Any, Protocol

# Asked exactly so: the web app's read-only connections answer it with their app's epoch.
DATA_VERSION = "PRAGMA data_version"


def change_stamp(conn: sqlite3.Connection) -> tuple[int, int]:
    """(data_version, total_changes): moves when another connection commits, or this writes."""
    return conn.execute(DATA_VERSION).fetchone()[0], conn.total_changes


def busy_timeout(conn: sqlite3.Connection, seconds: float) -> None:
    """How long a write on `conn` waits for another's lock before failing (0: not at all)."""
    conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000):d}")


class Epoch(Protocol):
    """A version of the archive shared by several connections, moved by their owner."""

    value: int

    def changed(self) -> bool:
        """A connection saw a commit: move on if allowed; whether it moved."""
        ...


class EpochConnection(sqlite3.Connection):
    """A connection whose `PRAGMA data_version` is its `epoch`'s value (set by its owner;
    until then SQLite's own): a commit seen and not yet reported stays pending until the
    epoch may move."""

    epoch: Epoch | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._seen: int | None = None

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        if sql == DATA_VERSION and self.epoch is not None:
            return super().execute("SELECT ?", (self._version(),))
        return super().execute(sql, parameters)

    def _version(self) -> int:
        assert self.epoch is not None
        seen = super().execute(DATA_VERSION).fetchone()[0]
        if seen != self._seen and (self._seen is None or self.epoch.changed()):
            self._seen = seen
        return self.epoch.value
