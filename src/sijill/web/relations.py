"""Relations as the pages show them: an entity's relations, machine and human, each with its
evidence and the latest verdict; and the researcher's claims (add, confirm, reject) through
`sijill.store.relations`, the human layer of relations."""

from __future__ import annotations

from typing import Any

from sijill.store import Archive, entity_layer, relation_claims
from sijill.store import entity_relations as rows
from sijill.store import relations as claims_store

TYPES = claims_store.TYPES
STATUSES = claims_store.STATUSES
MAX_ROWS = 300
_SNIPPET = 300


def for_entity(archive: Archive, entity_id: str) -> list[dict[str, Any]]:
    """The relations an entity (any id merged into it) takes part in, with evidence and
    the latest verdict on each."""
    cur = entity_layer.curation(archive)
    members = sorted(cur.members(entity_id))
    conn = archive.connection
    found = [*rows.machine(conn, members, MAX_ROWS), *rows.added(conn, members)]
    verdicts = rows.verdicts(conn, [r.key for r in found])
    names = rows.main_names(conn, {x for r in found for x in (r.source, r.target)})

    def named(entity: str) -> dict[str, str]:
        return {"id": cur.resolve(entity), "name": cur.name(entity) or names.get(entity, entity)}

    return [{"id": r.key, "origin": r.origin, "type": r.type, "status": r.status, "doc": r.doc,
             "date": r.date, "start": r.start, "end": r.end, "text": r.text[:_SNIPPET],
             "source": named(r.source), "target": named(r.target),
             **dict(zip(("review", "reviewer", "reviewed_at"),
                        verdicts.get(r.key, (None, None, None)), strict=True)),
             "evidence_url": f"/documents/{r.doc}?evidence={r.start}-{r.end}#evidence"}
            for r in found]


def add(archive: Archive, *, source: str, type_: str, target: str, doc_id: str,
        start: int, end: int, status: str, author: str, note: str | None) -> str:
    """A relation a document evidences, added by hand; returns its key."""
    return relation_claims.add_relation(archive, doc_id, type_, source, target,
                                     evidence=(start, end), author=author, status=status,
                                     note=note)


def verdict(archive: Archive, relation: str, verdict: str, *, author: str,
            note: str | None) -> str:
    """Confirm or reject a relation by its key; returns the key."""
    return relation_claims.judge(archive, relation, verdict, author=author, note=note).key
