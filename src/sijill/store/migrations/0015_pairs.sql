-- Sijill archive: an original and its translation, linked.
-- The machine layer: links found at ingest (two files named as a pair, an Arabic and an
-- English document of one page, an Arabic block inside a document) and found again by
-- every ingest and reprocess. Anchored by (source key, part) on both sides, as the human
-- layer is. `block_start`/`block_end`: the original's range when it is a block inside the
-- translation's own text (then both sides name the same document).
CREATE TABLE document_pairs (
    id               INTEGER PRIMARY KEY,
    original_key     TEXT NOT NULL,
    original_part    INTEGER NOT NULL,
    translation_key  TEXT NOT NULL,
    translation_part INTEGER NOT NULL,
    block_start      INTEGER,
    block_end        INTEGER,
    basis            TEXT NOT NULL CHECK (basis IN ('file-names', 'same-page', 'block')),
    rule             TEXT,      -- what matched, e.g. the two file-name conventions
    found_at         TEXT NOT NULL,
    UNIQUE (original_key, original_part, translation_key, translation_part)
);
CREATE INDEX document_pairs_translation ON document_pairs(translation_key, translation_part);

-- The human layer: a researcher links two documents as original and translation, or takes a
-- link (theirs or the machine's) away. The latest edit of a pair of anchors wins. Never
-- touched by ingest or reprocess; export and import carry it (it has an `author`).
CREATE TABLE pair_edits (
    id               INTEGER PRIMARY KEY,
    action           TEXT NOT NULL CHECK (action IN ('link', 'unlink')),
    original_key     TEXT NOT NULL,
    original_part    INTEGER NOT NULL,
    translation_key  TEXT NOT NULL,
    translation_part INTEGER NOT NULL,
    original_id      TEXT NOT NULL,   -- the documents' ids when the edit was made
    translation_id   TEXT NOT NULL,
    note             TEXT,
    author           TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX pair_edits_original ON pair_edits(original_key, original_part);
CREATE INDEX pair_edits_translation ON pair_edits(translation_key, translation_part);
