"""Researchers' relation claims: adding a relation by hand, confirming or rejecting any
relation, and finding a document's (or the archive's) relations with their verdicts. How
claims are named and laid over a document: `sijill.store.relations`.
"""

from __future__ import annotations

from collections.abc import Iterator

from sijill.errors import StoreError
from sijill.model import Document, Range, Relation
from sijill.store import documents
from sijill.store.db import Database, check_author, now
from sijill.store.relations import (
    STATUSES,
    TYPES,
    Claim,
    check_evidence,
    claims_of,
    relation_key,
)

__all__ = ["add_relation", "all_claims", "claims", "find", "judge"]


def _anchor(db: Database, doc_id: str) -> tuple[str, int, Document]:
    row = db.connection.execute(
        "SELECT s.key, d.part FROM documents d JOIN sources s ON s.id = d.source_id"
        " WHERE d.id = ?", (doc_id,)).fetchone()
    # claims are made over the curated machine layer
    doc = documents.document(db, doc_id, claims=False)
    if row is None or doc is None:
        raise StoreError(f"no document {doc_id!r}")
    return row[0], row[1], doc


def add_relation(db: Database, doc_id: str, type_: str, source: str, target: str, *,
                 evidence: tuple[int, int], author: str, status: str = "asserted",
                 note: str | None = None) -> str:
    """Add a relation to a document by hand; returns its key. Ends are entity ids."""
    check_author(author, "a claim")
    if type_ not in TYPES:
        raise StoreError(f"type must be one of {', '.join(TYPES)}")
    if status not in STATUSES:
        raise StoreError(f"status must be one of {', '.join(STATUSES)}")
    source_key, part, doc = _anchor(db, doc_id)
    start, end = evidence
    if not 0 <= start < end <= len(doc.text):
        raise StoreError(f"evidence {start}:{end} is not a range of the document's text "
                         f"(0..{len(doc.text)})")
    check_evidence(doc.text, start, end)
    rel = Relation(type_, source, target, status, Range(start, end))  # type: ignore[arg-type]
    words = doc.text[start:end]
    key = relation_key(source_key, part, rel, words)
    with db.batch():
        db.connection.execute(
            "INSERT INTO relation_claims (kind, relation_key, source_key, part, doc_id, type,"
            " source_entity, target_entity, status, evidence_start, evidence_end,"
            " evidence_text, author, note, created_at)"
            " VALUES ('add', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, source_key, part, doc_id, type_, source, target, status, start, end, words,
             author, note, now()))
    return key


def judge(db: Database, key: str, verdict: str, *, author: str,
          note: str | None = None) -> Claim:
    """Confirm or reject a relation by its key; the latest verdict wins, all are kept."""
    check_author(author, "a claim")
    if verdict not in ("confirm", "reject"):
        raise StoreError("a verdict is confirm or reject")
    claim = find(db, key)
    if claim is None:
        raise StoreError(f"no relation {key!r}")
    source_key, part, _ = _anchor(db, claim.doc_id)
    with db.batch():
        db.connection.execute(
            "INSERT INTO relation_claims (kind, relation_key, source_key, part, doc_id, author,"
            " note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (verdict, key, source_key, part, claim.doc_id, author, note, now()))
    return find(db, key) or claim


def claims(db: Database, doc_id: str) -> list[Claim]:
    """Every relation of a document, machine and human, each with its latest verdict."""
    source_key, part, doc = _anchor(db, doc_id)
    return claims_of(db, source_key, part, doc)


def all_claims(db: Database) -> Iterator[tuple[Document, list[Claim]]]:
    """Every document with its relations, in storage order."""
    keys = dict(db.connection.execute(
        "SELECT d.id, s.key || char(31) || d.part FROM documents d"
        " JOIN sources s ON s.id = d.source_id").fetchall())
    for doc in documents.documents(db, claims=False):
        source_key, part = keys[doc.id].rsplit("\x1f", 1)
        yield doc, claims_of(db, source_key, int(part), doc)


def find(db: Database, key: str) -> Claim | None:
    """A relation by its key, wherever it is."""
    row = db.connection.execute(
        "SELECT doc_id, source_key, part FROM relation_claims WHERE relation_key = ?"
        " ORDER BY id DESC LIMIT 1", (key,)).fetchone()
    if row is not None:
        current = db.connection.execute(
            "SELECT d.id FROM documents d JOIN sources s ON s.id = d.source_id"
            " WHERE s.key = ? AND d.part = ?", (row[1], row[2])).fetchone()
        if current is not None:
            hit = [c for c in claims(db, current[0]) if c.key == key]
            if hit:
                return hit[0]
    for _, found in all_claims(db):  # a machine relation never judged: look everywhere
        for c in found:
            if c.key == key:
                return c
    return None
