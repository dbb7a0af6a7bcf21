"""A researcher's own labels: tags and a note on documents and on entities (human layer).

Rows of `label_edits` are appended, never changed: a tag is on while its latest row says
"add"; a target's note is its latest note row (an empty note removes it). Documents are
anchored by (source key, part), as field edits are, so labels survive re-ingest and
reprocess; entities by their id. The table travels in the JSON export with the other
`*_edits` tables.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sijill.errors import StoreError
from sijill.store.db import Database, check_author, now

MAX_TAG = 60
_TAG_WORD = re.compile(r"[^\W_]+")
MAX_NOTE = 4000

# Documents carrying any of the tags in the JSON list parameter, by themselves or through an
# entity they name: a Boolean query's `tag:` test. Pass the list twice.
_LATEST = ("l.id = (SELECT max(m.id) FROM label_edits m WHERE m.kind = 'tag' AND m.text = l.text"
           " AND m.source_key IS l.source_key AND m.part IS l.part"
           " AND m.entity_id IS l.entity_id)")
TAGGED_DOCUMENTS_SQL = (
    "SELECT t.pk FROM (SELECT d2.pk FROM label_edits l JOIN sources s ON s.key = l.source_key"
    " JOIN documents d2 ON d2.source_id = s.id AND d2.part = l.part"
    " WHERE l.kind = 'tag' AND l.action = 'add' AND l.text IN (SELECT value FROM json_each(?))"
    f" AND {_LATEST}"
    " UNION SELECT ed.doc_pk FROM label_edits l JOIN entity_docs ed ON ed.entity_id = l.entity_id"
    " WHERE l.kind = 'tag' AND l.action = 'add' AND l.text IN (SELECT value FROM json_each(?))"
    f" AND {_LATEST}) t"
)


def normal_tag(text: str) -> str:
    """A tag as stored and searched: lower-case letters and digits, runs of anything else
    one '-' ("Mill Audit" and "mill/audit" are both mill-audit)."""
    return "-".join(_TAG_WORD.findall(text.casefold()))[:MAX_TAG].strip("-")


@dataclass(frozen=True, slots=True)
class Labels:
    """The tags and the note on one document or entity."""

    tags: list[str]
    note: str | None
    note_author: str | None = None


def _anchor(db: Database, doc_id: str | None, entity_id: str | None) -> dict[str, Any]:
    if (doc_id is None) == (entity_id is None):
        raise StoreError("a label goes on one document or one entity")
    if entity_id is not None:
        if not entity_id.strip():
            raise StoreError("no entity id given")
        return {"source_key": None, "part": None, "doc_id": None, "entity_id": entity_id}
    row = db.connection.execute(
        "SELECT s.key, d.part FROM documents d JOIN sources s ON s.id = d.source_id"
        " WHERE d.id = ?", (doc_id,)).fetchone()
    if row is None:
        raise StoreError(f"no document {doc_id!r}")
    return {"source_key": row[0], "part": row[1], "doc_id": doc_id, "entity_id": None}


def _write(db: Database, kind: str, action: str, text: str, author: str,
           anchor: dict[str, Any]) -> None:
    check_author(author, "a label")
    with db.batch():
        db.connection.execute(
            "INSERT INTO label_edits (kind, action, source_key, part, doc_id, entity_id, text,"
            " author, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (kind, action, anchor["source_key"], anchor["part"], anchor["doc_id"],
             anchor["entity_id"], text, author, now()))


def set_tag(db: Database, tag: str, *, on: bool, author: str, doc_id: str | None = None,
            entity_id: str | None = None) -> str:
    """Put a tag on (or take it off) a document or an entity; returns the tag as stored."""
    name = normal_tag(tag)
    if not name:
        raise StoreError("a tag needs at least one letter or digit")
    anchor = _anchor(db, doc_id, entity_id)
    if (name in labels(db, doc_id=doc_id, entity_id=entity_id).tags) != on:
        _write(db, "tag", "add" if on else "remove", name, author, anchor)
    return name


def set_note(db: Database, note: str, *, author: str, doc_id: str | None = None,
             entity_id: str | None = None) -> None:
    """Set (or, with an empty text, remove) the note of a document or an entity."""
    text = note.strip()
    if len(text) > MAX_NOTE:
        raise StoreError(f"a note is at most {MAX_NOTE} characters")
    anchor = _anchor(db, doc_id, entity_id)
    _write(db, "note", "add" if text else "remove", text, author, anchor)


def labels(db: Database, *, doc_id: str | None = None,
           entity_id: str | None = None) -> Labels:
    """The tags (sorted) and the note now on a document or an entity."""
    anchor = _anchor(db, doc_id, entity_id)
    if anchor["entity_id"] is not None:
        where, params = "entity_id = ?", (anchor["entity_id"],)
    else:
        where, params = "source_key = ? AND part = ?", (anchor["source_key"], anchor["part"])
    rows = db.connection.execute(
        f"SELECT kind, action, text, author FROM label_edits WHERE {where} ORDER BY id", params)
    tags: dict[str, bool] = {}
    note: tuple[str, str] | None = None
    for kind, action, text, author in rows:
        if kind == "tag":
            tags[text] = action == "add"
        else:
            note = (text, author) if action == "add" else None
    return Labels(sorted(t for t, on in tags.items() if on), note[0] if note else None,
                  note[1] if note else None)


def all_tags(db: Database) -> list[tuple[str, int]]:
    """Every tag on at least one document or entity, with how many documents it finds."""
    names = [t for (t,) in db.connection.execute(
        "SELECT DISTINCT text FROM label_edits WHERE kind = 'tag' ORDER BY text")]
    out = []
    for name in names:
        n = db.connection.execute(
            f"SELECT count(*) FROM ({TAGGED_DOCUMENTS_SQL})",
            (json.dumps([name]),) * 2).fetchone()[0]
        if n:
            out.append((name, n))
    return out
