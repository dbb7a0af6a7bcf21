"""Facets of a search: the filters a search page offers (issuer, province, year in both
calendars, media type, flag, check, entity), each as the condition that narrows the query
engine's plan and the plain SQL that groups the hits; and the counts of the documents that
match, by each facet, over narrow indexes and derived tables (schema 6), never the wide
rows. Copies of a document held first are never counted. Read-only."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sijill.store.search.engine import COPIES, Plan

FACET_LIMIT = 12


@dataclass(frozen=True, slots=True)
class Filter:
    """A facet: its query parameter, its label, the SQL that tests it and the plain SQL that
    groups it (what the narrow facet queries below must equal)."""

    param: str
    label: str
    test: str  # a condition on d.pk (documents) with one ? for the value
    group: str  # a SELECT of (value, count) over the hits, joined as `h`


_MAIN_NAME = ("(SELECT x.name FROM entity_names x WHERE x.entity_id = {id}"
              " GROUP BY x.name ORDER BY sum(x.n) DESC, x.name LIMIT 1)")

FILTERS: tuple[Filter, ...] = (
    Filter("issuer", "Issuer", "d.pk IN (SELECT pk FROM documents WHERE issuer_top = ?)",
           "SELECT d.issuer_top, count(*) FROM hits h JOIN documents d ON d.pk = h.pk"
           " WHERE d.issuer_top IS NOT NULL GROUP BY 1"),
    Filter("province", "Province / second level",
           "d.pk IN (SELECT doc_pk FROM fields WHERE field = 'issuer' AND ord = 1"
           " AND text = ?)",
           "SELECT f.text, count(DISTINCT f.doc_pk) FROM hits h JOIN fields f ON f.doc_pk = h.pk"
           " WHERE f.field = 'issuer' AND f.ord = 1 GROUP BY 1"),
    Filter("hijri_year", "Hijri year", "d.pk IN (SELECT pk FROM documents WHERE hijri_year = ?)",
           "SELECT d.hijri_year, count(*) FROM hits h JOIN documents d ON d.pk = h.pk"
           " WHERE d.hijri_year IS NOT NULL GROUP BY 1"),
    Filter("gregorian_year", "Gregorian year",
           "d.pk IN (SELECT pk FROM documents WHERE gregorian_year = ?)",
           "SELECT d.gregorian_year, count(*) FROM hits h JOIN documents d ON d.pk = h.pk"
           " WHERE d.gregorian_year IS NOT NULL GROUP BY 1"),
    Filter("media_type", "Document type (format)",
           "d.pk IN (SELECT pk FROM documents WHERE source_id IN"
           " (SELECT id FROM sources WHERE media_type = ?))",
           "SELECT s.media_type, count(*) FROM hits h JOIN documents d ON d.pk = h.pk"
           " JOIN sources s ON s.id = d.source_id WHERE s.media_type IS NOT NULL GROUP BY 1"),
    Filter("flag", "Flag", "d.pk IN (SELECT doc_pk FROM flags WHERE code = ?)",
           "SELECT g.code, count(DISTINCT g.doc_pk) FROM hits h JOIN flags g ON g.doc_pk = h.pk"
           " GROUP BY 1"),
    Filter("check", "Check", "d.pk IN (SELECT doc_pk FROM flags WHERE check_name = ?)",
           "SELECT g.check_name, count(DISTINCT g.doc_pk) FROM hits h JOIN flags g"
           " ON g.doc_pk = h.pk WHERE g.check_name IS NOT NULL GROUP BY 1"),
    # one value per entity, not per spelling (al-Qadiri / al-Kadiri): shown by the entity's
    # most frequent name, matching every document of an entity that has that name
    Filter("entity", "Entity",
           "d.pk IN (SELECT doc_pk FROM entities WHERE entity_id IN"
           " (SELECT entity_id FROM entity_names WHERE name = ?))",
           f"SELECT {_MAIN_NAME.format(id='g.entity_id')}, sum(g.n) FROM (SELECT"
           " x.entity_id, count(*) AS n FROM hits h JOIN entity_id_docs x ON x.doc_pk = h.pk"
           " GROUP BY 1) g GROUP BY 1"),
)
FILTER_PARAMS = tuple(f.param for f in FILTERS)


Counts = tuple[int, dict[str, list[tuple[str, int]]]]


def counts(conn: sqlite3.Connection, hits: Plan) -> Counts:
    """How many documents match, and the facets over them (the hits are found once)."""
    scope = _Scope.of(conn, hits if hits.narrowed else None)
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
    of the archive) all of them less the few that are not hits, whichever reads fewer rows.
    Copies of a document held first are never counted (engine.COPIES)."""

    total: int
    pks: list[int] | None = None  # None: every document
    subtract: bool = False
    _all: dict[str, Counter[Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, conn: sqlite3.Connection, hits: Plan | None) -> _Scope:
        copies = [pk for (pk,) in conn.execute(COPIES + " ORDER BY doc_pk")]
        every = conn.execute("SELECT count(*) FROM documents").fetchone()[0] - len(copies)
        if hits is None:
            return cls(every, copies, subtract=True) if copies else cls(every)
        found = {pk for (pk,) in conn.execute(hits.cte + "SELECT pk FROM hits", hits.params)}
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
