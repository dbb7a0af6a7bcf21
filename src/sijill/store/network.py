"""The stored relations as a network reads them: the one `Window` (dates, types, status,
how many edges to draw) and the SQL behind the network page (relations counted per edge in
the window, the claims layer's additions and rejections, evidence for the edges shown, the
entities' names, correspondence when no relation is stored). The graph itself is built in
`sijill.relations.network`. Read-only."""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sijill.model import Range, Relation
from sijill.store.db import json_list
from sijill.store.relations import relation_key

MAX_EDGES = 400  # edges drawn by default; `limit` asks for more, up to LIMIT_MAX
LIMIT_MAX = 5000
SNIPPET = 300  # characters of evidence shown
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

Group = tuple[str, str, str, str]  # (source entity, target entity, type, status)


@dataclass(frozen=True, slots=True)
class Window:
    """Which relations a network holds: dated from `start` to `end` (ISO prefixes, both
    inclusive: "2021" takes in 2021-12-31), of `types` and `status` (None: any), and the
    `limit` of edges a page draws."""

    start: str | None = None
    end: str | None = None
    types: frozenset[str] | None = None
    status: str | None = None
    limit: int = MAX_EDGES

    @classmethod
    def parse(cls, params: Mapping[str, Any]) -> Window:
        """The window a page's query asks for (`from`, `to`, `type`, `status`, `limit`)."""
        def iso(name: str) -> str | None:
            value = (params.get(name) or "").strip()
            return value if _DATE.match(value) else None

        raw = str(params.get("limit") or "")
        limit = min(max(int(raw), 1), LIMIT_MAX) if raw.isdecimal() else MAX_EDGES
        type_ = params.get("type") or None
        return cls(iso("from"), iso("to"), frozenset({type_}) if type_ else None,
                   params.get("status") or None, limit)

    @property
    def type(self) -> str | None:
        """The one type asked for, if one (a page asks for one at most)."""
        return next(iter(self.types)) if self.types and len(self.types) == 1 else None

    def holds(self, type_: str, iso: str | None, status: str | None = None) -> bool:
        """Whether a relation of `type_` (and `status`) dated `iso` is inside the window."""
        if self.types and type_ not in self.types:
            return False
        if self.status and status != self.status:
            return False
        if self.start is None and self.end is None:
            return True
        if iso is None:  # an undated relation cannot be placed inside a window
            return False
        if self.start and iso[: len(self.start)] < self.start:
            return False
        return not (self.end and iso[: len(self.end)] > self.end)

    def dates_sql(self) -> tuple[str, list[Any]]:
        """The window's dates as a condition on documents `d`."""
        where, params = [], []
        if self.start:
            where.append("d.date_iso >= ?")
            params.append(self.start)
        if self.end:
            where.append("d.date_iso <= ?")
            params.append(self.end + "~")  # "2021" includes "2021-12-31"
        return (" AND ".join(where) or "1"), params


def _where(window: Window) -> tuple[str, list[Any]]:
    """The relations in the window: `r`, joined to its document `d` only when dated."""
    where, params = window.dates_sql()
    rels = "relations r JOIN documents d ON d.pk = r.doc_pk" if params else "relations r"
    where = f"{rels} WHERE {where}"
    if window.types:
        where += f" AND r.type IN ({', '.join('?' * len(window.types))})"
        params.extend(sorted(window.types))
    if window.status:
        where += " AND r.status = ?"
        params.append(window.status)
    return where, params


_GROUP = ("r.source_entity", "r.target_entity", "r.type", "r.status")


def edge_counts(conn: sqlite3.Connection, window: Window) -> list[tuple[Group, int]]:
    """Machine relations in the window counted per (ends, type, status), first seen first."""
    where, params = _where(window)
    rows = conn.execute(f"SELECT {', '.join(_GROUP)}, count(*) FROM {where}"
                        " GROUP BY 1, 2, 3, 4 ORDER BY min(r.id)", params)
    return [((src, dst, type_, status), n) for src, dst, type_, status, n in rows]


