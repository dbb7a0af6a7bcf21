-- Sijill archive, schema 1.
-- Machine layer: sources, documents and the rows derived from them (fields, mentions,
-- entities, relations, flags, stage runs); all of it is replaced when a source changes or a
-- stage is re-run. Human layer: `edits`, anchored by (source key, part) rather than by the
-- hash-based document id, so it outlives every replacement of the machine layer.

CREATE TABLE migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
);

CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,           -- path, else url: stable across versions
    sha256      TEXT NOT NULL UNIQUE,           -- the bytes now stored under this key
    path        TEXT,
    url         TEXT,
    media_type  TEXT,
    title       TEXT,
    published   TEXT,
    text        TEXT NOT NULL,                  -- what reprocess parses again
    ingested_at TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE source_stages (
    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    stage     TEXT NOT NULL,
    version   TEXT NOT NULL,
    run_at    TEXT NOT NULL,
    PRIMARY KEY (source_id, stage)
);

-- Facet and search columns (title .. names) hold the effective values, machine output with
-- human edits applied, so filters and search see the researcher's corrections; `json` holds
-- the machine layer alone (the contract document without its text).
CREATE TABLE documents (
    pk             INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,
    source_id      INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    part           INTEGER NOT NULL,
    language       TEXT,
    date_iso       TEXT,
    date_precision TEXT,
    date_basis     TEXT,
    gregorian_year INTEGER,
    hijri_year     INTEGER,
    issuer_top     TEXT,
    reference      TEXT,
    sender         TEXT,
    title          TEXT,
    subject        TEXT,
    text           TEXT NOT NULL,
    names          TEXT NOT NULL DEFAULT '',
    json           TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    UNIQUE (source_id, part)
);
CREATE INDEX documents_date ON documents(date_iso);
CREATE INDEX documents_gregorian_year ON documents(gregorian_year);
CREATE INDEX documents_hijri_year ON documents(hijri_year);
CREATE INDEX documents_issuer_top ON documents(issuer_top);

CREATE TABLE document_stages (
    doc_pk  INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    stage   TEXT NOT NULL,
    version TEXT NOT NULL,
    run_at  TEXT NOT NULL,
    PRIMARY KEY (doc_pk, stage)
);

-- One row per extracted span: issuer levels, reference number, dates, subject, sender,
-- addressees, cc, notes. `extra` carries what a kind of span adds (date parts, note kind).
CREATE TABLE fields (
    id     INTEGER PRIMARY KEY,
    doc_pk INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    field  TEXT NOT NULL,
    ord    INTEGER NOT NULL,
    text   TEXT NOT NULL,
    start  INTEGER NOT NULL,
    end    INTEGER NOT NULL,
    extra  TEXT
);
CREATE INDEX fields_doc ON fields(doc_pk);
CREATE INDEX fields_field_text ON fields(field, text);

CREATE TABLE entities (
    id        INTEGER PRIMARY KEY,
    doc_pk    INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    type      TEXT NOT NULL,
    name      TEXT NOT NULL,
    aliases   TEXT NOT NULL DEFAULT '[]',
    UNIQUE (doc_pk, entity_id)
);
CREATE INDEX entities_name ON entities(type, name);

CREATE TABLE mentions (
    id        INTEGER PRIMARY KEY,
    doc_pk    INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    ord       INTEGER NOT NULL,
    type      TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    text      TEXT NOT NULL,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc_pk);
CREATE INDEX mentions_entity ON mentions(entity_id);

CREATE TABLE relations (
    id             INTEGER PRIMARY KEY,
    doc_pk         INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    type           TEXT NOT NULL,
    source_entity  TEXT NOT NULL,
    target_entity  TEXT NOT NULL,
    status         TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL
);
CREATE INDEX relations_doc ON relations(doc_pk);

CREATE TABLE flags (
    id       INTEGER PRIMARY KEY,
    doc_pk   INTEGER NOT NULL REFERENCES documents(pk) ON DELETE CASCADE,
    code     TEXT NOT NULL,
    severity TEXT NOT NULL,
    message  TEXT NOT NULL
);
CREATE INDEX flags_doc ON flags(doc_pk);
CREATE INDEX flags_code ON flags(code);

-- The human layer: never deleted by ingest or reprocess. The latest edit of a field wins;
-- the earlier ones stay as the audit trail.
CREATE TABLE edits (
    id         INTEGER PRIMARY KEY,
    source_key TEXT NOT NULL,
    part       INTEGER NOT NULL,
    doc_id     TEXT NOT NULL,                   -- the document's id when the edit was made
    field      TEXT NOT NULL,
    before     TEXT,                            -- JSON: the value shown before this edit
    after      TEXT,                            -- JSON: the value the researcher set
    machine    TEXT,                            -- JSON: the machine value at the time
    author     TEXT NOT NULL,
    note       TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX edits_anchor ON edits(source_key, part, field);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, subject, text, names,
    content='documents', content_rowid='pk',
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, subject, text, names)
    VALUES (new.pk, new.title, new.subject, new.text, new.names);
END;

CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, subject, text, names)
    VALUES ('delete', old.pk, old.title, old.subject, old.text, old.names);
END;

CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, subject, text, names ON documents
BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, subject, text, names)
    VALUES ('delete', old.pk, old.title, old.subject, old.text, old.names);
    INSERT INTO documents_fts(rowid, title, subject, text, names)
    VALUES (new.pk, new.title, new.subject, new.text, new.names);
END;
