"""Answers kept until the archive changes: facet counts, entity listings, the network.

The stamp is SQLite's own: `PRAGMA data_version` moves when another connection (the CLI
ingesting) commits, and `total_changes` when this one writes; so a cached answer is never
older than the archive it was computed from.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sijill.store.connection import change_stamp

T = TypeVar("T")
SIZE = 256


class ArchiveCache:
    """Safe to share between threads: two may compute the same answer at once (the last
    kept), never corrupt the cache."""

    def __init__(self, size: int = SIZE) -> None:
        self._size = size
        self._stamp: tuple[int, int] | None = None
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def peek(self, conn: sqlite3.Connection, key: Hashable) -> Any:
        """The answer kept for `key`, or None (so that a caller can choose how to compute)."""
        stamp = change_stamp(conn)
        with self._lock:
            if stamp != self._stamp:
                return None
            return self._items.get(key)

    def get(self, conn: sqlite3.Connection, key: Hashable, compute: Callable[[], T]) -> T:
        stamp = change_stamp(conn)
        with self._lock:
            if stamp != self._stamp:
                self._items.clear()
                self._stamp = stamp
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]  # type: ignore[no-any-return]
        value = compute()
        # computing may write (temp tables count as changes): stamp after, not before
        stamp = change_stamp(conn)
        with self._lock:
            if stamp != self._stamp:
                self._items.clear()
                self._stamp = stamp
            self._items[key] = value
            if len(self._items) > self._size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._stamp = None