def added(conn: sqlite3.Connection, window: Window) -> list[tuple[Any, ...]]:
    """Relations researchers added in the window, where their document now is: (key, doc
    id, date, source, target, type, status, start, end, evidence)."""
    where, params = _where(window)
    claims_where = where.split(" WHERE ", 1)[1].replace("r.", "c.")
    return conn.execute(
        "SELECT c.relation_key, d.id, d.date_iso, c.source_entity, c.target_entity, c.type,"
        " c.status, c.evidence_start, c.evidence_end, c.evidence_text FROM relation_claims c"
        # claims are few: read them first, then their documents
        " CROSS JOIN sources s ON s.key = c.source_key CROSS JOIN documents d"
        f" ON d.source_id = s.id AND d.part = c.part WHERE c.kind = 'add' AND {claims_where}"
        " ORDER BY c.id", params).fetchall()


def rejected(conn: sqlite3.Connection) -> dict[str, tuple[str, int]]:
    """Relations whose latest verdict is a rejection, with where they are (source key,
    part)."""
    rows = conn.execute(
        "SELECT relation_key, kind, source_key, part FROM relation_claims WHERE kind != 'add'"
        " ORDER BY id")
    latest = {key: (kind, source_key, part) for key, kind, source_key, part in rows}
    return {key: (sk, part) for key, (kind, sk, part) in latest.items() if kind == "reject"}


def rejected_machine(conn: sqlite3.Connection, gone: dict[str, tuple[str, int]],
                     window: Window) -> dict[int, Group]:
    """The machine relations in the window among the rejected `gone`, by row id: their keys
    are computed only in the documents where a rejection was made."""
    where, params = _where(window)
    found: dict[int, Group] = {}
    for source_key, part in set(gone.values()):
        rows = conn.execute(
            f"SELECT r.id, {', '.join(_GROUP)}, r.evidence_start, r.evidence_end,"
            " substr(d.text, r.evidence_start + 1, r.evidence_end - r.evidence_start)"
            " FROM sources s CROSS JOIN documents d ON d.source_id = s.id"
            " CROSS JOIN relations r ON r.doc_pk = d.pk"
            f" WHERE s.key = ? AND d.part = ? AND {where.split(' WHERE ', 1)[1]}",
            (source_key, part, *params))
        for row_id, src, dst, type_, status, start, end, words in rows:
            rel = Relation(type_, src, dst, status, Range(start, end))
            if relation_key(source_key, part, rel, words) in gone:
                found[row_id] = (src, dst, type_, status)
    return found


def first_of(conn: sqlite3.Connection, window: Window, wanted: set[Group],
             skip: Mapping[int, Any], n: int) -> list[int]:
    """The row ids of the first `n` machine relations of each wanted group in the window,
    in row order, leaving out those in `skip`."""
    taken: Counter[Group] = Counter()
    picked = []
    for rid, *group in _first_rows(conn, window, wanted, n + len(skip)):
        key = (group[0], group[1], group[2], group[3])
        if key in wanted and rid not in skip and taken[key] < n:
            taken[key] += 1
            picked.append(rid)
    return picked


# Each group's first `take` relations, found by a seek in the index on groups (schema 16)
_FIRST_SQL = (
    "SELECT w.key, (SELECT group_concat(id) FROM (SELECT r.id FROM relations r"
    " WHERE r.source_entity = w.value ->> 0 AND r.target_entity = w.value ->> 1"
    " AND r.type = w.value ->> 2 AND r.status = w.value ->> 3 ORDER BY r.id LIMIT ?))"
    " FROM json_each(?) w")


