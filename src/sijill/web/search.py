"""Faceted, spelling-tolerant search over the archive, for the web app's pages and API.

A query's words are searched as the CLI's `sijill search` does (every word, "phrases",
prefix*), but a word that is a name is widened to the names in the archive that are the
same name spelt otherwise (`sijill.entities.names.compare`): "Jolani" also finds "Jowlani".
Facets count the matching documents by issuer, province, year in both calendars, media type,
flag and entity; filters narrow by the same.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import nh3
from markupsafe import Markup, escape

from sijill.entities import compare, name_key
from sijill.store import Archive
from sijill.store.query import fts_query
from sijill.web.cache import ArchiveCache

PAGE_SIZE = 20
FACET_LIMIT = 12
_WEIGHTS = "8.0, 6.0, 1.0, 3.0"  # title, subject, text, names: as the CLI's search ranks
_SNIPPET_TOKENS = 28
# Snippet marks that no ingested text can hold, replaced by <mark> after escaping.
_OPEN, _CLOSE = "\x02", "\x03"
_QUOTED = re.compile(r'"((?:[^"]|"")*)"(\*?)')
_WORD = re.compile(r"\w+")
_NAME_FIELDS = ("issuer", "sender", "addressees", "cc")
MIN_NAME_WORD = 3

SORTS = ("relevance", "date", "-date")


@dataclass(frozen=True, slots=True)
class Filter:
    """A facet: its query parameter, its label, and the SQL that tests and groups it."""

    param: str
    label: str
    test: str  # a condition on d (documents) and s (sources) with one ? for the value
    group: str  # a SELECT of (value, count) over the hits, joined as `h`


_MAIN_NAME = ("(SELECT x.name FROM entity_names x WHERE x.entity_id = {id}"
              " GROUP BY x.name ORDER BY sum(x.n) DESC, x.name LIMIT 1)")

FILTERS: tuple[Filter, ...] = (
    Filter("issuer", "Issuer", "d.issuer_top = ?",
           "SELECT d.issuer_top, count(*) FROM hits h JOIN documents d ON d.pk = h.pk"
           " WHERE d.issuer_top IS NOT NULL GROUP BY 1"),
    Filter("province", "Province / second level",
           "EXISTS (SELECT 1 FROM fields f WHERE f.doc_pk = d.pk AND f.field = 'issuer'"
           " AND f.ord = 1 AND f.text = ?)",
           "SELECT f.text, count(DISTINCT f.doc_pk) FROM hits h JOIN fields f ON f.doc_pk = h.pk"
           " WHERE f.field = 'issuer' AND f.ord = 1 GROUP BY 1"),
    Filter("hijri_year", "Hijri year", "d.hijri_year = ?",
           "SELECT d.hijri_year, count(*) FROM hits h JOIN documents d ON d.pk = h.pk"
           " WHERE d.hijri_year IS NOT NULL GROUP BY 1"),
    Filter("gregorian_year", "Gregorian year", "d.gregorian_year = ?",
           "SELECT d.gregorian_year, count(*) FROM hits h JOIN documents d ON d.pk = h.pk"
           " WHERE d.gregorian_year IS NOT NULL GROUP BY 1"),
    Filter("media_type", "Document type (format)", "s.media_type = ?",
           "SELECT s.media_type, count(*) FROM hits h JOIN documents d ON d.pk = h.pk"
           " JOIN sources s ON s.id = d.source_id WHERE s.media_type IS NOT NULL GROUP BY 1"),
    Filter("flag", "Flag",
           "EXISTS (SELECT 1 FROM flags g WHERE g.doc_pk = d.pk AND g.code = ?)",
           "SELECT g.code, count(DISTINCT g.doc_pk) FROM hits h JOIN flags g ON g.doc_pk = h.pk"
           " GROUP BY 1"),
    Filter("check", "Check",
           "EXISTS (SELECT 1 FROM flags g WHERE g.doc_pk = d.pk AND g.check_name = ?)",
           "SELECT g.check_name, count(DISTINCT g.doc_pk) FROM hits h JOIN flags g"
           " ON g.doc_pk = h.pk WHERE g.check_name IS NOT NULL GROUP BY 1"),
    # one value per entity, not per spelling (al-Qadiri / al-Kadiri): shown by the entity's
    # most frequent name, matching every document of an entity that has that name
    Filter("entity", "Entity",
           "EXISTS (SELECT 1 FROM entities e WHERE e.doc_pk = d.pk AND e.entity_id IN"
           " (SELECT entity_id FROM entity_names WHERE name = ?))",
           f"SELECT {_MAIN_NAME.format(id='g.entity_id')}, sum(g.n) FROM (SELECT"
           " x.entity_id, count(*) AS n FROM hits h JOIN entity_id_docs x ON x.doc_pk = h.pk"
           " GROUP BY 1) g GROUP BY 1"),
)
FILTER_PARAMS = tuple(f.param for f in FILTERS)


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


# ----------------------------------------------------------------- spelling variants


class NameIndex:
    """Words of the names the archive holds (entities, mentions, issuers, senders,
    addressees, cc), grouped by name key; rebuilt when the archive file changes."""

    def __init__(self) -> None:
        self._stamp: tuple[int, int] | None = None
        self._by_key: dict[str, set[str]] = {}

    def variants(self, conn: sqlite3.Connection, word: str) -> list[str]:
        """Other spellings of `word` found among the archive's names, best first."""
        if len(word) < MIN_NAME_WORD or not word.isalpha():
            return []
        self._refresh(conn)
        folded = word.casefold()
        found = [(compare(word, w), w) for w in self._by_key.get(name_key(word), ())
                 if w != folded]
        return [w for (same, _), w in sorted(found, key=lambda x: -x[0][1]) if same]

    def _refresh(self, conn: sqlite3.Connection) -> None:
        stamp = conn.execute(
            "SELECT (SELECT coalesce(max(pk), 0) FROM documents),"
            " (SELECT count(*) FROM edits)").fetchone()
        # data_version changes when another connection (the CLI ingesting) commits.
        stamp = (conn.execute("PRAGMA data_version").fetchone()[0], *stamp)
        if stamp == self._stamp:
            return
        names = conn.execute(
            "SELECT text FROM fields WHERE field IN (?, ?, ?, ?)"
            " UNION SELECT text FROM mentions UNION SELECT name FROM entities",
            _NAME_FIELDS,
        )
        by_key: dict[str, set[str]] = defaultdict(set)
        for (text,) in names:
            for word in _WORD.findall(text.casefold()):
                if len(word) >= MIN_NAME_WORD and word.isalpha():
                    by_key[name_key(word)].add(word)
        self._by_key, self._stamp = dict(by_key), stamp


