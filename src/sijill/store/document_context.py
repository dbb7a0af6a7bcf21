"""What the archive keeps about a document's source, read for the reader page: provenance,
the file behind it, its OCR layout, its place in its issuer's series and its copies and
variants (`document_links`). Read-only."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a document came from and when the archive read it."""

    path: str | None
    url: str | None
    sha256: str
    media_type: str | None
    title: str | None
    published: str | None
    ingested_at: str
    updated_at: str


def provenance(conn: sqlite3.Connection, doc_id: str) -> Provenance | None:
    """The provenance of a document's source; None for no such document."""
    row = conn.execute(
        "SELECT s.path, s.url, s.sha256, s.media_type, s.title, s.published, s.ingested_at,"
        " s.updated_at FROM documents d JOIN sources s ON s.id = d.source_id WHERE d.id = ?",
        (doc_id,),
    ).fetchone()
    return Provenance(*row) if row else None


def original_file(conn: sqlite3.Connection,
                  doc_id: str) -> tuple[str | None, str, str | None] | None:
    """(path, sha256, media type) of a document's source file; None for no such document."""
    row = conn.execute(
        "SELECT s.path, s.sha256, s.media_type FROM documents d"
        " JOIN sources s ON s.id = d.source_id WHERE d.id = ?", (doc_id,)).fetchone()
    return (row[0], row[1], row[2]) if row else None


@dataclass(frozen=True, slots=True)
class ScanSource:
    """A document's source as OCR read it: its file, layout and texts."""

    path: str | None
    media_type: str | None
    layout: str | None  # the OCR layout as JSON; None when read as text
    source_text: str
    doc_text: str
    sha256: str


def scan_source(conn: sqlite3.Connection, doc_id: str) -> ScanSource | None:
    """A document's source with its OCR layout; None for no such document."""
    row = conn.execute(
        "SELECT s.path, s.media_type, s.layout, s.text, d.text, s.sha256 FROM documents d"
        " JOIN sources s ON s.id = d.source_id WHERE d.id = ?", (doc_id,)).fetchone()
    return ScanSource(*row) if row else None


def ids_of_source(conn: sqlite3.Connection, source_key: str) -> list[str]:
    """The ids of the documents read from one source, in part order."""
    rows = conn.execute(
        "SELECT d.id FROM documents d JOIN sources s ON s.id = d.source_id"
        " WHERE s.key = ? ORDER BY d.part", (source_key,))
    return [r[0] for r in rows]


def neighbours(conn: sqlite3.Connection, doc_id: str) -> tuple[str | None, str | None, str | None]:
    """(issuer, previous id, next id) in the series of documents of the same top issuer,
    ordered by date (undated last) then storage order."""
    row = conn.execute(
        "SELECT pk, issuer_top, coalesce(date_iso, '~') FROM documents WHERE id = ?", (doc_id,)
    ).fetchone()
    if row is None or row[1] is None:
        return None, None, None
    pk, issuer, key = row
    order = "coalesce(date_iso, '~')"
    prev = conn.execute(
        f"SELECT id FROM documents WHERE issuer_top = ? AND ({order}, pk) < (?, ?)"
        f" ORDER BY {order} DESC, pk DESC LIMIT 1", (issuer, key, pk)).fetchone()
    nxt = conn.execute(
        f"SELECT id FROM documents WHERE issuer_top = ? AND ({order}, pk) > (?, ?)"
        f" ORDER BY {order}, pk LIMIT 1", (issuer, key, pk)).fetchone()
    return issuer, prev[0] if prev else None, nxt[0] if nxt else None


@dataclass(frozen=True, slots=True)
class Link:
    """A copy or variant of a document as `sijill check` linked it, and where the other is."""

    kind: str
    doc_id: str | None  # None: the other is no longer in the archive
    where: str  # the other's URL or path, else its source key
    similarity: float
    held_first: bool  # the other is the one the archive held first


def links(conn: sqlite3.Connection, source_key: str, part: int) -> list[Link]:
    """The copies and variants of the document at (source key, part), most similar first."""
    rows = conn.execute(
        "SELECT kind, b_key, b_part, similarity, 0 FROM document_links"
        " WHERE a_key = ? AND a_part = ?"
        " UNION ALL SELECT kind, a_key, a_part, similarity, 1 FROM document_links"
        " WHERE b_key = ? AND b_part = ? ORDER BY 4 DESC",
        (source_key, part, source_key, part)).fetchall()
    out = []
    for kind, other_key, other_part, similarity, first in rows:
        found = conn.execute(
            "SELECT d.id, coalesce(s.url, s.path) FROM documents d JOIN sources s"
            " ON s.id = d.source_id WHERE s.key = ? AND d.part = ?",
            (other_key, other_part)).fetchone()
        out.append(Link(kind, found[0] if found else None, found[1] if found else other_key,
                        similarity, bool(first)))
    return out