def _first_rows(conn: sqlite3.Connection, window: Window, wanted: set[Group],
                take: int) -> list[tuple[Any, ...]]:
    """(row id, *group), in row order: of each wanted group at least its first `take`
    relations in the window."""
    if window.start or window.end:  # the window's rows, found by their documents' dates
        where, params = _where(window)
        return conn.execute(f"SELECT r.id, {', '.join(_GROUP)} FROM {where} ORDER BY r.id",
                            params).fetchall()
    # undated: the groups are the window's (its types and status are part of each group)
    groups = sorted(wanted)
    rows = conn.execute(_FIRST_SQL, (take, json.dumps(groups)))
    return sorted((int(rid), *groups[i]) for i, ids in rows if ids for rid in ids.split(","))


def evidence(conn: sqlite3.Connection, ids: list[int]) -> list[tuple[Group, dict[str, Any]]]:
    """The machine relations of `ids` with their group and evidence (its first SNIPPET
    characters, and the relation's key), in row order."""
    rows = conn.execute(
        "SELECT k.key, d.part, d.id, d.date_iso, x.source_entity, x.target_entity, x.type,"
        " x.status, x.evidence_start, x.evidence_end, substr(d.text, x.evidence_start + 1,"
        f" min(x.evidence_end - x.evidence_start, {SNIPPET})), x.id,"
        " x.evidence_end - x.evidence_start FROM relations x JOIN documents d ON d.pk = x.doc_pk"
        " JOIN sources k ON k.id = d.source_id"
        " WHERE x.id IN (SELECT value FROM json_each(?)) ORDER BY x.id",
        (json.dumps(ids),)).fetchall()
    out = []
    for source_key, part, doc_id, date, src, dst, type_, status, start, end, head, rid, size \
            in rows:
        words = head
        if size > SNIPPET:  # the key hashes the whole evidence; the page shows its start
            words = conn.execute(
                "SELECT substr(d.text, ? + 1, ?) FROM relations r JOIN documents d"
                " ON d.pk = r.doc_pk WHERE r.id = ?", (start, size, rid)).fetchone()[0]
        key = relation_key(source_key, part,
                           Relation(type_, src, dst, status, Range(start, end)), words)
        out.append(((src, dst, type_, status),
                    {"doc": doc_id, "date": date, "start": start, "end": end, "text": head,
                     "relation": key, "_order": rid}))
    return out


def typed_names(conn: sqlite3.Connection, ids: set[str]) -> dict[str, tuple[str, str]]:
    """Each entity id's most frequent machine name and its type (from schema 5's figures)."""
    rows = conn.execute(
        "SELECT entity_id, type, name, sum(n) FROM entity_names"
        " WHERE entity_id IN (SELECT value FROM json_each(?)) GROUP BY 1, 2, 3 ORDER BY 4",
        (json_list(ids),))
    return {entity_id: (name, type_) for entity_id, type_, name, _ in rows}


def correspondence(conn: sqlite3.Connection, window: Window) -> list[tuple[Any, ...]]:
    """Who wrote to whom in the window's dates: (doc id, date, sender or else top issuer,
    addressee, its start, its end), one row per addressee."""
    where, params = window.dates_sql()
    return conn.execute(
        "SELECT d.id, d.date_iso, coalesce(d.sender, d.issuer_top), f.text, f.start, f.end"
        " FROM fields f JOIN documents d ON d.pk = f.doc_pk"
        " WHERE f.field = 'addressees' AND coalesce(d.sender, d.issuer_top) IS NOT NULL"
        f" AND {where}", params).fetchall()


def years(conn: sqlite3.Connection) -> tuple[int, int] | None:
    """The first and last year of the archive's dated documents: the time slider's ends."""
    row = conn.execute(
        "SELECT min(substr(date_iso, 1, 4)), max(substr(date_iso, 1, 4)) FROM documents"
        " WHERE date_iso IS NOT NULL").fetchone()
    return (int(row[0]), int(row[1])) if row and row[0] else None


def relation_types(conn: sqlite3.Connection) -> list[str]:
    """The types of the machine relations stored, in order."""
    return [r[0] for r in conn.execute("SELECT DISTINCT type FROM relations ORDER BY 1")]
