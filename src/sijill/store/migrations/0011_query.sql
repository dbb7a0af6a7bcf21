-- Sijill archive, schema 11: the query language's stemmed index, researchers' tags and notes,
-- and saved searches.

-- The same columns as documents_fts, with English stemming (porter): `salary` finds
-- `salaries` in body text. Names are searched in the exact index (documents_fts); this one
-- serves plain words, ranking and snippets.
CREATE VIRTUAL TABLE documents_stem USING fts5(
    title, subject, text, names,
    content='documents', content_rowid='pk',
    tokenize='porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER documents_stem_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_stem(rowid, title, subject, text, names)
    VALUES (new.pk, new.title, new.subject, new.text, new.names);
END;

CREATE TRIGGER documents_stem_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_stem(documents_stem, rowid, title, subject, text, names)
    VALUES ('delete', old.pk, old.title, old.subject, old.text, old.names);
END;

CREATE TRIGGER documents_stem_update AFTER UPDATE OF title, subject, text, names ON documents
BEGIN
    INSERT INTO documents_stem(documents_stem, rowid, title, subject, text, names)
    VALUES ('delete', old.pk, old.title, old.subject, old.text, old.names);
    INSERT INTO documents_stem(rowid, title, subject, text, names)
    VALUES (new.pk, new.title, new.subject, new.text, new.names);
END;

INSERT INTO documents_stem(documents_stem) VALUES ('rebuild');

-- Stated Hijri dates by (year, month, day) as one number, for `hijri:` queries; the query
-- repeats these expressions exactly so that SQLite uses the index.
CREATE INDEX fields_hijri ON fields(
    (json_extract(extra, '$.year') * 10000 + coalesce(json_extract(extra, '$.month'), 0) * 100
     + coalesce(json_extract(extra, '$.day'), 0)), doc_pk)
WHERE field = 'dates' AND json_extract(extra, '$.calendar') = 'hijri';

-- The human layer of a researcher's own labels: tags and notes on documents (anchored by
-- source key and part, as `edits` are) and on entities (by entity id). Append-only: the
-- latest row for a (target, tag) says whether the tag is on; the latest note of a target is
-- its note (an empty text removes it). Never touched by ingest or reprocess; its name ends
-- in `_edits`, so the JSON export carries it.
CREATE TABLE label_edits (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('tag', 'note')),
    action     TEXT NOT NULL CHECK (action IN ('add', 'remove')),
    source_key TEXT,             -- a document's anchor (source key, part) ...
    part       INTEGER,
    doc_id     TEXT,             -- ... and its id when labelled
    entity_id  TEXT,             -- or an entity's id
    text       TEXT NOT NULL,    -- the tag (normalised) or the note
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK ((entity_id IS NULL) != (source_key IS NULL))
);
CREATE INDEX label_edits_document ON label_edits(source_key, part, kind);
CREATE INDEX label_edits_entity ON label_edits(entity_id, kind);
CREATE INDEX label_edits_text ON label_edits(kind, text);

-- Saved searches: a query kept under a name by its owner; `seen_source` is the highest
-- source id the owner had seen when last marking its alerts seen, so documents of sources
-- ingested later are "new".
CREATE TABLE saved_searches (
    id          INTEGER PRIMARY KEY,
    owner       TEXT NOT NULL,
    name        TEXT NOT NULL,
    query       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    seen_source INTEGER NOT NULL DEFAULT 0,
    seen_at     TEXT,
    UNIQUE (owner, name)
);
