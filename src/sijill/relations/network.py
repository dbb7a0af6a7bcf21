"""The network of actors over the archive: one edge per (source, target, type), weighted by
the number of documents that support it and carrying their evidence. Built with networkx."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

import networkx as nx

from sijill.model import Document
from sijill.relations.cues import SYMMETRIC
from sijill.relations.dating import relation_when
from sijill.relations.gexf import to_gexf
from sijill.relations.names import display_name, names_by_id
from sijill.store.relations import Claim


@dataclass(frozen=True, slots=True)
class Window:
    start: str | None = None   # ISO prefix, inclusive
    end: str | None = None     # ISO prefix, inclusive
    types: frozenset[str] | None = None

    def holds(self, type_: str, iso: str | None) -> bool:
        if self.types and type_ not in self.types:
            return False
        if self.start is None and self.end is None:
            return True
        if iso is None:  # an undated relation cannot be placed inside a window
            return False
        if self.start and iso[: len(self.start)] < self.start:
            return False
        return not (self.end and iso[: len(self.end)] > self.end)


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
            when = relation_when(doc, claim.relation)
            if claim.review == "rejected" or not window.holds(claim.relation.type, when.iso):
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
