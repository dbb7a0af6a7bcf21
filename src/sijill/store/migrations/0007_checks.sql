-- Sijill archive, schema 7: checks.
-- `flags` rows now hold a document's effective flags: its machine flags and the archive-wide
-- findings of `sijill check`, less those a researcher dismissed; each with the words it rests
-- on (`spans`, JSON), the check that raised it (`check_name`, NULL for parse flags) and a
-- `flag_key` naming it across reprocessing (code and words, not offsets or ids).
ALTER TABLE flags ADD COLUMN spans TEXT;
ALTER TABLE flags ADD COLUMN check_name TEXT;
ALTER TABLE flags ADD COLUMN flag_key TEXT;
CREATE INDEX flags_check ON flags(check_name);

-- Machine layer of the archive-wide checks (numbering, duplicates, templates, entity types):
-- replaced whole by each `sijill check`; anchored by (source key, part) so a reprocess of a
-- source keeps them until the next run.
CREATE TABLE archive_flags (
    id         INTEGER PRIMARY KEY,
    source_key TEXT NOT NULL,
    part       INTEGER NOT NULL,
    code       TEXT NOT NULL,
    check_name TEXT NOT NULL,
    severity   TEXT NOT NULL,
    message    TEXT NOT NULL,
    spans      TEXT,
    flag_key   TEXT NOT NULL,
    run_at     TEXT NOT NULL
);
CREATE INDEX archive_flags_anchor ON archive_flags(source_key, part);

-- Documents the duplicate check links: the same document held twice ('copy'), or a variant
-- (near-duplicate at or above the threshold). Replaced whole by each `sijill check`.
CREATE TABLE document_links (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('copy', 'variant')),
    a_key      TEXT NOT NULL,   -- the kept document (copy) or the first of the pair (variant)
    a_part     INTEGER NOT NULL,
    b_key      TEXT NOT NULL,
    b_part     INTEGER NOT NULL,
    similarity REAL NOT NULL,
    run_at     TEXT NOT NULL
);
CREATE INDEX document_links_a ON document_links(a_key, a_part);
CREATE INDEX document_links_b ON document_links(b_key, b_part);

-- The human layer: a researcher's dismissal of a flag, with a reason. Never touched by
-- ingest, reprocess or `sijill check`; anchored by (source key, part, flag key). Named
-- `*_edits` so that export and import carry it with the other human-layer tables.
CREATE TABLE flag_edits (
    id         INTEGER PRIMARY KEY,
    source_key TEXT NOT NULL,
    part       INTEGER NOT NULL,
    doc_id     TEXT NOT NULL,   -- the document's id when the flag was dismissed
    flag_key   TEXT NOT NULL,
    code       TEXT NOT NULL,
    message    TEXT NOT NULL,   -- the flag as it read when dismissed
    reason     TEXT NOT NULL,
    author     TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX flag_edits_anchor ON flag_edits(source_key, part);
