"""The network of actors over the archive, in one `Window` (`sijill.store.network`), built
two ways from the same stored relations and claims layer:

- `build`: the whole graph for files (`sijill network`, the web's GEXF/GraphML downloads):
  one edge per (source, target, type), weighted by the documents that support it, with all
  their evidence, each relation dated by its own sentence when it gives a date. networkx.
- `summary`: the graph a page draws (`/network`, `/api/network`): one edge per (source,
  target, type, status) after merges, counted in SQL over the documents' dates, the heaviest
  `limit` edges with a few pieces of evidence each; derived from correspondence when the
  window holds no relation at all.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

import networkx as nx

from sijill.model import Document
from sijill.relations.cues import SYMMETRIC
from sijill.relations.dating import relation_when
from sijill.relations.gexf import to_gexf
from sijill.relations.names import display_name, names_by_id
from sijill.store import Archive
from sijill.store import network as stored
from sijill.store.network import MAX_EDGES, SNIPPET, Group, Window
from sijill.store.relations import Claim


def _ends(claim: Claim) -> tuple[str, str]:
    rel = claim.relation
    if rel.type in SYMMETRIC and rel.target < rel.source:
        return rel.target, rel.source
    return rel.source, rel.target


def build(items: Iterable[tuple[Document, list[Claim]]], window: Window) -> nx.MultiDiGraph:
    """The graph of the claims that stand (not rejected) inside the window."""
    graph = nx.MultiDiGraph()
    for doc, claims in items:
        table = names_by_id(doc)
        types = {e.id: e.type for e in doc.entities}
        for claim in claims:
            rel = claim.relation
            when = relation_when(doc, rel)
            if claim.review == "rejected" or not window.holds(rel.type, when.iso, rel.status):
                continue
            _add(graph, doc, claim, when.iso, table)
            for node in _ends(claim):
                graph.nodes[node].setdefault("type", types.get(node, "unknown"))
                graph.nodes[node].setdefault("_docs", set()).add(doc.id)
    for _, _, data in graph.edges(data=True):
        data["weight"] = len(data["documents"])
    for _, data in graph.nodes(data=True):
        data["documents_count"] = len(data.pop("_docs", ()))
    return graph


def _add(graph: nx.MultiDiGraph, doc: Document, claim: Claim, iso: str | None,
         table: dict[str, list[str]]) -> None:
    src, tgt = _ends(claim)
    for node in (src, tgt):
        if node not in graph:
            graph.add_node(node, name=display_name(node, table))
    rel = claim.relation
    if not graph.has_edge(src, tgt, key=rel.type):
        graph.add_edge(src, tgt, key=rel.type, type=rel.type, documents=[], evidence=[])
    data = graph.edges[src, tgt, rel.type]
    if doc.id not in data["documents"]:
        data["documents"].append(doc.id)
    data["evidence"].append({
        "id": claim.key, "document": doc.id, "start": rel.evidence.start,
        "end": rel.evidence.end, "text": claim.evidence, "status": rel.status,
        "date": iso, "review": claim.review,
    })


def to_json(graph: nx.MultiDiGraph) -> dict[str, Any]:
    return {
        "nodes": [{"id": n, **d} for n, d in graph.nodes(data=True)],
        "edges": [{"source": s, "target": t, **{k: v for k, v in d.items()}}
                  for s, t, d in graph.edges(data=True)],
    }


def _flat(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML and GEXF hold scalars only: lists become JSON strings."""
    flat = nx.MultiDiGraph()
    flat.add_nodes_from(graph.nodes(data=True))
    for s, t, k, d in graph.edges(keys=True, data=True):
        flat.add_edge(s, t, key=k, **{n: json.dumps(v, ensure_ascii=False)
                                      if isinstance(v, list) else v for n, v in d.items()})
    return flat


