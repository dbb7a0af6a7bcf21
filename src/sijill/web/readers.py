"""How fresh what the web app caches over its read-only connections must be.

Answer caches and the name index are kept until SQLite's `PRAGMA data_version` moves, i.e.
until anyone commits. While a job (ingest, reprocess) commits every few documents, that is
all the time: every search would rebuild the name index and recount its facets. So the
readers of an app report a change of the archive (their shared `Epoch`) at most every `stale`
seconds: while a job runs, cached answers (facet counts, listings, spellings) may lag it by
up to that long. Never behind a client's own writes, though: after a write (its time kept in
the session, see `offloop`), its next pages see the archive as it is. Only what is cached
lags; a document's page is read live. One epoch for all threads also lets them share one
cache and one name index.
"""

from __future__ import annotations

import threading
import time
from contextvars import ContextVar

STALE_SECONDS = 30.0  # the default of `sijill serve --cache-lag`
_FRESH_AFTER: ContextVar[float] = ContextVar("sijill_fresh_after", default=0.0)


def serving(last_write: float) -> None:
    """The client being served last wrote at `last_write` (Unix seconds; 0: never)."""
    _FRESH_AFTER.set(last_write)


class Epoch:
    """The version of the archive that every reader of one app reports: it moves when a
    reader has seen a commit and `stale` seconds have passed since it last moved (or the
    client being served wrote since). Shared by the app's readers, so one cache and one name
    index serve all of its threads."""

    def __init__(self, stale: float = STALE_SECONDS) -> None:
        self.stale = stale
        self.value = 0
        self.since = time.time()
        self._lock = threading.Lock()

    def changed(self) -> bool:
        """A reader saw a commit: move on if allowed; whether it moved."""
        now = time.time()
        with self._lock:
            if now - self.since < self.stale and _FRESH_AFTER.get() < self.since:
                return False
            self.value, self.since = self.value + 1, now
            return True