def _widen(match: str, conn: sqlite3.Connection, names: NameIndex) -> tuple[str, dict]:
    """The MATCH expression with each name word OR-ed with its spelling variants."""
    variants: dict[str, list[str]] = {}

    def term(m: re.Match[str]) -> str:
        words, prefix = m[1].replace('""', '"'), m[2]
        if prefix or " " in words.strip():
            return m[0]
        others = names.variants(conn, words.strip())
        if not others:
            return m[0]
        variants[words] = others
        return "(" + " OR ".join(f'"{w}"' for w in [words.replace('"', '""'), *others]) + ")"

    return _QUOTED.sub(term, match), variants


# ----------------------------------------------------------------- the query


def _conditions(filters: dict[str, str]) -> tuple[list[str], list[Any]]:
    sql, params = [], []
    for f in FILTERS:
        value = filters.get(f.param)
        if value:
            sql.append(f.test)
            params.append(value)
    return sql, params


def _hits(match: str | None, filters: dict[str, str]) -> tuple[str, list[Any]]:
    """`WITH hits AS (...)`: the matching documents' pks and ranks, for the queries below."""
    where, params = _conditions(filters)
    if match is None:
        source, rank = "documents d", "0"
    else:
        source = "documents_fts JOIN documents d ON d.pk = documents_fts.rowid"
        rank = f"bm25(documents_fts, {_WEIGHTS})"
        where.insert(0, "documents_fts MATCH ?")
        params.insert(0, match)
    sql = f"WITH hits AS (SELECT d.pk AS pk, {rank} AS rank FROM {source}"
    if filters.get("media_type"):  # the only test on `s`: its wide rows are read otherwise
        sql += " JOIN sources s ON s.id = d.source_id"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return sql + ") ", params