def serialise(graph: nx.MultiDiGraph, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(to_json(graph), ensure_ascii=False, indent=2)
    out = BytesIO()
    if fmt == "graphml":
        nx.write_graphml(_flat(graph), out, encoding="utf-8")
    elif fmt == "gexf":
        return to_gexf(graph)
    else:
        raise ValueError(f"unknown format {fmt!r}: json, graphml or gexf")
    return out.getvalue().decode("utf-8")


MAX_EVIDENCE = 5  # per edge of a summary; `count` says how many relations support it
Resolve = Callable[[str], tuple[str, str | None]]  # entity id -> (effective id, curated name)


@dataclass(slots=True)
class Graph:
    """The graph a page draws: nodes and edges as plain dicts, edges keyed by their ends,
    type and status."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[Group, dict[str, Any]] = field(default_factory=dict)
    derived: bool = False
    limit: int = MAX_EDGES

    def node(self, node_id: str, label: str, type_: str, n: int = 1) -> None:
        entry = self.nodes.setdefault(node_id, {"id": node_id, "label": label, "type": type_,
                                                "documents": 0})
        entry["documents"] += n

    def edge(self, source: str, target: str, type_: str, status: str, n: int = 1,
             evidence: dict[str, Any] | None = None) -> Group:
        key = (source, target, type_, status)
        entry = self.edges.setdefault(key, {
            "id": "|".join(key), "source": source, "target": target, "type": type_,
            "status": status, "count": 0, "evidence": []})
        entry["count"] += n
        if evidence is not None and len(entry["evidence"]) < MAX_EVIDENCE:
            entry["evidence"].append(evidence)
        return key

    def shown(self) -> list[Group]:
        """The keys of the edges shown: the `limit` heaviest, ties first seen first."""
        return sorted(self.edges, key=lambda k: -self.edges[k]["count"])[:self.limit]

    def to_dict(self) -> dict[str, Any]:
        edges = [self.edges[k] for k in self.shown()]
        used = {e["source"] for e in edges} | {e["target"] for e in edges}
        return {"nodes": [n for n in self.nodes.values() if n["id"] in used],
                "edges": edges, "derived": self.derived, "total_edges": len(self.edges),
                "total_nodes": len(self.nodes), "limit": self.limit}


def _relations(archive: Archive, window: Window, resolve: Resolve) -> Graph:
    """Machine relations counted per group in SQL, in the order each was first seen; the
    claims layer (few rows) then takes rejected relations out and puts added ones in;
    evidence text is read only for the edges shown."""
    conn = archive.connection
    groups = stored.edge_counts(conn, window)
    rejected = stored.rejected(conn)
    gone = stored.rejected_machine(conn, rejected, window)
    human = [row for row in stored.added(conn, window) if row[0] not in rejected]
    less = Counter(gone.values())
    counts = [(g, n - less[g]) for g, n in groups]
    counts += [((r[3], r[4], r[5], r[6]), 1) for r in human]
    names = stored.typed_names(conn, {e for g, _ in counts for e in g[:2]})
    graph = Graph(limit=window.limit)
    members: dict[Group, list[Group]] = {}
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
    _evidence(archive, window, graph, members, gone, human)
    return graph


def _evidence(archive: Archive, window: Window, graph: Graph, members: dict[Group, list[Group]],
              gone: dict[int, Group], human: list[tuple[Any, ...]]) -> None:
    """Up to MAX_EVIDENCE pieces of evidence for each edge shown, first seen first."""
    shown = graph.shown()
    wanted = {g for key in shown for g in members[key]}
    if not wanted:
        return
    picked = stored.first_of(archive.connection, window, wanted, gone, MAX_EVIDENCE)
    by_group: dict[Group, list[dict[str, Any]]] = {}
    for group, found in stored.evidence(archive.connection, picked):
        if group in wanted and found["_order"] not in gone:
            by_group.setdefault(group, []).append(found)
    for row in human:
        by_group.setdefault((row[3], row[4], row[5], row[6]), []).append(
            {"doc": row[1], "date": row[2], "start": row[7], "end": row[8],
             "text": row[9][:SNIPPET], "relation": row[0]})
    for key in shown:
        found = [e for g in members[key] for e in by_group.get(g, [])]
        found.sort(key=lambda e: e.pop("_order", float("inf")))
        graph.edges[key]["evidence"] = found[:MAX_EVIDENCE]


def _correspondence(archive: Archive, window: Window) -> Graph:
    graph = Graph(derived=True, limit=window.limit)
    for doc_id, date, source, target, start, end in stored.correspondence(
            archive.connection, window):
        a, b = f"name:{source}", f"name:{target}"
        graph.node(a, source, "party")
        graph.node(b, target, "party")
        graph.edge(a, b, "correspondence", "asserted", 1,
                   {"doc": doc_id, "date": date, "start": start, "end": end, "text": target})
    return graph


def summary(archive: Archive, window: Window,
            resolve: Resolve | None = None) -> dict[str, Any]:
    """The nodes and edges a page draws in the window, each edge with the documents that
    evidence it."""
    graph = _relations(archive, window, resolve or (lambda x: (x, None)))
    if not graph.edges and not window.types and not window.status:
        graph = _correspondence(archive, window)
    return graph.to_dict()
