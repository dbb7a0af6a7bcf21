-- Sijill archive, schema 2: the human layer of entity curation.
-- `entity_edits` holds researchers' merges, splits and renames of entities. Like `edits`, it
-- is never touched by ingest or reprocess: it names entities by their ids (stable, derived
-- from type and name key) and anchors a split mention by (source key, part, offsets, text),
-- not by the hash-based document id, so it outlives every replacement of the machine layer.

CREATE TABLE entity_edits (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('merge', 'split', 'rename')),
    entity_id  TEXT NOT NULL,    -- merge: the entity kept; split: the one the mention left;
                                 -- rename: the entity renamed
    other_id   TEXT,             -- merge: the entity merged in; split: the new entity
    name       TEXT,             -- rename: the new name; split: the new entity's name
    type       TEXT,             -- split: the new entity's type
    source_key TEXT,             -- split: the mention's anchor (source key, part, span)
    part       INTEGER,
    doc_id     TEXT,             -- split: the document's id when the edit was made
    start      INTEGER,
    end        INTEGER,
    text       TEXT,
    before     TEXT,             -- JSON: the entities as they were shown before the edit
    after      TEXT,             -- JSON: as they were shown after it
    author     TEXT NOT NULL,
    note       TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX entity_edits_entity ON entity_edits(entity_id);
CREATE INDEX entity_edits_other ON entity_edits(other_id);
CREATE INDEX entity_edits_anchor ON entity_edits(source_key, part);

-- Archive-wide entity views look documents up by entity id.
CREATE INDEX entities_entity ON entities(entity_id);
