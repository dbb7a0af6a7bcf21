"""Undo a human edit: a field edit, an entity edit (merge, split, rename) or a relation claim
(an added relation or a verdict). The undo is itself an edit, with its author, note and time,
kept in `undos` (migration 0008); the edit it takes back stays in its table and in the audit
trail, and every layer leaves it out when it replays. An undo cannot itself be undone: make
the edit again instead, so the trail reads forwards.
"""

from __future__ import annotations

from typing import Any, Literal, get_args

from sijill.errors import StoreError
from sijill.store import documents, entity_edits, entity_layer
from sijill.store.db import Database, check_author, now

Layer = Literal["field", "entity", "relation"]
LAYERS: tuple[str, ...] = get_args(Layer)
_TABLES = {"field": "edits", "entity": "entity_edits", "relation": "relation_claims"}


def undone(db: Database, layer: str) -> dict[int, dict[str, Any]]:
    """The undone edits of a layer: edit id -> the undo (id, author, note, created_at)."""
    rows = db.connection.execute(
        "SELECT edit_id, id, author, note, created_at FROM undos WHERE layer = ?", (layer,))
    return {edit_id: {"id": id_, "author": author, "note": note, "created_at": at}
            for edit_id, id_, author, note, at in rows}


def undo(db: Database, layer: str, edit_id: int, *, author: str,
         note: str | None = None) -> int:
    """Take back one human edit; returns the undo's id. Refuses an unknown edit, an edit
    already undone, and an entity edit a later standing edit builds on (undo that first)."""
    check_author(author, "an undo")
    if layer not in LAYERS:
        raise StoreError(f"layer must be one of {', '.join(LAYERS)}")
    table = _TABLES[layer]
    row = db.connection.execute(f"SELECT * FROM {table} WHERE id = ?", (edit_id,)).fetchone()
    if row is None:
        raise StoreError(f"no {layer} edit {edit_id}")
    if edit_id in undone(db, layer):
        raise StoreError(f"{layer} edit {edit_id} is already undone")
    touched: list[str] = []
    if layer == "entity":
        touched = _entity_ids(db, edit_id)
    with db.batch():
        cursor = db.connection.execute(
            "INSERT INTO undos (layer, edit_id, author, note, created_at) VALUES (?, ?, ?, ?, ?)",
            (layer, edit_id, author, note, now()))
        entity_layer.forget_curation(db)
        _refresh(db, layer, edit_id, touched)
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def _entity_ids(db: Database, edit_id: int) -> list[str]:
    """The ids an entity edit names; refused when a later standing edit names one of them
    (a rename of the merged entity, a merge into it): undoing out of order would leave it
    meaning something else."""
    ids = [x for x in db.connection.execute(
        "SELECT entity_id, other_id FROM entity_edits WHERE id = ?", (edit_id,)).fetchone() if x]
    later = db.connection.execute(
        "SELECT id FROM entity_edits WHERE id > ? AND (entity_id IN (?, ?) OR other_id IN (?, ?))"
        " AND id NOT IN (SELECT edit_id FROM undos WHERE layer = 'entity') ORDER BY id",
        (edit_id, *(ids * 2)[:2], *(ids * 2)[:2])).fetchall()
    if later:
        raise StoreError(f"entity edit {later[-1][0]} was made after {edit_id} on the same"
                         f" entity: undo it first")
    return ids


def _refresh(db: Database, layer: str, edit_id: int, touched: list[str]) -> None:
    """Bring the search columns back in line with the layers."""
    if layer == "entity":
        entity_edits.refresh_names(db, touched)
    elif layer == "field":
        row = db.connection.execute(
            "SELECT d.pk, d.id FROM edits e JOIN sources s ON s.key = e.source_key"
            " JOIN documents d ON d.source_id = s.id AND d.part = e.part WHERE e.id = ?",
            (edit_id,)).fetchone()
        if row:
            doc = documents.document(db, row[1])
            if doc is not None:
                documents.refresh_facets(db, row[0], doc)