_ORDER = {
    "relevance": "h.rank, d.date_iso IS NULL, d.date_iso, d.pk",
    "date": "d.date_iso IS NULL, d.date_iso, d.pk",
    "-date": "d.date_iso IS NULL, d.date_iso DESC, d.pk DESC",
}


def _page(conn: sqlite3.Connection, hits: tuple[str, list[Any]], sort: str,
          offset: int) -> list[tuple[Any, ...]]:
    return conn.execute(
        hits[0] + "SELECT d.pk, d.id, d.title, d.subject, d.date_iso, d.issuer_top,"
        f" substr(d.text, 1, 240) FROM hits h JOIN documents d ON d.pk = h.pk"
        f" ORDER BY {_ORDER[sort]} LIMIT ? OFFSET ?", (*hits[1], PAGE_SIZE, offset),
    ).fetchall()


def _snippets(conn: sqlite3.Connection, match: str, pks: list[int]) -> dict[int, str]:
    if not pks:
        return {}
    rows = conn.execute(
        f"SELECT rowid, snippet(documents_fts, -1, '{_OPEN}', '{_CLOSE}', '…', ?)"
        f" FROM documents_fts WHERE documents_fts MATCH ?"
        f" AND rowid IN ({', '.join('?' * len(pks))})",
        (_SNIPPET_TOKENS, match, *pks),
    )
    return dict(rows.fetchall())


def safe_snippet(raw: str) -> Markup:
    """Ingested text as HTML: escaped, with only the search's own <mark> tags (and nh3 as a
    second guard, should a mark ever be unbalanced)."""
    html = str(escape(raw)).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>")
    return Markup(nh3.clean(html, tags={"mark"}, attributes={}))


Counts = tuple[int, dict[str, list[tuple[str, int]]]]


def _counts(conn: sqlite3.Connection, hits: tuple[str, list[Any]], narrowed: bool) -> Counts:
    """How many documents match, and the facets over them. The hits are found once; facets
    are counted over narrow indexes and derived tables (schema 6), never the wide rows."""
    scope = _Scope.of(conn, hits if narrowed else None)
    facets = {param: _top(scope.count(conn, sql)) for param, sql in _FACET_SQL.items()}
    return scope.total, {f.param: facets[f.param] for f in FILTERS}


_IN_PKS = " IN (SELECT value FROM json_each(?))"


@dataclass(frozen=True, slots=True)
class _FacetSql:
    """A facet's (value, count) rows over the documents in {where}, whose pk is `pk`;
    `every` reads the counts over all documents from a table that keeps them, if any."""

    sql: str
    pk: str = "doc_pk"
    every: str | None = None


_DOCS = "FROM documents INDEXED BY documents_facets WHERE {where}"
_FACET_SQL = {
    "issuer": _FacetSql(f"SELECT issuer_top, count(*) {_DOCS} GROUP BY 1", "pk"),
    "hijri_year": _FacetSql(f"SELECT hijri_year, count(*) {_DOCS} GROUP BY 1", "pk"),
    "gregorian_year": _FacetSql(f"SELECT gregorian_year, count(*) {_DOCS} GROUP BY 1", "pk"),
    # per source first (in the order of its unique index): each media type read once
    "media_type": _FacetSql(
        "SELECT s.media_type, sum(c.n) FROM (SELECT source_id, count(*) AS n FROM documents"
        " WHERE {where} GROUP BY 1) c JOIN sources s INDEXED BY sources_media"
        " ON s.id = c.source_id GROUP BY 1", "pk"),
    "province": _FacetSql("SELECT text, count(DISTINCT doc_pk) FROM fields"
                          " WHERE field = 'issuer' AND ord = 1 AND {where} GROUP BY 1"),
    "flag": _FacetSql("SELECT code, count(DISTINCT doc_pk) FROM flags WHERE {where} GROUP BY 1"),
    "check": _FacetSql("SELECT check_name, count(DISTINCT doc_pk) FROM flags"
                       " WHERE check_name IS NOT NULL AND {where} GROUP BY 1"),
    # per entity id first (schema 9: each document once), then under the entity's main name
    "entity": _FacetSql(
        "SELECT " + _MAIN_NAME.format(id="g.entity_id").replace("{", "{{").replace("}", "}}")
        + ", sum(g.n) FROM (SELECT entity_id, count(*) AS n FROM entity_id_docs"
        " WHERE {where} GROUP BY 1) g GROUP BY 1",
        every="SELECT " + _MAIN_NAME.format(id="t.entity_id")
        + ", sum(t.docs) FROM entity_id_totals t GROUP BY 1"),
}


