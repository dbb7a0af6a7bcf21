"""Faceted search over the archive, for the web app's pages and API.

The query is run by the one query engine (`sijill.store.search`, as `sijill search` runs it: the
query language, name spellings, stemming, the time budget). Facets count the matching
documents by issuer, province, year in both calendars, media type, flag and entity; filters
narrow by the same, as extra conditions of the engine's plan (`sijill.store.facets`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from sqlite3 import Connection
from typing import Any

import nh3
from markupsafe import Markup, escape

from sijill.store import Archive, facets
from sijill.store.facets import FILTER_PARAMS
from sijill.store.search import CLOSE as _CLOSE
from sijill.store.search import OPEN as _OPEN
from sijill.store.search import SORTS, NameIndex, Plan, budget, engine, plan
from sijill.store.search.engine import Found
from sijill.web.cache import ArchiveCache

PAGE_SIZE = 20


@dataclass(slots=True)
class Hit:
    id: str
    title: str
    snippet: Markup
    date: str | None
    issuer: str | None
    subject: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "snippet": str(self.snippet),
                "date": self.date, "issuer": self.issuer, "subject": self.subject}


@dataclass(slots=True)
class Results:
    total: int
    hits: list[Hit]
    page: int
    pages: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    variants: dict[str, list[str]] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # value -> how it shows

    def label(self, param: str, value: str) -> str:
        return self.labels.get(param, {}).get(value, value)


def safe_snippet(raw: str) -> Markup:
    """Ingested text as HTML: escaped, with only the search's own <mark> tags (and nh3 as a
    second guard, should a mark ever be unbalanced)."""
    html = str(escape(raw)).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")
    return Markup(nh3.clean(html, tags={"mark"}, attributes={}))


def search(archive: Archive, names: NameIndex, query: str = "", *,
           filters: dict[str, str] | None = None, sort: str = "relevance",
           page: int = 1, cache: ArchiveCache | None = None,
           seconds: float | None = engine.BUDGET, with_facets: bool = True) -> Results:
    """One page of matching documents with their facets; an empty query lists them all.
    Counts and facets are kept in `cache` until the archive changes; uncached, the hits are
    read once for the page, the total and the facets. Raises `QueryError` (a mistake in the
    query, or over the time budget)."""
    conn = archive.connection  # the query engine and the facets read on the store's connection
    filters = {k: v for k, v in (filters or {}).items() if k in FILTER_PARAMS and v}
    cache = cache or ArchiveCache()
    with budget(conn, seconds):
        hits = plan(conn, names, query, facets.conditions(archive, filters))
        if sort not in SORTS or (hits.rank is None and sort == "relevance"):
            sort = "relevance" if hits.rank is not None else "-date"
        key = ("search", hits.key)
        counted, every = cache.peek(conn, key), None
        if counted is None and with_facets:  # the hits read once, for the facets and the page
            every = engine.found(conn, hits, sort)
            pks = [h[0] for h in every] if hits.narrowed else None
            counted = cache.get(conn, key, lambda: facets.counts(archive, pks))
        page, rows = _page(conn, hits, sort, page, every, counted)
        total = counted.total if counted else (rows[0][8] if rows else 0)
        shown = counted.labels if counted else {}
        labels = {param: dict(values) for param, values in shown.items()}
        for param, value in filters.items():  # a chosen value is shown by its label
            if value not in labels.setdefault(param, {}):
                labels[param][value] = facets.label(archive, param, value)
        found = [Hit(h.id, h.title, safe_snippet(h.snippet), h.date, h.issuer, h.subject)
                 for h in engine.hits_of(conn, hits, rows)]
    return Results(total, found, page, max(1, -(-total // PAGE_SIZE)),
                   counted.facets if counted else {}, hits.variants, labels)


def _page(conn: Connection, hits: Plan, sort: str, page: int, every: Found | None,
          counted: facets.Counts | None) -> tuple[int, list[tuple[Any, ...]]]:
    """The page's number (within the pages there are) and its rows: from the hits read
    already, else in SQL (the total, kept with the facets, may lag a running ingest)."""
    total = counted.total if counted else None
    if total is not None:
        page = min(max(page, 1), max(1, -(-total // PAGE_SIZE)))
    rows = engine.rows(conn, hits, sort, PAGE_SIZE, (max(page, 1) - 1) * PAGE_SIZE, every)
    if total is None and not rows and page > 1:  # past the end: the last page
        pages = max(1, -(-engine.count(conn, hits) // PAGE_SIZE))
        return _page(conn, hits, sort, pages, every, counted)
    return max(page, 1), rows
