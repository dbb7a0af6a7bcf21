"""Originals and their translations, linked: the links found at ingest (machine layer,
`document_pairs`) and a researcher's links and unlinks over them (human layer, `pair_edits`,
the `pairs` migration). Both are anchored by (source key, part), so they survive re-ingest and
reprocess and follow a moved source; the latest human edit of two anchors wins over the
machine's word. Finding the links and comparing the fields is `sijill.checks.pairing`'s work.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sijill.errors import StoreError
from sijill.store.db import Database, check_author, json_list, now

__all__ = ["Anchor", "Found", "Pair", "PairEdit", "anchor_of", "edits", "effective", "languages",
           "link", "of_document", "replace_found", "unlink"]

Anchor = tuple[str, int]  # (source key, part)


@dataclass(frozen=True, slots=True)
class Found:
    """A link as ingest found it."""

    original: Anchor
    translation: Anchor
    basis: str  # "file-names", "same-page" or "block"
    rule: str | None = None
    block: tuple[int, int] | None = None  # the original's range in the translation's text


@dataclass(frozen=True, slots=True)
class Pair:
    """A standing link between an original and its translation, with their current ids."""

    original: Anchor
    translation: Anchor
    basis: str  # as Found, or "researcher"
    rule: str | None
    block: tuple[int, int] | None
    original_id: str | None  # None: no such document stored now
    translation_id: str | None
    author: str | None = None  # the researcher who linked them

    def to_dict(self) -> dict[str, Any]:
        return {"original": self.original_id, "translation": self.translation_id,
                "basis": self.basis, "rule": self.rule,
                "block": list(self.block) if self.block else None, "linked_by": self.author}


@dataclass(frozen=True, slots=True)
class PairEdit:
    id: int
    action: str
    original_id: str
    translation_id: str
    note: str | None
    author: str
    created_at: str


def _ids(db: Database) -> dict[Anchor, str]:
    rows = db.connection.execute(
        "SELECT s.key, d.part, d.id FROM (SELECT original_key AS k, original_part AS p"
        " FROM document_pairs UNION SELECT translation_key, translation_part FROM document_pairs"
        " UNION SELECT original_key, original_part FROM pair_edits"
        " UNION SELECT translation_key, translation_part FROM pair_edits) a"
        " JOIN sources s ON s.key = a.k JOIN documents d ON d.source_id = s.id AND d.part = a.p")
    return {(key, part): doc_id for key, part, doc_id in rows}


def languages(db: Database, keys: Iterable[str] | None = None) -> dict[Anchor, str | None]:
    """Each document's language (`ar` for one read as Arabic script), by anchor: of the
    sources `keys`, or of every source."""
    sql = ("SELECT s.key, d.part, d.language FROM documents d"
           " JOIN sources s ON s.id = d.source_id")
    if keys is None:
        rows = db.connection.execute(sql)
    else:
        rows = db.connection.execute(sql + " WHERE s.key IN (SELECT value FROM json_each(?))",
                                     (json_list(keys),))
    return {(key, part): language for key, part, language in rows}


def replace_found(db: Database, found: Iterable[Found], keys: Iterable[str] | None) -> None:
    """A new machine layer of links: every file-name link, and the same-page and block links
    of the sources `keys` (None: of every source). Links to sources no longer held go."""
    conn = db.connection
    rows = [(f.original[0], f.original[1], f.translation[0], f.translation[1],
             *(f.block or (None, None)), f.basis, f.rule, now()) for f in found]
    with db.batch():
        conn.execute("DELETE FROM document_pairs WHERE basis = 'file-names'")
        if keys is None:
            conn.execute("DELETE FROM document_pairs")
        else:
            conn.execute("DELETE FROM document_pairs WHERE translation_key IN"
                         " (SELECT value FROM json_each(?))", (json_list(keys),))
        conn.execute("DELETE FROM document_pairs WHERE original_key NOT IN (SELECT key FROM"
                     " sources) OR translation_key NOT IN (SELECT key FROM sources)")
        conn.executemany(
            "INSERT OR IGNORE INTO document_pairs (original_key, original_part, translation_key,"
            " translation_part, block_start, block_end, basis, rule, found_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)


def _standing_edits(db: Database) -> dict[tuple[Anchor, Anchor], tuple[str, str]]:
    """(original, translation) -> (action, author) of the latest edit of each two anchors."""
    out: dict[tuple[Anchor, Anchor], tuple[str, str]] = {}
    for action, ok, op, tk, tp, author in db.connection.execute(
            "SELECT action, original_key, original_part, translation_key, translation_part,"
            " author FROM pair_edits ORDER BY id"):
        out[((ok, op), (tk, tp))] = (action, author)
    return out


def effective(db: Database) -> list[Pair]:
    """Every standing link: the machine's, less those a researcher took away, and the
    researchers' own; only links whose two documents are stored."""
    ids = _ids(db)
    human = _standing_edits(db)
    pairs: dict[tuple[Anchor, Anchor], Pair] = {}
    for ok, op, tk, tp, bs, be, basis, rule in db.connection.execute(
            "SELECT original_key, original_part, translation_key, translation_part,"
            " block_start, block_end, basis, rule FROM document_pairs ORDER BY id"):
        anchors = ((ok, op), (tk, tp))
        block = (bs, be) if bs is not None else None
        pairs[anchors] = Pair(*anchors, basis, rule, block, ids.get(anchors[0]),
                              ids.get(anchors[1]))
    for anchors, (action, author) in human.items():
        if action == "unlink":
            pairs.pop(anchors, None)
        elif anchors in pairs:
            pairs[anchors] = dataclasses.replace(pairs[anchors], author=author)
        else:
            pairs[anchors] = Pair(*anchors, "researcher", None, None, ids.get(anchors[0]),
                                  ids.get(anchors[1]), author)
    return [p for p in pairs.values() if p.original_id and p.translation_id]


