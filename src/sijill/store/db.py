"""One archive file open: its connection, its transactions, and the store's small shared
helpers. Every other module of the store works through a `Database`; `Archive` is one.

One file in WAL mode. Writes happen in explicit transactions (`BEGIN IMMEDIATE` ...
`COMMIT`, autocommit otherwise); `batch()` groups many writes into one, and each write
nests inside it as a savepoint, so a failure undoes exactly the batch or the call.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sijill.errors import StoreError
from sijill.store.migrate import migrate

__all__ = ["Database", "check_author", "default_db_path", "dumps", "now"]


def default_db_path() -> Path:
    """$SIJILL_DB, else ./sijill.db."""
    return Path(os.environ.get("SIJILL_DB") or "sijill.db")


def now() -> str:
    """The current UTC time as the archive stores it (ISO 8601, to the second)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def dumps(value: Any) -> str:
    """Compact JSON, non-ASCII kept: how the archive stores JSON values."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def json_list(values: Iterable[Any]) -> str:
    """`values` sorted, as the JSON list `json_each(?)` reads."""
    return dumps(sorted(values))


def check_author(author: str, what: str = "an edit") -> None:
    """Refuse a human-layer write without an author ("an edit needs an author")."""
    if not author or not author.strip():
        raise StoreError(f"{what} needs an author")


def _connect(path: Path, readonly: bool, timeout: float,
             factory: type[sqlite3.Connection]) -> sqlite3.Connection:
    try:
        if readonly:
            return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                   isolation_level=None, timeout=timeout,
                                   check_same_thread=False, factory=factory)
        return sqlite3.connect(path, isolation_level=None, timeout=timeout,
                               check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open archive {path}: {exc}") from exc


class Database:
    """One open archive file: a connection and its transactions. Use as a context manager,
    or call `close()`."""

    def __init__(self, path: str | Path | None = None, *, readonly: bool = False,
                 timeout: float = 30.0,
                 factory: type[sqlite3.Connection] = sqlite3.Connection) -> None:
        """`readonly`: a reader of an existing archive (the web app's pages), which never
        writes, migrates or takes a lock; `timeout`: how long a write waits for another;
        `factory`: the connection's class (the web app's readers use their own).
        One object is used by one thread at a time; the web app closes its threads'
        archives from another thread at shutdown, hence `check_same_thread=False`."""
        self.path = Path(path) if path is not None else default_db_path()
        if str(self.path) != ":memory:" and not readonly:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = _connect(self.path, readonly, timeout, factory)
        self._depth = 0
        self._closed = False
        if not readonly:
            self._prepare()

    def _prepare(self) -> None:
        try:
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            migrate(self._conn)
        except (sqlite3.DatabaseError, StoreError) as exc:
            self._conn.close()
            if isinstance(exc, StoreError):
                raise
            raise StoreError(f"{self.path} is not a usable Sijill archive: {exc}") from exc

    @property
    def connection(self) -> sqlite3.Connection:
        """The archive's SQLite connection, for the store's own modules; writes go inside
        `batch()`."""
        return self._conn

    def one(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
        """The first row of a query, or None."""
        return self._conn.execute(sql, params).fetchone()

    def close(self) -> None:
        """Close the file; an unfinished batch is rolled back. Closing twice is harmless."""
        if self._closed:
            return
        self._closed = True
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")
        try:
            # Keeps query plans good as the archive grows; bounded so closing stays quick.
            self._conn.execute("PRAGMA analysis_limit = 400")
            self._conn.execute("PRAGMA optimize")
        except sqlite3.OperationalError:  # another writer holds the lock: skip, not fail
            pass
        finally:
            self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction: committed at the end, rolled back whole if anything raises.

        Nested batches (and every write) become savepoints of the outer one.
        """
        depth = self._depth
        savepoint = f"sijill_{depth}"
        self._conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT {savepoint}")
        self._depth += 1
        try:
            yield
        except BaseException:
            self._depth = depth
            self._undo(depth, savepoint)
            raise
        self._depth = depth
        try:
            self._conn.execute("COMMIT" if depth == 0 else f"RELEASE {savepoint}")
        except sqlite3.Error:
            if depth == 0 and self._conn.in_transaction:  # never leave a half-done batch open
                self._conn.execute("ROLLBACK")
            raise

    def _undo(self, depth: int, savepoint: str) -> None:
        if depth == 0:
            if self._conn.in_transaction:  # SQLite may already have rolled back
                self._conn.execute("ROLLBACK")
        elif self._conn.in_transaction:
            self._conn.execute(f"ROLLBACK TO {savepoint}")
            self._conn.execute(f"RELEASE {savepoint}")
