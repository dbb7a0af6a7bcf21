"""Alerts: for each saved search, the documents that match it and are new since it was last
seen (of sources ingested after that moment), run by the one query engine."""

from __future__ import annotations

from dataclasses import dataclass, field

from sijill.errors import QueryError
from sijill.store.archive import Archive
from sijill.store.saved import SavedSearch, last_source, mark_seen, saved
from sijill.store.search import engine
from sijill.store.search.words import NameIndex

_NEW = "d.pk IN (SELECT pk FROM documents WHERE source_id > ?)"


@dataclass
class Alert:
    search: SavedSearch
    total: int = 0  # new matching documents
    hits: list[engine.Hit] = field(default_factory=list)  # the newest of them
    error: str | None = None  # the saved query no longer runs (e.g. over the time budget)


def alerts(archive: Archive, owner: str | None = None, *, names: NameIndex | None = None,
           limit: int = 20, seconds: float | None = engine.BUDGET) -> list[Alert]:
    """Each saved search of `owner` (everyone's without one) with its new matches."""
    conn, names = archive.connection, names or NameIndex()
    out = []
    for search in saved(archive, owner):
        try:
            with engine.budget(conn, seconds):
                plan = engine.plan(conn, names, search.query, [(_NEW, search.seen_source)])
                found = engine.rows(conn, plan, "-date", limit, 0)
                out.append(Alert(search, engine.count(conn, plan),
                                 engine.hits_of(conn, plan, found)))
        except QueryError as exc:
            out.append(Alert(search, error=str(exc)))
    return out


def mark_all_seen(archive: Archive, owner: str | None = None, upto: int | None = None) -> int:
    """Mark the saved searches of `owner` seen up to source `upto` (default: now)."""
    upto = last_source(archive) if upto is None else upto
    searches = saved(archive, owner)
    for search in searches:
        mark_seen(archive, search, upto)
    return len(searches)
