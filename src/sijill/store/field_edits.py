"""Human edits of a document's fields (title, dates, issuer, mentions...) and their audit
trail. How an edit is read, checked and laid over the machine layer: `sijill.store.layers`.
"""

from __future__ import annotations

import json
from typing import Any

from sijill.errors import StoreError
from sijill.store import documents, layers
from sijill.store.db import Database, check_author, dumps, now

__all__ = ["edit_field", "edits"]

_TRAIL_KEYS = ("id", "doc_id", "field", "before", "after", "author", "created_at", "note",
               "machine", "source_key", "part", "edited_doc_id")
_NO_PARAMS: tuple[str, ...] = ()
_TRAIL_SQL = (
    "SELECT e.id, coalesce(d.id, e.doc_id), e.field, e.before, e.after, e.author,"
    " e.created_at, e.note, e.machine, e.source_key, e.part, e.doc_id FROM edits e"
    " LEFT JOIN sources s ON s.key = e.source_key"
    " LEFT JOIN documents d ON d.source_id = s.id AND d.part = e.part"
)


def edit_field(db: Database, doc_id: str, field: str, value: Any, *, author: str,
               note: str | None = None) -> int:
    """Set a field by hand (contract JSON for it); returns the edit's id. The edit is
    anchored to the document's (source key, part), so it survives re-ingest of changed
    bytes and reprocessing."""
    check_author(author)
    kind = layers.field_kind(field)
    with db.batch():
        row = db.one(f"{documents.DOC_SQL} WHERE d.id = ?", (doc_id,))
        if row is None:
            raise StoreError(f"no document {doc_id!r}")
        machine = documents.load_document(row[0], row[1])
        current = documents.effective(db, row)
        after = kind.dump(layers.read_edit(field, value, machine.text))
        cursor = db.connection.execute(
            "INSERT INTO edits (source_key, part, doc_id, field, before, after, machine,"
            " author, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row[2], row[3], doc_id, field, dumps(kind.dump(getattr(current, field))),
             dumps(after), dumps(kind.dump(getattr(machine, field))), author, note, now()),
        )
        documents.refresh_facets(db, row[4], documents.effective(db, row))
        assert cursor.lastrowid is not None
        return cursor.lastrowid


def edits(db: Database, doc_id: str | None = None) -> list[dict[str, Any]]:
    """The audit trail, oldest first: every edit, or those of one document (by its
    current id, or the id it had when edited)."""
    sql, params = _TRAIL_SQL, _NO_PARAMS
    if doc_id is not None:
        sql, params = sql + " WHERE d.id = ? OR e.doc_id = ?", (doc_id, doc_id)
    out = []
    for row in db.connection.execute(sql + " ORDER BY e.id", params):
        item = dict(zip(_TRAIL_KEYS, row, strict=True))
        for name in ("before", "after", "machine"):
            item[name] = json.loads(item[name]) if item[name] is not None else None
        out.append(item)
    return out