def of_document(db: Database, doc_id: str) -> list[Pair]:
    """The standing links of one document, as original or as translation."""
    return [p for p in effective(db) if doc_id in (p.original_id, p.translation_id)]


def anchor_of(db: Database, doc_id: str) -> Anchor:
    """The (source key, part) of a stored document."""
    row = db.one("SELECT s.key, d.part FROM documents d JOIN sources s ON s.id = d.source_id"
                 " WHERE d.id = ?", (doc_id,))
    if row is None:
        raise StoreError(f"no document {doc_id!r}")
    return row[0], row[1]


def _edit(db: Database, action: str, original_id: str, translation_id: str, author: str,
          note: str | None) -> int:
    check_author(author, "a link" if action == "link" else "an unlink")
    if original_id == translation_id and action == "link":  # a block is found, not made
        raise StoreError("a document is not its own translation")
    anchors = (anchor_of(db, original_id), anchor_of(db, translation_id))
    standing = any((p.original, p.translation) == anchors for p in effective(db))
    if action == "link" and standing:
        raise StoreError(f"{original_id} and {translation_id} are already linked")
    if action == "unlink" and not standing:
        raise StoreError(f"{original_id} is not linked as the original of {translation_id}")
    with db.batch():
        cursor = db.connection.execute(
            "INSERT INTO pair_edits (action, original_key, original_part, translation_key,"
            " translation_part, original_id, translation_id, note, author, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (action, *anchors[0], *anchors[1], original_id, translation_id,
             note.strip() if note and note.strip() else None, author.strip(), now()))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def link(db: Database, original_id: str, translation_id: str, *, author: str,
         note: str | None = None) -> int:
    """Link two documents as an original and its translation (a human edit); its id."""
    return _edit(db, "link", original_id, translation_id, author, note)


def unlink(db: Database, original_id: str, translation_id: str, *, author: str,
           note: str | None = None) -> int:
    """Take a link away, the machine's or a researcher's (a human edit); its id."""
    return _edit(db, "unlink", original_id, translation_id, author, note)


def edits(db: Database, doc_id: str | None = None) -> list[PairEdit]:
    """The links and unlinks researchers made (on one document, or all), oldest first,
    under the documents' current ids."""
    ids = _ids(db)
    out = []
    for id_, action, ok, op, tk, tp, oid, tid, note, author, at in db.connection.execute(
            "SELECT id, action, original_key, original_part, translation_key,"
            " translation_part, original_id, translation_id, note, author, created_at"
            " FROM pair_edits ORDER BY id"):
        edit = PairEdit(id_, action, ids.get((ok, op), oid), ids.get((tk, tp), tid), note,
                        author, at)
        if doc_id is None or doc_id in (edit.original_id, edit.translation_id):
            out.append(edit)
    return out
