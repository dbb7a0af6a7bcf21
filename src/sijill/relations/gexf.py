"""The network as GEXF 1.3 (https://gexf.net/schema.html), for Gephi: nodes labelled with
their names and typed (person, organisation, place); one edge per (source, target, relation
type), `type="mutual"` for symmetric relations (contact, alliance: both ways, which Gephi and
networkx read inside a directed graph, unlike "undirected") and "directed" for the rest; its
relation type as `kind` and label, its weight the number of documents, and its first and
last evidence dates as `start`/`end`, so Gephi's timeline can play the network.

Written with lxml rather than networkx's writer, whose 1.3 output names the XML Schema
instance namespace wrongly and puts the relation type where GEXF wants the edge direction.
"""

from __future__ import annotations

import calendar
import json
from datetime import date
from typing import Any

import networkx as nx
from lxml import etree

from sijill.relations.cues import SYMMETRIC

NS = "http://gexf.net/1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} {NS}/gexf.xsd"
NODE_ATTRIBUTES = (("type", "string"), ("documents", "integer"))
EDGE_ATTRIBUTES = (("relation", "string"), ("status", "string"), ("documents", "string"),
                   ("evidence", "string"))


def _day(iso: str, last: bool) -> str:
    """A full xsd:date for an ISO prefix: "2021" -> 2021-01-01 (or -12-31 as an end)."""
    y = int(iso[:4])
    m = int(iso[5:7]) if len(iso) >= 7 else (12 if last else 1)
    d = int(iso[8:10]) if len(iso) >= 10 else (calendar.monthrange(y, m)[1] if last else 1)
    return date(y, m, d).isoformat()


def _attributes(graph_el: etree._Element, cls: str, defs: tuple[tuple[str, str], ...]) -> None:
    el = etree.SubElement(graph_el, f"{{{NS}}}attributes", {"class": cls})
    for name, type_ in defs:
        etree.SubElement(el, f"{{{NS}}}attribute", id=name, title=name, type=type_)


def _values(parent: etree._Element, values: dict[str, Any]) -> None:
    present = {k: v for k, v in values.items() if v is not None}
    if not present:
        return
    el = etree.SubElement(parent, f"{{{NS}}}attvalues")
    for key, value in present.items():
        etree.SubElement(el, f"{{{NS}}}attvalue", {"for": key, "value": str(value)})


def _edge_dates(data: dict[str, Any]) -> tuple[str | None, str | None]:
    dates = sorted(e["date"] for e in data.get("evidence", []) if e.get("date"))
    return (_day(dates[0], False), _day(dates[-1], True)) if dates else (None, None)


def to_gexf(graph: nx.MultiDiGraph, description: str = "Sijill network") -> str:
    root = etree.Element(f"{{{NS}}}gexf", nsmap={None: NS, "xsi": XSI}, version="1.3")
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)
    meta = etree.SubElement(root, f"{{{NS}}}meta", lastmodifieddate=date.today().isoformat())
    etree.SubElement(meta, f"{{{NS}}}creator").text = "Sijill"
    etree.SubElement(meta, f"{{{NS}}}description").text = description
    graph_el = etree.SubElement(root, f"{{{NS}}}graph", defaultedgetype="directed",
                                mode="dynamic", timeformat="date")
    _attributes(graph_el, "node", NODE_ATTRIBUTES)
    _attributes(graph_el, "edge", EDGE_ATTRIBUTES)
    nodes = etree.SubElement(graph_el, f"{{{NS}}}nodes")
    for node, data in graph.nodes(data=True):
        el = etree.SubElement(nodes, f"{{{NS}}}node", id=str(node),
                              label=str(data.get("name") or node))
        _values(el, {"type": data.get("type") or "unknown",
                     "documents": data.get("documents_count")})
    edges = etree.SubElement(graph_el, f"{{{NS}}}edges")
    for i, (source, target, key, data) in enumerate(graph.edges(keys=True, data=True)):
        relation = str(data.get("type") or key)
        attrs = {"id": str(i), "source": str(source), "target": str(target),
                 "type": "mutual" if relation in SYMMETRIC else "directed",
                 "kind": relation, "label": relation,
                 "weight": str(float(data.get("weight") or len(data.get("documents", [])) or 1))}
        start, end = _edge_dates(data)
        if start and end:
            attrs.update(start=start, end=end)
        el = etree.SubElement(edges, f"{{{NS}}}edge", attrs)
        statuses = sorted({e.get("status") for e in data.get("evidence", []) if e.get("status")})
        _values(el, {"relation": relation, "status": " | ".join(statuses) or None,
                     "documents": " | ".join(data.get("documents", [])) or None,
                     "evidence": json.dumps([e.get("text") for e in data.get("evidence", [])][:5],
                                            ensure_ascii=False)})
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                          pretty_print=True).decode("utf-8")