@dataclass(slots=True)
class _Scope:
    """Which documents the facets count: all of them, the hits, or (when the hits are most
    of the archive) all of them less the few that are not hits, whichever reads fewer rows."""

    total: int
    pks: list[int] | None = None  # None: every document
    subtract: bool = False
    _all: dict[str, Counter[Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, conn: sqlite3.Connection, hits: tuple[str, list[Any]] | None) -> _Scope:
        every = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        if hits is None:
            return cls(every)
        found = {pk for (pk,) in conn.execute(hits[0] + "SELECT pk FROM hits", hits[1])}
        if 2 * len(found) <= every:
            return cls(len(found), sorted(found))
        rest = [pk for (pk,) in conn.execute("SELECT pk FROM documents") if pk not in found]
        return cls(len(found), rest, subtract=True)

    def count(self, conn: sqlite3.Connection, facet: _FacetSql) -> Counter[Any]:
        if self.pks is None or self.subtract:
            counts = Counter(dict(conn.execute(facet.every or facet.sql.format(where="1"))))
            if self.pks is None:
                return counts
        picked = Counter(dict(conn.execute(facet.sql.format(where=facet.pk + _IN_PKS),
                                           (json.dumps(self.pks),))))
        if not self.subtract:
            return picked
        counts.subtract(picked)
        return counts


def _top(counts: Counter[Any]) -> list[tuple[str, int]]:
    """As SQL's `WHERE value IS NOT NULL ORDER BY count DESC, value LIMIT n` would give."""
    found = sorted(((-n, v) for v, n in counts.items() if v is not None and n > 0))
    return [(str(v), -n) for n, v in found[:FACET_LIMIT]]


def _title(row: tuple[Any, ...]) -> str:
    _, doc_id, title, subject, _, issuer, head = row
    first = next((ln.strip() for ln in head.splitlines() if ln.strip()), "")
    return title or subject or (issuer and f"{issuer} document") or first[:80] or doc_id


def search(archive: Archive, names: NameIndex, query: str = "", *,
           filters: dict[str, str] | None = None, sort: str = "relevance",
           page: int = 1, cache: ArchiveCache | None = None) -> Results:
    """One page of matching documents with their facets; an empty query lists them all.
    Counts and facets are kept in `cache` until the archive changes."""
    conn = archive.connection  # read-only SQL over the store's tables, on the store's connection
    filters = {k: v for k, v in (filters or {}).items() if k in FILTER_PARAMS and v}
    match = fts_query(query) if query.strip() else None
    variants: dict[str, list[str]] = {}
    if match is not None:
        match, variants = _widen(match, conn, names)
    if sort not in SORTS or (match is None and sort == "relevance"):
        sort = "relevance" if match is not None else "-date"
    hits = _hits(match, filters)
    key = ("search", match, tuple(sorted(filters.items())))
    narrowed = bool(match or filters)
    total, facets = (cache or ArchiveCache()).get(
        conn, key, lambda: _counts(conn, hits, narrowed))
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    rows = _page(conn, hits, sort, (page - 1) * PAGE_SIZE)
    snippets = _snippets(conn, match, [r[0] for r in rows]) if match else {}
    found = [Hit(r[1], _title(r), safe_snippet(snippets.get(r[0]) or _lead(r[6])), r[4], r[5],
                 r[3]) for r in rows]
    return Results(total, found, page, pages, facets, variants)


def _lead(head: str) -> str:
    return " ".join(head.split())[:200] + ("…" if len(head) >= 240 else "")
