"""The network of entities: who relates to whom, in which documents, within a time window.

Edges come from the documents' relations (each with its evidence range). When the window
holds no relation at all (an archive ingested before the relations stage existed), the
network is derived from correspondence instead: the sender, else the top issuer, to each
addressee, the addressee's span as evidence; the answer says which it is.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sijill.model import Range, Relation
from sijill.store import Archive
from sijill.store.relations import relation_key

MAX_EDGES = 400  # edges drawn by default; `limit` asks for more, up to LIMIT_MAX
LIMIT_MAX = 5000
MAX_EVIDENCE = 5  # per edge; `count` says how many relations support it
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class Window:
    start: str | None = None  # ISO prefix, inclusive
    end: str | None = None  # ISO prefix, inclusive
    type: str | None = None
    status: str | None = None
    limit: int = MAX_EDGES

    @classmethod
    def parse(cls, params: Any) -> Window:
        def iso(name: str) -> str | None:
            value = (params.get(name) or "").strip()
            return value if _DATE.match(value) else None

        raw = str(params.get("limit") or "")
        limit = min(max(int(raw), 1), LIMIT_MAX) if raw.isdigit() else MAX_EDGES
        return cls(iso("from"), iso("to"), params.get("type") or None,
                   params.get("status") or None, limit)

    def sql(self) -> tuple[str, list[Any]]:
        where, params = [], []
        if self.start:
            where.append("d.date_iso >= ?")
            params.append(self.start)
        if self.end:
            where.append("d.date_iso <= ?")
            params.append(self.end + "~")  # "2021" includes "2021-12-31"
        return (" AND ".join(where) or "1"), params


@dataclass(slots=True)
class Graph:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str, str], dict[str, Any]] = field(default_factory=dict)
    derived: bool = False
    limit: int = MAX_EDGES

    def node(self, node_id: str, label: str, type_: str, n: int = 1) -> None:
        entry = self.nodes.setdefault(node_id, {"id": node_id, "label": label, "type": type_,
                                                "documents": 0})
        entry["documents"] += n

    def edge(self, source: str, target: str, type_: str, status: str, n: int = 1,
             evidence: dict[str, Any] | None = None) -> tuple[str, str, str, str]:
        key = (source, target, type_, status)
        entry = self.edges.setdefault(key, {
            "id": "|".join(key), "source": source, "target": target, "type": type_,
            "status": status, "count": 0, "evidence": []})
        entry["count"] += n
        if evidence is not None and len(entry["evidence"]) < MAX_EVIDENCE:
            entry["evidence"].append(evidence)
        return key

    def shown(self) -> list[tuple[str, str, str, str]]:
        """The keys of the edges shown: the `limit` heaviest, ties first seen first."""
        return sorted(self.edges, key=lambda k: -self.edges[k]["count"])[:self.limit]

    def to_dict(self) -> dict[str, Any]:
        edges = [self.edges[k] for k in self.shown()]
        used = {e["source"] for e in edges} | {e["target"] for e in edges}
        return {"nodes": [n for n in self.nodes.values() if n["id"] in used],
                "edges": edges, "derived": self.derived, "total_edges": len(self.edges),
                "total_nodes": len(self.nodes), "limit": self.limit}


Resolve = Callable[[str], tuple[str, str | None]]  # entity id -> (effective id, curated name)


def _names(archive: Archive, ids: set[str]) -> dict[str, tuple[str, str]]:
    """Each entity id's most frequent machine name and its type (from schema 5's figures)."""
    rows = archive.connection.execute(
        "SELECT entity_id, type, name, sum(n) FROM entity_names"
        " WHERE entity_id IN (SELECT value FROM json_each(?)) GROUP BY 1, 2, 3 ORDER BY 4",
        (json.dumps(sorted(ids)),))
    return {entity_id: (name, type_) for entity_id, type_, name, _ in rows}


_GROUP = ("r.source_entity", "r.target_entity", "r.type", "r.status")


def _where(window: Window) -> tuple[str, list[Any]]:
    """The relations in the window: `r`, joined to its document `d` only when dated."""
    where, params = window.sql()
    rels = "relations r JOIN documents d ON d.pk = r.doc_pk" if params else "relations r"
    where = f"{rels} WHERE {where}"
    for column, value in (("r.type", window.type), ("r.status", window.status)):
        if value:
            where += f" AND {column} = ?"
            params.append(value)
    return where, params


def _relations(archive: Archive, window: Window, resolve: Resolve) -> Graph:
    """Machine relations counted per (ends, type, status) in SQL, in the order each was first
    seen; the claims layer (few rows) then takes rejected relations out and puts added ones
    in; evidence text is read only for the edges shown."""
    conn = archive.connection
    where, params = _where(window)
    human_where = where.split(" WHERE ", 1)[1].replace("r.", "c.")
    groups = conn.execute(
        f"SELECT {', '.join(_GROUP)}, count(*) FROM {where}"
        " GROUP BY 1, 2, 3, 4 ORDER BY min(r.id)",
        params).fetchall()
    rejected = _rejected(archive)
    gone = _rejected_machine(archive, rejected, where, params)
    human = [row for row in conn.execute(
        "SELECT c.relation_key, d.id, d.date_iso, c.source_entity, c.target_entity, c.type,"
        " c.status, c.evidence_start, c.evidence_end, c.evidence_text FROM relation_claims c"
        # claims are few: read them first, then their documents
        " CROSS JOIN sources s ON s.key = c.source_key CROSS JOIN documents d"
        f" ON d.source_id = s.id AND d.part = c.part WHERE c.kind = 'add' AND {human_where}"
        " ORDER BY c.id", params) if row[0] not in rejected]
    less = Counter(g for g, _ in gone.values())
    counts = [(g[:4], g[4] - less[g[:4]]) for g in groups]
    counts += [((r[3], r[4], r[5], r[6]), 1) for r in human]
    names = _names(archive, {e for g, _ in counts for e in g[:2]})
    graph = Graph(limit=window.limit)
    members: dict[tuple[str, str, str, str], list[tuple[str, str, str, str]]] = {}
    for (src, dst, type_, status), n in counts:
        if n <= 0:
            continue
        ends = []
        for entity_id in (src, dst):
            effective, curated = resolve(entity_id)
            name, etype = names.get(entity_id, (entity_id, "unknown"))
            graph.node(effective, curated or name, etype, n)
            ends.append(effective)
        key = graph.edge(ends[0], ends[1], type_, status, n)
        members.setdefault(key, []).append((src, dst, type_, status))
    _evidence(archive, graph, members, (where, params), gone, human)
    return graph


def _rejected_machine(archive: Archive, rejected: dict[str, tuple[str, int]], where: str,
                      params: list[Any]) -> dict[int, tuple[tuple[str, ...], str]]:
    """The machine relations in the window whose latest verdict is a rejection, by row id:
    their keys are computed only in the documents where a rejection was made."""
    gone: dict[int, tuple[tuple[str, ...], str]] = {}
    for source_key, part in set(rejected.values()):
        rows = archive.connection.execute(
            f"SELECT r.id, d.part, {', '.join(_GROUP)}, r.evidence_start, r.evidence_end,"
            " substr(d.text, r.evidence_start + 1, r.evidence_end - r.evidence_start)"
            " FROM sources s CROSS JOIN documents d ON d.source_id = s.id"
            " CROSS JOIN relations r ON r.doc_pk = d.pk"
            f" WHERE s.key = ? AND d.part = ? AND {where.split(' WHERE ', 1)[1]}",
            (source_key, part, *params))
        for row_id, _, src, dst, type_, status, start, end, words in rows:
            rel = Relation(type_, src, dst, status, Range(start, end))
            if relation_key(source_key, part, rel, words) in rejected:
                gone[row_id] = ((src, dst, type_, status), "")
    return gone


def _evidence(archive: Archive, graph: Graph, members: dict[Any, list[Any]],
              window: tuple[str, list[Any]], gone: dict[int, Any],
              human: list[tuple[Any, ...]]) -> None:
    """Up to MAX_EVIDENCE pieces of evidence for each edge shown, first seen first."""
    shown = graph.shown()
    wanted = {g for key in shown for g in members[key]}
    if not wanted:
        return
    where, params = window
    taken: Counter[tuple[str, ...]] = Counter()
    picked = []
    # one scan in row order (no index: the planner would otherwise seek row by row)
    scan = where.replace("relations r", "relations r NOT INDEXED", 1)
    for rid, *group in archive.connection.execute(
            f"SELECT r.id, {', '.join(_GROUP)} FROM {scan} ORDER BY r.id", params):
        group_ = tuple(group)
        if group_ in wanted and rid not in gone and taken[group_] < MAX_EVIDENCE:
            taken[group_] += 1
            picked.append(rid)
    rows = archive.connection.execute(
        "SELECT k.key, d.part, d.id, d.date_iso, x.source_entity, x.target_entity, x.type,"
        " x.status, x.evidence_start, x.evidence_end, substr(d.text, x.evidence_start + 1,"
        " min(x.evidence_end - x.evidence_start, 300)), x.id, x.evidence_end - x.evidence_start"
        " FROM relations x JOIN documents d ON d.pk = x.doc_pk"
        " JOIN sources k ON k.id = d.source_id"
        " WHERE x.id IN (SELECT value FROM json_each(?)) ORDER BY x.id",
        (json.dumps(picked),)).fetchall()
    by_group: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        group = tuple(row[4:8])
        if group not in wanted or row[11] in gone:
            continue
        by_group.setdefault(group, []).append(_machine_evidence(archive, row))
    for row in human:
        by_group.setdefault((row[3], row[4], row[5], row[6]), []).append(
            {"doc": row[1], "date": row[2], "start": row[7], "end": row[8],
             "text": row[9][:300], "relation": row[0]})
    for key in shown:
        found = [e for g in members[key] for e in by_group.get(g, [])]
        found.sort(key=lambda e: e.pop("_order", float("inf")))
        graph.edges[key]["evidence"] = found[:MAX_EVIDENCE]


def _machine_evidence(archive: Archive, row: tuple[Any, ...]) -> dict[str, Any]:
    source_key, part, doc_id, date, src, dst, type_, status, start, end, head, rid, size = row
    words = head
    if size > 300:  # the key hashes the whole evidence; the page shows its first 300
        words = archive.connection.execute(
            "SELECT substr(d.text, ? + 1, ?) FROM relations r JOIN documents d"
            " ON d.pk = r.doc_pk WHERE r.id = ?", (start, size, rid)).fetchone()[0]
    key = relation_key(source_key, part, Relation(type_, src, dst, status, Range(start, end)),
                       words)
    return {"doc": doc_id, "date": date, "start": start, "end": end, "text": head,
            "relation": key, "_order": rid}


def _rejected(archive: Archive) -> dict[str, tuple[str, int]]:
    """Relations whose latest verdict is a rejection, with where they are: left out of the
    network."""
    rows = archive.connection.execute(
        "SELECT relation_key, kind, source_key, part FROM relation_claims WHERE kind != 'add'"
        " ORDER BY id")
    latest = {key: (kind, source_key, part) for key, kind, source_key, part in rows}
    return {key: (sk, part) for key, (kind, sk, part) in latest.items() if kind == "reject"}


def _correspondence(archive: Archive, window: Window) -> Graph:
    graph = Graph(derived=True, limit=window.limit)
    where, params = window.sql()
    rows = archive.connection.execute(
        "SELECT d.id, d.date_iso, coalesce(d.sender, d.issuer_top), f.text, f.start, f.end"
        " FROM fields f JOIN documents d ON d.pk = f.doc_pk"
        f" WHERE f.field = 'addressees' AND coalesce(d.sender, d.issuer_top) IS NOT NULL"
        f" AND {where}", params)
    for doc_id, date, source, target, start, end in rows:
        a, b = f"name:{source}", f"name:{target}"
        graph.node(a, source, "party")
        graph.node(b, target, "party")
        graph.edge(a, b, "correspondence", "asserted", 1,
                   {"doc": doc_id, "date": date, "start": start, "end": end, "text": target})
    return graph


def network(archive: Archive, window: Window, resolve: Resolve | None = None) -> dict[str, Any]:
    """Nodes and edges in the window, each edge with the documents that evidence it."""
    graph = _relations(archive, window, resolve or (lambda x: (x, None)))
    if not graph.edges and not window.type and not window.status:
        graph = _correspondence(archive, window)
    return graph.to_dict()


def years(archive: Archive) -> tuple[int, int] | None:
    """The first and last year of the archive's dated documents: the time slider's ends."""
    row = archive.connection.execute(
        "SELECT min(substr(date_iso, 1, 4)), max(substr(date_iso, 1, 4)) FROM documents"
        " WHERE date_iso IS NOT NULL").fetchone()
    return (int(row[0]), int(row[1])) if row and row[0] else None


def relation_types(archive: Archive) -> list[str]:
    return [r[0] for r in archive.connection.execute(
        "SELECT DISTINCT type FROM relations ORDER BY 1")]
