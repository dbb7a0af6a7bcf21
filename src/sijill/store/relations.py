"""The human layer of relations: researchers add relations and confirm or reject any relation.

A relation is named by a stable key, a hash of where it is (source key, part) and what it
claims (type, ends, status, evidence words), so a verdict made today still finds its relation
after the source is re-ingested or reprocessed. An added relation keeps its evidence by
offsets and words and is re-anchored like a human field edit (`layers.anchor`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, get_args

from sijill.model import Document, Range, Relation, RelationStatus, RelationType, Span
from sijill.store import layers
from sijill.store.errors import StoreError

if TYPE_CHECKING:
    from sijill.store.archive import Archive

TYPES: tuple[str, ...] = get_args(RelationType)
STATUSES: tuple[str, ...] = get_args(RelationStatus)


@dataclass(frozen=True, slots=True)
class Claim:
    """A relation as the researcher sees it: machine or human, and their verdict on it."""

    key: str
    doc_id: str
    relation: Relation
    evidence: str
    origin: str                 # "machine" or "human"
    review: str | None = None   # None, "confirmed" or "rejected" (the latest verdict)
    author: str | None = None   # who added it, or gave the latest verdict
    at: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.key, "document": self.doc_id, **self.relation.to_dict(),
                "evidence_text": self.evidence, "origin": self.origin, "review": self.review,
                "author": self.author, "at": self.at, "note": self.note}


# Claims taken back by an undo (migration 0008) are kept in the table, left out here.
def standing(column: str = "id") -> str:
    return f" AND {column} NOT IN (SELECT edit_id FROM undos WHERE layer = 'relation')"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")



def relation_key(source_key: str, part: int, rel: Relation, evidence: str) -> str:
    parts = (source_key, str(part), rel.type, rel.source, rel.target, rel.status, evidence)
    return "r" + hashlib.blake2b("\x1f".join(parts).encode(), digest_size=5).hexdigest()


def _anchor(archive: Archive, doc_id: str) -> tuple[str, int, Document]:
    row = archive.connection.execute(
        "SELECT s.key, d.part FROM documents d JOIN sources s ON s.id = d.source_id"
        " WHERE d.id = ?", (doc_id,)).fetchone()
    doc = archive.document(doc_id, claims=False)  # claims are made over the curated machine layer
    if row is None or doc is None:
        raise StoreError(f"no document {doc_id!r}")
    return row[0], row[1], doc


def _check_author(author: str) -> None:
    if not author or not author.strip():
        raise StoreError("a claim needs an author")


def _inside_word(text: str, i: int) -> bool:
    return 0 < i < len(text) and text[i - 1].isalnum() and text[i].isalnum()


def check_evidence(text: str, start: int, end: int) -> None:
    """Evidence is whole words of one paragraph, at least two of them: not "In the nam",
    not a stray letter, not a stretch across paragraphs."""
    words = text[start:end]
    if words != words.strip():
        raise StoreError("evidence starts or ends with a space: select whole words")
    if _inside_word(text, start) or _inside_word(text, end):
        raise StoreError(f"evidence “{words}” cuts a word: select whole words")
    if len(words.split()) < 2:
        raise StoreError("evidence is at least two words of the text")
    if "\n\n" in words:
        raise StoreError("evidence stays within one paragraph")


def add_relation(archive: Archive, doc_id: str, type_: str, source: str, target: str, *,
                 evidence: tuple[int, int], author: str, status: str = "asserted",
                 note: str | None = None) -> str:
    """Add a relation to a document by hand; returns its key. Ends are entity ids."""
    _check_author(author)
    if type_ not in TYPES:
        raise StoreError(f"type must be one of {', '.join(TYPES)}")
    if status not in STATUSES:
        raise StoreError(f"status must be one of {', '.join(STATUSES)}")
    source_key, part, doc = _anchor(archive, doc_id)
    start, end = evidence
    if not 0 <= start < end <= len(doc.text):
        raise StoreError(f"evidence {start}:{end} is not a range of the document's text "
                         f"(0..{len(doc.text)})")
    check_evidence(doc.text, start, end)
    rel = Relation(type_, source, target, status, Range(start, end))  # type: ignore[arg-type]
    words = doc.text[start:end]
    key = relation_key(source_key, part, rel, words)
    with archive.batch():
        archive.connection.execute(
            "INSERT INTO relation_claims (kind, relation_key, source_key, part, doc_id, type,"
            " source_entity, target_entity, status, evidence_start, evidence_end,"
            " evidence_text, author, note, created_at)"
            " VALUES ('add', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, source_key, part, doc_id, type_, source, target, status, start, end, words,
             author, note, _now()))
    return key


def judge(archive: Archive, key: str, verdict: str, *, author: str,
          note: str | None = None) -> Claim:
    """Confirm or reject a relation by its key; the latest verdict wins, all are kept."""
    _check_author(author)
    if verdict not in ("confirm", "reject"):
        raise StoreError("a verdict is confirm or reject")
    claim = find(archive, key)
    if claim is None:
        raise StoreError(f"no relation {key!r}")
    source_key, part, _ = _anchor(archive, claim.doc_id)
    with archive.batch():
        archive.connection.execute(
            "INSERT INTO relation_claims (kind, relation_key, source_key, part, doc_id, author,"
            " note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (verdict, key, source_key, part, claim.doc_id, author, note, _now()))
    return find(archive, key) or claim


def _added(archive: Archive, source_key: str, part: int, doc: Document) -> Iterator[Claim]:
    rows = archive.connection.execute(
        "SELECT relation_key, type, source_entity, target_entity, status, evidence_start,"
        " evidence_end, evidence_text, author, created_at, note FROM relation_claims"
        " WHERE kind = 'add' AND source_key = ? AND part = ?" + standing() + " ORDER BY id",
        (source_key, part))
    for key, type_, src, tgt, status, start, end, words, author, at, note in rows:
        span = layers.anchor(Span(words, start, end), doc.text)
        if span is None:  # its words are gone from the text: kept in the trail, not shown
            continue
        rel = Relation(type_, src, tgt, status, Range(span.start, span.end))
        yield Claim(key, doc.id, rel, words, "human", author=author, at=at, note=note)


def _verdicts(archive: Archive, source_key: str, part: int) -> dict[str, tuple[str, ...]]:
    rows = archive.connection.execute(
        "SELECT relation_key, kind, author, created_at, note FROM relation_claims"
        " WHERE kind != 'add' AND source_key = ? AND part = ?" + standing() + " ORDER BY id",
        (source_key, part))
    return {key: ("confirmed" if kind == "confirm" else "rejected", author, at, note)
            for key, kind, author, at, note in rows}


def claims(archive: Archive, doc_id: str) -> list[Claim]:
    """Every relation of a document, machine and human, each with its latest verdict."""
    source_key, part, doc = _anchor(archive, doc_id)
    return claims_of(archive, source_key, part, doc)


def claims_of(archive: Archive, source_key: str, part: int, doc: Document) -> list[Claim]:
    verdicts = _verdicts(archive, source_key, part)
    found = []
    for rel in doc.relations:
        words = doc.text[rel.evidence.start : rel.evidence.end]
        found.append(Claim(relation_key(source_key, part, rel, words), doc.id, rel, words,
                           "machine"))
    found.extend(_added(archive, source_key, part, doc))
    out = []
    for c in found:
        review = verdicts.get(c.key)
        if review:
            c = Claim(c.key, c.doc_id, c.relation, c.evidence, c.origin, *review)
        out.append(c)
    return out


def all_claims(archive: Archive) -> Iterator[tuple[Document, list[Claim]]]:
    """Every document with its relations, in storage order."""
    keys = dict(archive.connection.execute(
        "SELECT d.id, s.key || char(31) || d.part FROM documents d"
        " JOIN sources s ON s.id = d.source_id").fetchall())
    for doc in archive.documents(claims=False):
        source_key, part = keys[doc.id].rsplit("\x1f", 1)
        yield doc, claims_of(archive, source_key, int(part), doc)


def effective(claims_: list[Claim]) -> list[Claim]:
    """What stands: every claim a researcher has not rejected."""
    return [c for c in claims_ if c.review != "rejected"]


def overlay(archive: Archive, doc: Document, source_key: str, part: int) -> Document:
    """The document's relations as they stand: added ones in, rejected ones out."""
    standing = effective(claims_of(archive, source_key, part, doc))
    return replace(doc, relations=[c.relation for c in standing])


def find(archive: Archive, key: str) -> Claim | None:
    """A relation by its key, wherever it is."""
    row = archive.connection.execute(
        "SELECT doc_id, source_key, part FROM relation_claims WHERE relation_key = ?"
        " ORDER BY id DESC LIMIT 1", (key,)).fetchone()
    if row is not None:
        current = archive.connection.execute(
            "SELECT d.id FROM documents d JOIN sources s ON s.id = d.source_id"
            " WHERE s.key = ? AND d.part = ?", (row[1], row[2])).fetchone()
        if current is not None:
            hit = [c for c in claims(archive, current[0]) if c.key == key]
            if hit:
                return hit[0]
    for _, found in all_claims(archive):  # a machine relation never judged: look everywhere
        for c in found:
            if c.key == key:
                return c
    return None
