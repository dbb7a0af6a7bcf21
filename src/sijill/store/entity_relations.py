"""The relations one entity takes part in, as the pages list them: machine relations and
those researchers added, each with its key, evidence and the latest verdict; the claims made
on one document; and the names that label their ends. Read-only."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sijill.model import Range, Relation
from sijill.store.relations import relation_key, standing


@dataclass(slots=True)
class Listed:
    """One relation an entity takes part in, machine or human, where its document is."""

    key: str
    origin: str  # "machine" or "human"
    type: str
    status: str
    source: str
    target: str
    doc: str
    date: str | None
    start: int
    end: int
    text: str


def _marks(members: list[str]) -> str:
    return ", ".join("?" * len(members))


def machine(conn: sqlite3.Connection, members: list[str], limit: int) -> list[Listed]:
    """Machine relations touching any of `members`, by date (undated last), at most `limit`."""
    marks = _marks(members)
    rows = conn.execute(
        "SELECT s.key, d.part, d.id, d.date_iso, r.type, r.source_entity, r.target_entity,"
        " r.status, r.evidence_start, r.evidence_end,"
        " substr(d.text, r.evidence_start + 1, r.evidence_end - r.evidence_start)"
        " FROM relations r JOIN documents d ON d.pk = r.doc_pk"
        " JOIN sources s ON s.id = d.source_id"
        f" WHERE r.source_entity IN ({marks}) OR r.target_entity IN ({marks})"
        f" ORDER BY d.date_iso IS NULL, d.date_iso, d.pk LIMIT {int(limit)}",
        (*members, *members)).fetchall()
    out = []
    for key, part, doc_id, date, type_, src, dst, status, start, end, words in rows:
        rel = Relation(type_, src, dst, status, Range(start, end))
        out.append(Listed(relation_key(key, part, rel, words), "machine", type_, status, src,
                          dst, doc_id, date, start, end, words))
    return out


def added(conn: sqlite3.Connection, members: list[str]) -> list[Listed]:
    """Standing relations researchers added touching any of `members`, where their document
    now is."""
    marks = _marks(members)
    rows = conn.execute(
        "SELECT c.relation_key, c.type, c.status, c.source_entity, c.target_entity, d.id,"
        " d.date_iso, c.evidence_start, c.evidence_end, c.evidence_text FROM relation_claims c"
        # CROSS JOIN keeps this order: from the few claims, not a scan of every document
        " CROSS JOIN sources s ON s.key = c.source_key CROSS JOIN documents d"
        " ON d.source_id = s.id AND d.part = c.part WHERE c.kind = 'add'"
        + standing("c.id")
        + f" AND (c.source_entity IN ({marks}) OR c.target_entity IN ({marks}))",
        (*members, *members)).fetchall()
    return [Listed(key, "human", *rest) for key, *rest in rows]


def verdicts(conn: sqlite3.Connection, keys: list[str]) -> dict[str, tuple[str, str, str]]:
    """The latest standing verdict on each relation: ("confirmed"/"rejected", author, when)."""
    if not keys:
        return {}
    rows = conn.execute(
        "SELECT relation_key, kind, author, created_at FROM relation_claims"
        f" WHERE kind != 'add' AND relation_key IN ({_marks(keys)})"
        + standing() + " ORDER BY id",
        keys)
    return {key: ("confirmed" if kind == "confirm" else "rejected", author, at)
            for key, kind, author, at in rows}


def main_names(conn: sqlite3.Connection, ids: set[str]) -> dict[str, str]:
    """Each id's most frequent machine name (from the kept per-name counts, so a much
    named entity costs no more than a rare one)."""
    ordered = sorted(ids)
    rows = conn.execute(
        "SELECT entity_id, name, sum(n) FROM entity_names"
        f" WHERE entity_id IN ({_marks(ordered)}) GROUP BY 1, 2 ORDER BY 3", ordered)
    return {entity_id: name for entity_id, name, _ in rows}


ClaimRow = tuple[int, str, str, str | None, str | None, str | None, int | None, int | None,
                 str | None, str, str | None, str]


def document_claims(conn: sqlite3.Connection, doc_id: str) -> list[ClaimRow]:
    """The relation claims made on a document, oldest first: (id, kind, key, type, source,
    target, start, end, evidence, author, note, created at)."""
    return conn.execute(
        "SELECT c.id, c.kind, c.relation_key, c.type, c.source_entity, c.target_entity,"
        " c.evidence_start, c.evidence_end, c.evidence_text, c.author, c.note, c.created_at"
        " FROM relation_claims c JOIN sources s ON s.key = c.source_key"
        " JOIN documents d ON d.source_id = s.id AND d.part = c.part WHERE d.id = ?"
        " ORDER BY c.id", (doc_id,)).fetchall()
