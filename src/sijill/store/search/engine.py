"""Running a query: the one search of the CLI, the web pages and the JSON API.

`plan` parses and compiles a query (plus any facet conditions) into a `WITH hits AS (...)`
clause of matching document pks and their bm25 rank; `rows`, `snippets` and `count` read it.
`search` does all of it for one page of hits. Every run has a time budget (SQLite's progress
handler stops a statement that runs over it) and `QueryError` says what is wrong with a query.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sijill.errors import QueryTooSlow
from sijill.query.language import parse
from sijill.store.search.compile import compile_query
from sijill.store.search.words import NameIndex

# bm25 weights by FTS column: title, subject, text, names.
WEIGHTS = "8.0, 6.0, 1.0, 3.0"
SNIPPET_TOKENS = 28
BUDGET = 5.0  # seconds a query may run before it is stopped
CHECK_EVERY = 2000  # SQLite VM steps between looks at the clock
# Snippet marks that no ingested text can hold (the CLI and the web app turn them into theirs).
OPEN, CLOSE = "\x02", "\x03"
SORTS = ("relevance", "date", "-date")
# A document held twice is one document: the copy (flagged `duplicate-copy` by `sijill check`,
# docs/checks.md) collapses into the one held first, which lists both sources. The copy stays
# reachable by its id; a researcher who dismisses the flag brings it back as a document.
COPIES = "SELECT DISTINCT doc_pk FROM flags WHERE code = 'duplicate-copy'"
_ORDER = {
    "relevance": "h.rank, h.date_iso IS NULL, h.date_iso, h.pk",
    "date": "h.date_iso IS NULL, h.date_iso, h.pk",
    "-date": "h.date_iso IS NULL, h.date_iso DESC, h.pk DESC",
}
# Every hit of a query as (pk, rank, date_iso): rank is bm25's (lower is better), 0 unranked.
Found = list[tuple[int, float, str | None]]


@dataclass(frozen=True, slots=True)
class Plan:
    """A compiled query: the hits clause and what ranks and highlights them."""

    cte: str
    params: tuple[Any, ...]
    rank: str | None  # the MATCH over documents_stem that ranks and marks snippets
    variants: dict[str, list[str]] = field(default_factory=dict)
    narrowed: bool = False  # False: every document is a hit

    @property
    def key(self) -> tuple[Any, ...]:
        return (self.cte, self.params)


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    title: str
    snippet: str  # text with OPEN ... CLOSE around the matched words
    score: float
    date: str | None
    issuer: str | None
    subject: str | None

    def marked(self, open_: str, close: str) -> str:
        return self.snippet.replace(OPEN, open_).replace(CLOSE, close)


@dataclass(frozen=True, slots=True)
class Results:
    total: int
    hits: list[Hit]
    variants: dict[str, list[str]] = field(default_factory=dict)


@contextmanager
def budget(conn: sqlite3.Connection, seconds: float | None = BUDGET) -> Iterator[None]:
    """Stop any statement on `conn` that runs past `seconds` from now with `QueryTooSlow`."""
    if seconds is None:
        yield
        return
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: time.monotonic() > deadline, CHECK_EVERY)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise QueryTooSlow(f"the query took longer than {seconds:g} s and was stopped: "
                               "narrow it (fewer prefix* terms, a field or a date)") from None
        raise
    finally:
        conn.set_progress_handler(None, 0)


def plan(conn: sqlite3.Connection, names: NameIndex, query: str,
         conditions: Sequence[tuple[str, Any]] = ()) -> Plan:
    """The hits of `query` (all documents when it is blank) that meet every condition (SQL on
    `d` with one parameter each); copies of a document held first are never hits."""
    compiled = compile_query(conn, names, parse(query))
    where = [sql for sql, _ in conditions]
    params: list[Any] = [value for _, value in conditions]
    if compiled is not None:
        where.insert(0, compiled.where)
        params[:0] = compiled.params
    rank = compiled.rank if compiled else None
    sql = "WITH "
    if rank is not None:
        sql += (f"ranked AS MATERIALIZED (SELECT rowid AS pk, bm25(documents_stem, {WEIGHTS})"
                " AS rank FROM documents_stem WHERE documents_stem MATCH ?), ")
        params.insert(0, rank)
    # The narrow date index: the conditions read only pk (and date_iso), never the wide rows.
    sql += ("hits AS MATERIALIZED (SELECT d.pk AS pk, "
            + ("coalesce(r.rank, 0)" if rank else "0")
            + " AS rank, d.date_iso AS date_iso FROM documents d INDEXED BY documents_date")
    if rank is not None:
        sql += " LEFT JOIN ranked r ON r.pk = d.pk"
    sql += f" WHERE d.pk NOT IN ({COPIES})"
    if where:
        sql += " AND " + " AND ".join(where)
    return Plan(sql + ") ", tuple(params), rank, compiled.variants if compiled else {},
                narrowed=bool(where))


def found(conn: sqlite3.Connection, plan: Plan, sort: str) -> Found:
    """Every hit's (pk, rank, date) in the order of `sort`, read once, for a caller that
    also counts over the hits (the web's facets): `rows(..., hits=)` takes its page."""
    order = _ORDER[sort if sort in SORTS else "relevance"].replace("h.", "")
    return conn.execute(plan.cte + f"SELECT pk, rank, date_iso FROM hits ORDER BY {order}",
                        plan.params).fetchall()


def rows(conn: sqlite3.Connection, plan: Plan, sort: str, limit: int,
         offset: int, hits: Found | None = None) -> list[tuple[Any, ...]]:
    """(pk, id, title, subject, date_iso, issuer_top, head of text, rank, total hits) of one
    page; the hits are found once for both (or were, as `hits`, in the order of `sort`)."""
    if hits is not None:
        return _page_of(conn, hits, limit, max(offset, 0))
    order = _ORDER[sort if sort in SORTS else "relevance"]
    # The page is chosen among the hits' (pk, rank, date); only its rows' wide columns are read.
    return conn.execute(
        plan.cte + "SELECT d.pk, d.id, d.title, d.subject, d.date_iso, d.issuer_top,"
        " substr(d.text, 1, 240), h.rank, (SELECT count(*) FROM hits)"
        " FROM (SELECT * FROM hits h"
        f" ORDER BY {order} LIMIT ? OFFSET ?) h JOIN documents d ON d.pk = h.pk"
        f" ORDER BY {order}", (*plan.params, limit, max(offset, 0)),
    ).fetchall()


def _page_of(conn: sqlite3.Connection, hits: Found, limit: int,
             offset: int) -> list[tuple[Any, ...]]:
    page = hits[offset:offset + limit]
    wide = {r[0]: r for r in conn.execute(
        "SELECT pk, id, title, subject, date_iso, issuer_top, substr(text, 1, 240)"
        " FROM documents WHERE pk IN (SELECT value FROM json_each(?))",
        (json.dumps([pk for pk, _, _ in page]),))}
    return [(*wide[pk], rank, len(hits)) for pk, rank, _ in page if pk in wide]


def count(conn: sqlite3.Connection, plan: Plan) -> int:
    return int(conn.execute(plan.cte + "SELECT count(*) FROM hits", plan.params).fetchone()[0])


def snippets(conn: sqlite3.Connection, plan: Plan, pks: list[int]) -> dict[int, str]:
    """Each hit's best passage with the matched words marked, where the text matched."""
    if plan.rank is None or not pks:
        return {}
    found = conn.execute(
        f"SELECT rowid, snippet(documents_stem, -1, '{OPEN}', '{CLOSE}', '…', ?)"
        f" FROM documents_stem WHERE documents_stem MATCH ?"
        f" AND rowid IN ({', '.join('?' * len(pks))})", (SNIPPET_TOKENS, plan.rank, *pks))
    return dict(found.fetchall())


def title_of(row: tuple[Any, ...]) -> str:
    """A hit's title: its own, else its subject, issuer, first line or id."""
    _, doc_id, title, subject, _, issuer, head = row[:7]
    first = next((ln.strip() for ln in head.splitlines() if ln.strip()), "")
    return title or subject or (issuer and f"{issuer} document") or first[:80] or doc_id


def lead(head: str) -> str:
    return " ".join(head.split())[:200] + ("…" if len(head) >= 240 else "")


def hits_of(conn: sqlite3.Connection, plan: Plan, found: list[tuple[Any, ...]]) -> list[Hit]:
    marked = snippets(conn, plan, [r[0] for r in found])
    return [Hit(r[1], title_of(r), marked.get(r[0]) or lead(r[6]), -float(r[7] or 0), r[4],
                r[5], r[3]) for r in found]


def search(conn: sqlite3.Connection, query: str, *, names: NameIndex | None = None,
           limit: int = 20, offset: int = 0, sort: str = "relevance",
           seconds: float | None = BUDGET) -> Results:
    """One page of the documents matching `query`, best first; a blank query matches none.

    Raises `QueryError` for a query that cannot be run as written (or ran over its budget).
    """
    names = names or NameIndex()
    with budget(conn, seconds):
        plan_ = plan(conn, names, query)
        if not plan_.narrowed or limit <= 0:
            return Results(0, [], plan_.variants)
        if plan_.rank is None and sort == "relevance":
            sort = "-date"
        found = rows(conn, plan_, sort, limit, offset)
        total = found[0][8] if found else count(conn, plan_)
        return Results(total, hits_of(conn, plan_, found), plan_.variants)


def matching_ids(conn: sqlite3.Connection, query: str, *, names: NameIndex | None = None,
                 seconds: float | None = BUDGET) -> list[str]:
    """The ids of every document matching `query`, in storage order (none for a blank one)."""
    with budget(conn, seconds):
        plan_ = plan(conn, names or NameIndex(), query)
        if not plan_.narrowed:
            return []
        return [doc_id for (doc_id,) in conn.execute(
            plan_.cte + "SELECT d.id FROM hits h JOIN documents d ON d.pk = h.pk ORDER BY d.pk",
            plan_.params)]


__all__ = ["Found", "Hit", "Plan", "Results", "budget", "found", "matching_ids",
           "plan", "search"]
