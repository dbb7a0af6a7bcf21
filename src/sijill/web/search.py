"""Faceted search over the archive, for the web app's pages and API.

The query is run by the one query engine (`sijill.store.search`, as `sijill search` runs it: the
query language, name spellings, stemming, the time budget). Facets count the matching
documents by issuer, province, year in both calendars, media type, flag and entity; filters
narrow by the same, as extra conditions of the engine's plan (`sijill.store.facets`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import nh3
from markupsafe import Markup, escape

from sijill.store import Archive, facets
from sijill.store.facets import FILTER_PARAMS, FILTERS
from sijill.store.search import CLOSE as _CLOSE
from sijill.store.search import OPEN as _OPEN
from sijill.store.search import SORTS, NameIndex, budget, engine, plan
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


def safe_snippet(raw: str) -> Markup:
    """Ingested text as HTML: escaped, with only the search's own <mark> tags (and nh3 as a
    second guard, should a mark ever be unbalanced)."""
    html = str(escape(raw)).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")
    return Markup(nh3.clean(html, tags={"mark"}, attributes={}))


def search(archive: Archive, names: NameIndex, query: str = "", *,
           filters: dict[str, str] | None = None, sort: str = "relevance",
           page: int = 1, cache: ArchiveCache | None = None,
           seconds: float | None = engine.BUDGET) -> Results:
    """One page of matching documents with their facets; an empty query lists them all.
    Counts and facets are kept in `cache` until the archive changes. Raises `QueryError`
    (a mistake in the query, or over the time budget)."""
    conn = archive.connection  # the query engine and the facets read on the store's connection
    filters = {k: v for k, v in (filters or {}).items() if k in FILTER_PARAMS and v}
    conditions = [(f.test, filters[f.param]) for f in FILTERS if f.param in filters]
    with budget(conn, seconds):
        hits = plan(conn, names, query, conditions)
        if sort not in SORTS or (hits.rank is None and sort == "relevance"):
            sort = "relevance" if hits.rank is not None else "-date"
        total, counted = (cache or ArchiveCache()).get(
            conn, ("search", hits.key), lambda: facets.counts(conn, hits))
        pages = max(1, -(-total // PAGE_SIZE))
        page = min(max(page, 1), pages)
        rows = engine.rows(conn, hits, sort, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        found = [Hit(h.id, h.title, safe_snippet(h.snippet), h.date, h.issuer, h.subject)
                 for h in engine.hits_of(conn, hits, rows)]
    return Results(total, found, page, pages, counted, hits.variants)
