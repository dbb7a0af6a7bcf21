"""One actor over time: the dated documents that name it, the roles it held, its relations,
and its first and last appearance, in both calendars."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sijill.model import Document
from sijill.names import fold_value
from sijill.relations.dating import document_when, relation_when
from sijill.relations.names import display_name, names_by_id, names_of
from sijill.store.relations import Claim

ROLE_TYPES = ("leadership", "membership")


@dataclass
class Timeline:
    entity: str
    name: str
    documents: list[dict[str, Any]] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)

    def span(self) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
        dated = [d["date"] for d in self.documents if d["date"]["iso"]]
        return (dated[0], dated[-1]) if dated else (None, None)

    def to_dict(self) -> dict[str, Any]:
        first, last = self.span()
        return {"entity": self.entity, "name": self.name, "first": first, "last": last,
                "documents": self.documents, "roles": self.roles, "relations": self.relations}


def matches(entity: str, query: str, table: dict[str, list[str]]) -> bool:
    """Whether `query` names the entity: its id, or one of its names (folded)."""
    return entity == query or fold_value(query) in {fold_value(n) for n in names_of(entity, table)}


def _ids_in(doc: Document, claims: list[Claim], query: str,
            table: dict[str, list[str]]) -> set[str]:
    ids = {m.entity for m in doc.mentions} | {e.id for e in doc.entities}
    ids |= {x for c in claims for x in (c.relation.source, c.relation.target)}
    return {i for i in ids if matches(i, query, table)}


def build(items: Iterable[tuple[Document, list[Claim]]], query: str) -> Timeline | None:
    """The timeline of the actor `query` names (id or name); None when nothing names it."""
    found: Timeline | None = None
    for doc, claims in items:
        table = names_by_id(doc)
        ids = _ids_in(doc, claims, query, table)
        if not ids:
            continue
        if found is None:
            first = sorted(ids)[0]
            found = Timeline(first, display_name(first, table))
        _add_document(found, doc, claims, ids, table)
    if found is not None:
        for part in (found.documents, found.roles, found.relations):
            part.sort(key=lambda x: (x["date"]["iso"] is None, x["date"]["iso"] or ""))
    return found


def _add_document(t: Timeline, doc: Document, claims: list[Claim], ids: set[str],
                  table: dict[str, list[str]]) -> None:
    t.documents.append({"id": doc.id, "title": doc.title,
                        "subject": doc.subject.text if doc.subject else None,
                        "date": document_when(doc).to_dict()})
    for c in claims:
        rel = c.relation
        if c.review == "rejected" or not ({rel.source, rel.target} & ids):
            continue
        outgoing = rel.source in ids
        other = rel.target if outgoing else rel.source
        item = {"id": c.key, "document": doc.id, "type": rel.type, "status": rel.status,
                "direction": "to" if outgoing else "from", "other": display_name(other, table),
                "other_id": other, "evidence": c.evidence, "review": c.review,
                "date": relation_when(doc, rel).to_dict()}
        t.relations.append(item)
        if rel.type in ROLE_TYPES and outgoing:
            t.roles.append({"role": rel.type, "of": display_name(other, table),
                            "evidence": c.evidence, "document": doc.id, "date": item["date"]})
