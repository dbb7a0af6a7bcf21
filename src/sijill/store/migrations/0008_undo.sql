-- Sijill archive, schema 8: undoing a human edit is itself an edit.
-- An undo names the edit it takes back by its layer and id: a field edit (`edits`), an entity
-- edit (`entity_edits`) or a relation claim (`relation_claims`). The edit stays in its table
-- and in the audit trail; the layers leave undone edits out when they replay. Like the other
-- human tables, ingest and reprocess never touch it.

CREATE TABLE undos (
    id         INTEGER PRIMARY KEY,
    layer      TEXT NOT NULL CHECK (layer IN ('field', 'entity', 'relation')),
    edit_id    INTEGER NOT NULL,
    author     TEXT NOT NULL,
    note       TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (layer, edit_id)
);
