"""The human layer of relations: researchers add relations and confirm or reject any relation.

A relation is named by a stable key, a hash of where it is (source key, part) and what it
claims (type, ends, status, evidence words), so a verdict made today still finds its relation
after the source is re-ingested or reprocessed. An added relation keeps its evidence by
offsets and words and is re-anchored like a human field edit (`layers.anchor`).

This module names claims and lays them over a document; adding and judging them, and
finding them in the archive: `sijill.store.relation_claims`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, get_args

from sijill.errors import StoreError
from sijill.model import Document, Range, Relation, RelationStatus, RelationType, Span
from sijill.store import layers
from sijill.store.db import Database

__all__ = ["STATUSES", "TYPES", "Claim", "check_evidence", "claims_of", "effective",
           "overlay", "relation_key", "standing"]

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
        """The claim as JSON-ready data."""
        return {"id": self.key, "document": self.doc_id, **self.relation.to_dict(),
                "evidence_text": self.evidence, "origin": self.origin, "review": self.review,
                "author": self.author, "at": self.at, "note": self.note}


# Claims taken back by an undo (migration 0008) are kept in the table, left out here.
def standing(column: str = "id") -> str:
    """An SQL condition leaving out the claims an undo took back."""
    return f" AND {column} NOT IN (SELECT edit_id FROM undos WHERE layer = 'relation')"


def relation_key(source_key: str, part: int, rel: Relation, evidence: str) -> str:
    """A relation's stable name: a hash of where it is and what it claims."""
    parts = (source_key, str(part), rel.type, rel.source, rel.target, rel.status, evidence)
    return "r" + hashlib.blake2b("\x1f".join(parts).encode(), digest_size=5).hexdigest()


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


def _added(db: Database, source_key: str, part: int, doc: Document) -> Iterator[Claim]:
    rows = db.connection.execute(
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


def _verdicts(db: Database, source_key: str, part: int) -> dict[str, tuple[str, ...]]:
    rows = db.connection.execute(
        "SELECT relation_key, kind, author, created_at, note FROM relation_claims"
        " WHERE kind != 'add' AND source_key = ? AND part = ?" + standing() + " ORDER BY id",
        (source_key, part))
    return {key: ("confirmed" if kind == "confirm" else "rejected", author, at, note)
            for key, kind, author, at, note in rows}


def claims_of(db: Database, source_key: str, part: int, doc: Document) -> list[Claim]:
    """Every relation of a document (source key, part; `doc` its view without claims),
    machine and human, each with its latest verdict."""
    verdicts = _verdicts(db, source_key, part)
    found = []
    for rel in doc.relations:
        words = doc.text[rel.evidence.start : rel.evidence.end]
        found.append(Claim(relation_key(source_key, part, rel, words), doc.id, rel, words,
                           "machine"))
    found.extend(_added(db, source_key, part, doc))
    out = []
    for c in found:
        review = verdicts.get(c.key)
        if review:
            c = Claim(c.key, c.doc_id, c.relation, c.evidence, c.origin, *review)
        out.append(c)
    return out


def effective(claims_: list[Claim]) -> list[Claim]:
    """What stands: every claim a researcher has not rejected."""
    return [c for c in claims_ if c.review != "rejected"]


def overlay(db: Database, doc: Document, source_key: str, part: int) -> Document:
    """The document's relations as they stand: added ones in, rejected ones out."""
    standing = effective(claims_of(db, source_key, part, doc))
    return replace(doc, relations=[c.relation for c in standing])
