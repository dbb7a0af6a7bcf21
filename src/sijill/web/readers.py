"""The web app's read-only connections, and how fresh what is cached over them must be.

Answer caches and the name index are kept until SQLite's `PRAGMA data_version` moves, i.e.
until anyone commits. While a job (ingest, reprocess) commits every few documents, that is
all the time: every search would rebuild the name index and recount its facets, in every
thread. So a reader reports a change of the archive at most every `stale` seconds: while a
job runs, cached answers (facet counts, listings, spellings) may lag it by up to that long.
Never behind a reader's own edits, though: after a client's write (`wrote`), its next pages
see the archive as it is. Only what is cached lags; a document's page is read live.
"""

from __future__ import annotations

import sqlite3
import time
from contextvars import ContextVar
from typing import Any

STALE_SECONDS = 30.0
_FRESH_AFTER: ContextVar[float] = ContextVar("sijill_fresh_after", default=0.0)
_DATA_VERSION = "PRAGMA data_version"


def serving(last_write: float) -> None:
    """The client being served last wrote at `last_write` (Unix seconds; 0: never)."""
    _FRESH_AFTER.set(last_write)


class Reader(sqlite3.Connection):
    """A connection whose `PRAGMA data_version` moves at most every `stale` seconds, or at
    once when the client being served wrote since it last moved."""

    stale = STALE_SECONDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._seen: int | None = None
        self._shown = 0
        self._since = 0.0

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        if sql == _DATA_VERSION:
            return super().execute("SELECT ?", (self._version(),))
        return super().execute(sql, parameters)

    def _version(self) -> int:
        seen = super().execute(_DATA_VERSION).fetchone()[0]
        now = time.time()
        if seen != self._seen and (now - self._since >= self.stale
                                   or _FRESH_AFTER.get() >= self._since):
            self._seen, self._shown, self._since = seen, self._shown + 1, now
        return self._shown
