"""The network of entities: who relates to whom, in which documents, within a time window.

Edges come from the documents' relations (each with its evidence range). When the window
holds no relation at all (an archive ingested before the relations stage existed), the
network is derived from correspondence instead: the sender, else the top issuer, to each
addressee, the addressee's span as evidence; the answer says which it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sijill.model import Range, Relation
from sijill.store import Archive
from sijill.store.relations import relation_key

MAX_EDGES = 400
MAX_EVIDENCE = 25
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class Window:
    start: str | None = None  # ISO prefix, inclusive
    end: str | None = None  # ISO prefix, inclusive
    type: str | None = None
    status: str | None = None

    @classmethod
    def parse(cls, params: Any) -> Window:
        def iso(name: str) -> str | None:
            value = (params.get(name) or "").strip()
            return value if _DATE.match(value) else None

        return cls(iso("from"), iso("to"), params.get("type") or None,
                   params.get("status") or None)

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

    def node(self, node_id: str, label: str, type_: str) -> None:
        entry = self.nodes.setdefault(node_id, {"id": node_id, "label": label, "type": type_,
                                                "documents": 0})
        entry["documents"] += 1

    def edge(self, source: str, target: str, type_: str, status: str,
             evidence: dict[str, Any]) -> None:
        key = (source, target, type_, status)
        entry = self.edges.setdefault(key, {
            "id": "|".join(key), "source": source, "target": target, "type": type_,
            "status": status, "count": 0, "evidence": []})
        entry["count"] += 1
        if len(entry["evidence"]) < MAX_EVIDENCE:
            entry["evidence"].append(evidence)

    def to_dict(self) -> dict[str, Any]:
        edges = sorted(self.edges.values(), key=lambda e: -e["count"])[:MAX_EDGES]
        used = {e["source"] for e in edges} | {e["target"] for e in edges}
        return {"nodes": [n for n in self.nodes.values() if n["id"] in used],
                "edges": edges, "derived": self.derived}


Resolve = Callable[[str], tuple[str, str | None]]  # entity id -> (effective id, curated name)


def _names(archive: Archive) -> dict[str, tuple[str, str]]:
    """Each entity id's most frequent machine name and its type."""
    rows = archive._conn.execute(
        "SELECT entity_id, type, name, count(*) FROM entities GROUP BY 1, 2, 3 ORDER BY 4")
    return {entity_id: (name, type_) for entity_id, type_, name, _ in rows}


def _relations(archive: Archive, window: Window, resolve: Resolve) -> Graph:
    graph = Graph()
    where, params = window.sql()
    for column, value in (("r.type", window.type), ("r.status", window.status)):
        if value:
            where += f" AND {column} = ?"
            params.append(value)
    names = _names(archive)
    rejected = _rejected(archive)
    machine = archive._conn.execute(
        "SELECT s.key, d.part, d.id, d.date_iso, r.source_entity, r.target_entity, r.type,"
        " r.status, r.evidence_start, r.evidence_end, substr(d.text, r.evidence_start + 1,"
        " r.evidence_end - r.evidence_start) FROM relations r"
        " JOIN documents d ON d.pk = r.doc_pk JOIN sources s ON s.id = d.source_id"
        f" WHERE {where}", params).fetchall()
    human = archive._conn.execute(
        "SELECT c.relation_key, d.id, d.date_iso, c.source_entity, c.target_entity, c.type,"
        " c.status, c.evidence_start, c.evidence_end, c.evidence_text FROM relation_claims c"
        " JOIN sources s ON s.key = c.source_key JOIN documents d ON d.source_id = s.id"
        f" AND d.part = c.part WHERE c.kind = 'add' AND {where.replace('r.', 'c.')}",
        params).fetchall()
    rows = [(_key(r), *r[2:]) for r in machine] + human
    for key, doc_id, date, src, dst, type_, status, start, end, text in rows:
        if key in rejected:
            continue
        ends = []
        for entity_id in (src, dst):
            effective, curated = resolve(entity_id)
            name, etype = names.get(entity_id, (entity_id, "unknown"))
            graph.node(effective, curated or name, etype)
            ends.append(effective)
        graph.edge(ends[0], ends[1], type_, status,
                   {"doc": doc_id, "date": date, "start": start, "end": end,
                    "text": text[:300], "relation": key})
    return graph


def _key(row: tuple[Any, ...]) -> str:
    source_key, part, _, _, src, dst, type_, status, start, end, words = row
    return relation_key(source_key, part, Relation(type_, src, dst, status, Range(start, end)),
                        words)


def _rejected(archive: Archive) -> set[str]:
    """Relations whose latest verdict is a rejection: left out of the network."""
    rows = archive._conn.execute(
        "SELECT relation_key, kind FROM relation_claims WHERE kind != 'add' ORDER BY id")
    latest = dict(rows.fetchall())
    return {key for key, kind in latest.items() if kind == "reject"}


def _correspondence(archive: Archive, window: Window) -> Graph:
    graph = Graph(derived=True)
    where, params = window.sql()
    rows = archive._conn.execute(
        "SELECT d.id, d.date_iso, coalesce(d.sender, d.issuer_top), f.text, f.start, f.end"
        " FROM fields f JOIN documents d ON d.pk = f.doc_pk"
        f" WHERE f.field = 'addressees' AND coalesce(d.sender, d.issuer_top) IS NOT NULL"
        f" AND {where}", params)
    for doc_id, date, source, target, start, end in rows:
        a, b = f"name:{source}", f"name:{target}"
        graph.node(a, source, "party")
        graph.node(b, target, "party")
        graph.edge(a, b, "correspondence", "asserted",
                   {"doc": doc_id, "date": date, "start": start, "end": end, "text": target})
    return graph


def network(archive: Archive, window: Window, resolve: Resolve | None = None) -> dict[str, Any]:
    """Nodes and edges in the window, each edge with the documents that evidence it."""
    graph = _relations(archive, window, resolve or (lambda x: (x, None)))
    if not graph.edges and not window.type and not window.status:
        graph = _correspondence(archive, window)
    return graph.to_dict()


def relation_types(archive: Archive) -> list[str]:
    return [r[0] for r in archive._conn.execute(
        "SELECT DISTINCT type FROM relations ORDER BY 1")]
