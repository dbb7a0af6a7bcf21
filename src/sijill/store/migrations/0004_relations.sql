-- Sijill archive, schema 4: the human layer of relations.
-- `relation_claims` holds researchers' added relations and their verdicts (confirm, reject)
-- on any relation, machine or human. Like `edits`, ingest and reprocess never touch it. An
-- added relation is anchored by (source key, part, evidence offsets and words), not by the
-- hash-based document id; a verdict names its relation by `relation_key`, a hash of
-- (source key, part, type, source, target, status, evidence words), so both outlive every
-- replacement of the machine layer.

CREATE TABLE relation_claims (
    id             INTEGER PRIMARY KEY,
    kind           TEXT NOT NULL CHECK (kind IN ('add', 'confirm', 'reject')),
    relation_key   TEXT NOT NULL,   -- the relation claimed or judged
    source_key     TEXT NOT NULL,
    part           INTEGER NOT NULL,
    doc_id         TEXT NOT NULL,   -- the document's id when the claim was made
    type           TEXT,            -- add: the relation itself
    source_entity  TEXT,
    target_entity  TEXT,
    status         TEXT,
    evidence_start INTEGER,
    evidence_end   INTEGER,
    evidence_text  TEXT,
    author         TEXT NOT NULL,
    note           TEXT,
    created_at     TEXT NOT NULL
);
CREATE INDEX relation_claims_anchor ON relation_claims(source_key, part);
CREATE INDEX relation_claims_key ON relation_claims(relation_key);
CREATE INDEX relations_source ON relations(source_entity);
CREATE INDEX relations_target ON relations(target_entity);
