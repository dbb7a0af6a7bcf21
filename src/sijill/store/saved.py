"""Saved searches: a query kept under a name by its owner, and how far its alerts were seen.

A saved search remembers `seen_source`, the highest source id there was when its owner last
marked it seen (or saved it): documents of sources ingested after that are its "new" ones.
The query itself is parsed by the caller (sijill.query) and run by sijill.store.search.
"""

from __future__ import annotations

from dataclasses import dataclass

from sijill.errors import StoreError
from sijill.store.db import Database, now

MAX_NAME = 100
MAX_QUERY = 500


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A query kept under a name by its owner, and how far its alerts were seen."""

    id: int
    owner: str
    name: str
    query: str
    created_at: str
    seen_source: int
    seen_at: str | None


_COLUMNS = "id, owner, name, query, created_at, seen_source, seen_at"


def last_source(db: Database) -> int:
    """The highest source id now stored: what "seen" means at this moment."""
    return int(db.connection.execute(
        "SELECT coalesce(max(id), 0) FROM sources").fetchone()[0])


def save(db: Database, owner: str, name: str, query: str) -> SavedSearch:
    """Save (or, under a name already used, replace) a search; its alerts start from now."""
    name, query = " ".join(name.split()), query.strip()
    if not owner.strip():
        raise StoreError("a saved search needs an owner")
    if not name or len(name) > MAX_NAME:
        raise StoreError(f"a saved search needs a name of 1 to {MAX_NAME} characters")
    if not query or len(query) > MAX_QUERY:
        raise StoreError(f"a saved search needs a query of 1 to {MAX_QUERY} characters")
    with db.batch():
        db.connection.execute(
            "INSERT INTO saved_searches (owner, name, query, created_at, seen_source, seen_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (owner, name) DO UPDATE SET"
            " query = excluded.query, seen_source = excluded.seen_source,"
            " seen_at = excluded.seen_at",
            (owner, name, query, now(), last_source(db), now()))
    found = get(db, owner, name)
    assert found is not None
    return found


def get(db: Database, owner: str, name_or_id: str | int) -> SavedSearch | None:
    """One of the owner's saved searches, by name or id."""
    row = db.connection.execute(
        f"SELECT {_COLUMNS} FROM saved_searches WHERE owner = ? AND (name = ? OR id = ?)",
        (owner, str(name_or_id), _int(name_or_id))).fetchone()
    return SavedSearch(*row) if row else None


_SQLITE_MAX_INT = 2**63 - 1


def _int(value: str | int) -> int:
    """An id as SQLite can compare it; anything that is no id ("²", 10**30) matches none."""
    number = value if isinstance(value, int) else int(value) if value.isdecimal() else -1
    return number if -1 <= number <= _SQLITE_MAX_INT else -1


def saved(db: Database, owner: str | None = None) -> list[SavedSearch]:
    """The owner's saved searches (everyone's, without an owner), by owner and name."""
    sql = f"SELECT {_COLUMNS} FROM saved_searches"
    rows = (db.connection.execute(sql + " ORDER BY owner, name") if owner is None else
            db.connection.execute(sql + " WHERE owner = ? ORDER BY name", (owner,)))
    return [SavedSearch(*row) for row in rows]


def delete(db: Database, owner: str, name_or_id: str | int) -> None:
    """Delete one of the owner's saved searches (by name or id)."""
    found = get(db, owner, name_or_id)
    if found is None:
        raise StoreError(f"{owner} has no saved search {name_or_id!r}")
    with db.batch():
        db.connection.execute("DELETE FROM saved_searches WHERE id = ?", (found.id,))


def mark_seen(db: Database, search: SavedSearch, upto: int | None = None) -> None:
    """Everything up to source id `upto` (default: every source now stored) has been seen."""
    with db.batch():
        db.connection.execute(
            "UPDATE saved_searches SET seen_source = ?, seen_at = ? WHERE id = ?",
            (last_source(db) if upto is None else upto, now(), search.id))


