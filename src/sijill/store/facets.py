"""Facets of a search: the filters a search page offers (issuer, province, year in both
calendars, media type, flag, check, entity), each as the condition that narrows the query
engine's plan and the plain SQL that groups the hits; and the counts of the documents that
match, by every facet at once, from the narrow facet rows of schema 14 (one GROUP BY over
one index), never the wide rows. Copies of a document held first are never counted.

The entity facet follows the researchers' curation: merged entities are one value, counted
once per document, under the name the entity pages show; a generic office ("Media Office")
is a different entity in every group, and its label says which group when two share a name.
Read-only."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sijill.store.curation import Curation
from sijill.store.db import Database, json_list
from sijill.store.entity_layer import curation
from sijill.store.search.engine import COPIES

FACET_LIMIT = 12


@dataclass(frozen=True, slots=True)
class Filter:
    """A facet: its query parameter, its label, the SQL that tests it and the plain SQL that
    groups it (what the facet rows must equal; tests compare the two)."""

    param: str
    label: str
    test: str  # a condition on d.pk (documents) with one ? for the value
    group: str  # a SELECT of (value, count) over the hits, joined as `h`


def _column(param: str, label: str, column: str) -> Filter:
    return Filter(param, label, f"d.pk IN (SELECT pk FROM documents WHERE {column} = ?)",
                  f"SELECT d.{column}, count(*) FROM hits h JOIN documents d ON d.pk = h.pk"
                  f" WHERE d.{column} IS NOT NULL GROUP BY 1")


FILTERS: tuple[Filter, ...] = (
    _column("issuer", "Issuer", "issuer_top"),
    _column("province", "Province / region", "province"),
    _column("hijri_year", "Hijri year", "hijri_year"),
    _column("gregorian_year", "Gregorian year", "gregorian_year"),
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
    # the value is an entity id (or any name of an entity); the condition's parameter is the
    # JSON list of the machine ids merged into it (`conditions`)
    Filter("entity", "Entity",
           "d.pk IN (SELECT doc_pk FROM entity_id_docs WHERE entity_id IN"
           " (SELECT value FROM json_each(?)))",
           "SELECT x.entity_id, count(*) FROM hits h JOIN entity_id_docs x"
           " ON x.doc_pk = h.pk GROUP BY 1"),
)
FILTER_PARAMS = tuple(f.param for f in FILTERS)

Facets = dict[str, list[tuple[str, int]]]


@dataclass(slots=True)
class Counts:
    """How many documents match, their facets (value, count), best first, and the labels
    of values that are not their own label (entity ids: the entity's name)."""

    total: int
    facets: Facets
    labels: dict[str, dict[str, str]] = field(default_factory=dict)


def conditions(db: Database, filters: Mapping[str, str]) -> list[tuple[str, Any]]:
    """The engine conditions of the chosen filters (unknown or empty ones left out)."""
    out = []
    for f in FILTERS:
        value = filters.get(f.param)
        if value:
            out.append((f.test, json.dumps(members(db, value)) if f.param == "entity"
                        else value))
    return out


def members(db: Database, value: str) -> list[str]:
    """The machine ids of the entity a facet value names: an entity id (after merges) or
    any of its names, machine or given by a researcher."""
    cur = curation(db)
    known = db.one("SELECT 1 FROM entity_id_totals WHERE entity_id = ?", (value,))
    roots = {cur.resolve(value)} if known or cur.resolve(value) != value else set()
    if not roots:
        named = db.connection.execute(
            "SELECT DISTINCT entity_id FROM entity_names WHERE name = ?", (value,))
        roots = {cur.resolve(x) for (x,) in named}
        roots |= {cur.resolve(x) for x in cur.renamed_to(value)}
    return sorted({m for root in roots for m in cur.members(root)})


def counts(db: Database, hits: list[int] | None) -> Counts:
    """The total and every facet over `hits` (document pks, copies left out already), or
    over every document (None)."""
    scope = _Scope.of(db, hits)
    raw = scope.rows(db, "SELECT value_id, count(*) FROM doc_facets WHERE {where}"
                          " GROUP BY 1", every=_EVERY)
    by_facet: dict[str, Counter[str]] = {f.param: Counter() for f in FILTERS}
    for (facet, value), n in _values(db, raw).items():
        if n > 0 and facet in by_facet:
            by_facet[facet][value] = n
    out = Counts(scope.total, {})
    entity = _Entities(db, curation(db), scope)
    by_facet["entity"] = entity.curated(by_facet["entity"])
    for param, counted in by_facet.items():
        out.facets[param] = entity.top(counted) if param == "entity" else _top(counted)
    out.labels["entity"] = entity.labels([v for v, _ in out.facets["entity"]])
    return out


def label(db: Database, param: str, value: str) -> str:
    """How a chosen filter value is shown: an entity by its name, anything else as it is."""
    if param != "entity":
        return value
    ids = members(db, value)
    if not ids:
        return value
    cur = curation(db)
    return _Entities(db, cur, _Scope(0)).labels([cur.resolve(ids[0])]).get(
        cur.resolve(ids[0]), value)


_EVERY = "SELECT value_id, docs FROM facet_totals"
_IN_PKS = " IN (SELECT value FROM json_each(?))"


def _values(db: Database, raw: Counter[int]) -> dict[tuple[str, str], int]:
    """Facet value ids as (facet, value)."""
    ids = [i for i, n in raw.items() if n > 0]
    found = db.connection.execute(
        f"SELECT id, facet, value FROM facet_values WHERE id{_IN_PKS}", (json.dumps(ids),))
    return {(facet, value): raw[i] for i, facet, value in found}


@dataclass(slots=True)
class _Scope:
    """Which documents the facets count: all of them, the hits, or (when the hits are most
    of the archive) all of them less the few that are not hits, whichever reads fewer rows.
    Copies of a document held first are never counted (engine.COPIES)."""

    total: int
    pks: list[int] | None = None  # None: every document
    subtract: bool = False

    @classmethod
    def of(cls, db: Database, hits: list[int] | None) -> _Scope:
        conn = db.connection
        copies = [pk for (pk,) in conn.execute(COPIES + " ORDER BY doc_pk")]
        if hits is None:
            every = conn.execute("SELECT count(*) FROM documents").fetchone()[0] - len(copies)
            return cls(every, copies, subtract=True) if copies else cls(every)
        found = set(hits)
        every = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        if 2 * len(found) <= every:
            return cls(len(found), sorted(found))
        rest = [pk for (pk,) in conn.execute("SELECT pk FROM documents") if pk not in found]
        return cls(len(found), rest, subtract=True)

    def rows(self, db: Database, sql: str, params: Iterable[Any] = (), *,
             every: str | None = None) -> Counter[Any]:
        """A (key, count) query over the scope: `sql` ends in {where}, a condition on
        doc_pk whose parameter follows `params`; `every` counts over all documents, if
        cheaper."""
        conn = db.connection
        if self.pks is None or self.subtract:
            total = Counter(dict(conn.execute(every or sql.format(where="1"), (
                () if every else tuple(params)))))
            if self.pks is None:
                return total
        picked = Counter(dict(conn.execute(sql.format(where="doc_pk" + _IN_PKS),
                                           (*params, json.dumps(self.pks)))))
        if not self.subtract:
            return picked
        total.subtract(picked)
        return total


class _Entities:
    """The entity facet as the researchers' curation makes it: machine ids merged into one
    entity count once per document under the kept id."""

    def __init__(self, db: Database, cur: Curation, scope: _Scope) -> None:
        self.db, self.cur, self.scope = db, cur, scope
        self._labels: dict[str, str] = {}

    def curated(self, machine: Counter[str]) -> Counter[str]:
        merged = self.cur.merged()  # only ids in a merge count otherwise than the machine's
        groups: dict[str, list[str]] = {}
        for entity_id in merged.intersection(machine):
            groups.setdefault(self.cur.resolve(entity_id), []).append(entity_id)
        out = Counter({x: n for x, n in machine.items() if x not in merged})
        for root, ids in groups.items():
            out[root] = machine[ids[0]] if len(ids) == 1 else self._distinct(ids)
        return out

    def _distinct(self, ids: list[str]) -> int:
        """Documents naming any of `ids` (once each), in the scope."""
        sql = ("SELECT 0, count(DISTINCT doc_pk) FROM doc_facets WHERE value_id IN (SELECT id"
               " FROM facet_values WHERE facet = 'entity' AND value" + _IN_PKS + ") AND {where}")
        return int(self.scope.rows(self.db, sql, (json.dumps(ids),))[0])

    def top(self, counted: Counter[str]) -> list[tuple[str, int]]:
        """The best entities by count, then label; labels are looked up for the few that
        can make the list."""
        ranked = sorted(counted.values(), reverse=True)
        if not ranked or ranked[0] <= 0:
            return []
        floor = max(ranked[min(FACET_LIMIT, len(ranked)) - 1], 1)
        near = [r for r, n in counted.items() if n >= floor]
        self._labels.update(self._names([r for r in near if r not in self._labels]))
        best = sorted(near, key=lambda r: (-counted[r], self._labels[r], r))[:FACET_LIMIT]
        return [(r, counted[r]) for r in best]

    def labels(self, roots: list[str]) -> dict[str, str]:
        """Each entity's name (a researcher's, else its commonest); a name that two entities
        shown share (one group's Media Office, another's) gets the issuer it serves."""
        self._labels.update(self._names([r for r in roots if r not in self._labels]))
        shown = Counter(self._labels[r] for r in roots)
        return {r: self._labels[r] if shown[self._labels[r]] == 1
                else f"{self._labels[r]} ({self._group(r)})" for r in roots}

    def _names(self, roots: list[str]) -> dict[str, str]:
        if not roots:
            return {}
        ids = {m: r for r in roots for m in self.cur.members(r)}
        rows = self.db.connection.execute(
            f"SELECT entity_id, name, sum(n), min(first_id) FROM entity_names"
            f" WHERE entity_id{_IN_PKS} GROUP BY 1, 2", (json_list(ids),)).fetchall()
        # as the entity pages name it: the kept id's own commonest name (the first seen on a
        # tie), else its members'
        rows.sort(key=lambda row: (row[0] != ids[row[0]], -row[2], row[3]))
        best: dict[str, str] = {}
        for entity_id, name, _, _ in rows:
            best.setdefault(ids[entity_id], name)
        return {r: self.cur.name(r) or best.get(r, r) for r in roots}

    def _group(self, root: str) -> str:
        row = self.db.one(
            "SELECT d.issuer_top FROM entity_id_docs x JOIN documents d ON d.pk = x.doc_pk"
            f" WHERE x.entity_id{_IN_PKS} AND d.issuer_top IS NOT NULL"
            " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
            (json_list(self.cur.members(root)),))
        return str(row[0]) if row else root


def _top(counts: Counter[str]) -> list[tuple[str, int]]:
    """As SQL's `ORDER BY count DESC, value LIMIT n` would give (years as numbers)."""
    found = sorted((-n, _natural(v), v) for v, n in counts.items() if n > 0)
    return [(v, -n) for n, _, v in found[:FACET_LIMIT]]


def _natural(value: str) -> Any:
    """Years as numbers, everything else as text."""
    return (0, int(value), "") if value.isdecimal() else (1, 0, value)
