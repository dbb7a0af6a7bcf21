"""Relations as the pages show them: an entity's relations, machine and human, each with its
evidence and the latest verdict; and the researcher's claims (add, confirm, reject) through
`sijill.store.relations`, the human layer of relations."""

from __future__ import annotations

from typing import Any

from sijill.model import Range, Relation
from sijill.store import Archive, entity_layer, relation_claims
from sijill.store import relations as claims_store

TYPES = claims_store.TYPES
STATUSES = claims_store.STATUSES
MAX_ROWS = 300
_SNIPPET = 300


def _machine(archive: Archive, members: list[str]) -> list[dict[str, Any]]:
    marks = ", ".join("?" * len(members))
    rows = archive.connection.execute(
        "SELECT s.key, d.part, d.id, d.date_iso, r.type, r.source_entity, r.target_entity,"
        " r.status, r.evidence_start, r.evidence_end,"
        " substr(d.text, r.evidence_start + 1, r.evidence_end - r.evidence_start)"
        " FROM relations r JOIN documents d ON d.pk = r.doc_pk"
        " JOIN sources s ON s.id = d.source_id"
        f" WHERE r.source_entity IN ({marks}) OR r.target_entity IN ({marks})"
        f" ORDER BY d.date_iso IS NULL, d.date_iso, d.pk LIMIT {MAX_ROWS}",
        (*members, *members)).fetchall()
    out = []
    for key, part, doc_id, date, type_, src, dst, status, start, end, words in rows:
        rel = Relation(type_, src, dst, status, Range(start, end))
        out.append({"id": claims_store.relation_key(key, part, rel, words), "origin": "machine",
                    "type": type_, "status": status, "src": src, "dst": dst, "doc": doc_id,
                    "date": date, "start": start, "end": end, "text": words})
    return out


def _added(archive: Archive, members: list[str]) -> list[dict[str, Any]]:
    """Relations researchers added, where their document now is."""
    marks = ", ".join("?" * len(members))
    rows = archive.connection.execute(
        "SELECT c.relation_key, d.id, d.date_iso, c.type, c.source_entity, c.target_entity,"
        " c.status, c.evidence_start, c.evidence_end, c.evidence_text FROM relation_claims c"
        # CROSS JOIN keeps this order: from the few claims, not a scan of every document
        " CROSS JOIN sources s ON s.key = c.source_key CROSS JOIN documents d"
        " ON d.source_id = s.id AND d.part = c.part WHERE c.kind = 'add'"
        + claims_store.standing("c.id")
        + f" AND (c.source_entity IN ({marks}) OR c.target_entity IN ({marks}))",
        (*members, *members)).fetchall()
    return [{"id": key, "origin": "human", "type": type_, "status": status, "src": src,
             "dst": dst, "doc": doc_id, "date": date, "start": start, "end": end, "text": words}
            for key, doc_id, date, type_, src, dst, status, start, end, words in rows]


def _verdicts(archive: Archive, keys: list[str]) -> dict[str, tuple[str, str, str]]:
    if not keys:
        return {}
    rows = archive.connection.execute(
        "SELECT relation_key, kind, author, created_at FROM relation_claims"
        f" WHERE kind != 'add' AND relation_key IN ({', '.join('?' * len(keys))})"
        + claims_store.standing() + " ORDER BY id",
        keys)
    return {key: ("confirmed" if kind == "confirm" else "rejected", author, at)
            for key, kind, author, at in rows}


def for_entity(archive: Archive, entity_id: str) -> list[dict[str, Any]]:
    """The relations an entity (any id merged into it) takes part in, with evidence and
    the latest verdict on each."""
    cur = entity_layer.curation(archive)
    members = sorted(cur.members(entity_id))
    found = _machine(archive, members) + _added(archive, members)
    verdicts = _verdicts(archive, [r["id"] for r in found])
    names = _names(archive, {x for r in found for x in (r["src"], r["dst"])})
    for r in found:
        src, dst = r.pop("src"), r.pop("dst")
        r["source"] = {"id": cur.resolve(src), "name": cur.name(src) or names.get(src, src)}
        r["target"] = {"id": cur.resolve(dst), "name": cur.name(dst) or names.get(dst, dst)}
        r["review"], r["reviewer"], r["reviewed_at"] = verdicts.get(r["id"], (None, None, None))
        r["text"] = r["text"][:_SNIPPET]
        r["evidence_url"] = f"/documents/{r['doc']}?evidence={r['start']}-{r['end']}#evidence"
    return found


def _names(archive: Archive, ids: set[str]) -> dict[str, str]:
    """Each id's most frequent machine name (from the kept per-name counts, so a much
    named entity costs no more than a rare one)."""
    ordered = sorted(ids)
    rows = archive.connection.execute(
        "SELECT entity_id, name, sum(n) FROM entity_names"
        f" WHERE entity_id IN ({', '.join('?' * len(ordered))}) GROUP BY 1, 2 ORDER BY 3",
        ordered)
    return {entity_id: name for entity_id, name, _ in rows}


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
