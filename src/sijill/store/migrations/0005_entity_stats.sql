-- Sijill archive, schema 5: archive-wide entity figures kept as rows are written, so the
-- entity listing and pages never read every document.
-- All of it is derived from the machine layer's `mentions`, `entities` and `documents` rows by
-- the triggers below (fired by inserts, deletes and the cascade of a document's replacement);
-- none of it is a record of its own. Curation (entity_edits) and hand-edited mentions are
-- applied when read, in sijill.store.entities.

-- One row per (machine entity id, document naming it by a mention or an entity row).
CREATE TABLE entity_docs (
    entity_id TEXT NOT NULL,
    doc_pk    INTEGER NOT NULL,
    refs      INTEGER NOT NULL,                 -- mention rows + entity rows behind it
    date_iso  TEXT,                             -- the document's (effective) date
    PRIMARY KEY (entity_id, doc_pk)
) WITHOUT ROWID;
CREATE INDEX entity_docs_doc ON entity_docs(doc_pk);
CREATE INDEX entity_docs_date ON entity_docs(entity_id, date_iso);

-- Per machine entity id: how many documents and mentions.
CREATE TABLE entity_totals (
    entity_id TEXT PRIMARY KEY,
    docs      INTEGER NOT NULL DEFAULT 0,
    mentions  INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- Per machine entity id: each (type, name, aliases) its entity rows carry, how often, and
-- the first row (ties between names go to the first seen).
CREATE TABLE entity_names (
    entity_id TEXT NOT NULL,
    type      TEXT NOT NULL,
    name      TEXT NOT NULL,
    aliases   TEXT NOT NULL,
    n         INTEGER NOT NULL,
    first_id  INTEGER NOT NULL,
    PRIMARY KEY (entity_id, type, name, aliases)
) WITHOUT ROWID;

-- Per machine entity id: each (words, type) its mentions have, how often, the first mention.
CREATE TABLE entity_texts (
    entity_id TEXT NOT NULL,
    text      TEXT NOT NULL,
    type      TEXT NOT NULL,
    n         INTEGER NOT NULL,
    first_id  INTEGER NOT NULL,
    PRIMARY KEY (entity_id, text, type)
) WITHOUT ROWID;

CREATE TRIGGER entity_docs_insert AFTER INSERT ON entity_docs BEGIN
    INSERT INTO entity_totals (entity_id, docs) VALUES (new.entity_id, 1)
    ON CONFLICT (entity_id) DO UPDATE SET docs = docs + 1;
END;

CREATE TRIGGER entity_docs_delete AFTER DELETE ON entity_docs BEGIN
    UPDATE entity_totals SET docs = docs - 1 WHERE entity_id = old.entity_id;
    DELETE FROM entity_totals WHERE entity_id = old.entity_id AND docs <= 0 AND mentions <= 0;
END;

CREATE TRIGGER mentions_stats_insert AFTER INSERT ON mentions BEGIN
    INSERT INTO entity_docs (entity_id, doc_pk, refs, date_iso)
    VALUES (new.entity_id, new.doc_pk, 1, (SELECT date_iso FROM documents WHERE pk = new.doc_pk))
    ON CONFLICT (entity_id, doc_pk) DO UPDATE SET refs = refs + 1;
    INSERT INTO entity_totals (entity_id, mentions) VALUES (new.entity_id, 1)
    ON CONFLICT (entity_id) DO UPDATE SET mentions = mentions + 1;
    INSERT INTO entity_texts (entity_id, text, type, n, first_id)
    VALUES (new.entity_id, new.text, new.type, 1, new.id)
    ON CONFLICT (entity_id, text, type) DO UPDATE SET n = n + 1, first_id = min(first_id, new.id);
END;

CREATE TRIGGER mentions_stats_delete AFTER DELETE ON mentions BEGIN
    UPDATE entity_totals SET mentions = mentions - 1 WHERE entity_id = old.entity_id;
    UPDATE entity_texts SET n = n - 1, first_id = CASE WHEN first_id != old.id THEN first_id
        ELSE coalesce((SELECT min(id) FROM mentions WHERE entity_id = old.entity_id
                       AND text = old.text AND type = old.type), first_id) END
    WHERE entity_id = old.entity_id AND text = old.text AND type = old.type;
    DELETE FROM entity_texts
    WHERE entity_id = old.entity_id AND text = old.text AND type = old.type AND n <= 0;
    UPDATE entity_docs SET refs = refs - 1
    WHERE entity_id = old.entity_id AND doc_pk = old.doc_pk;
    DELETE FROM entity_docs WHERE entity_id = old.entity_id AND doc_pk = old.doc_pk AND refs <= 0;
    DELETE FROM entity_totals WHERE entity_id = old.entity_id AND docs <= 0 AND mentions <= 0;
END;

CREATE TRIGGER entities_stats_insert AFTER INSERT ON entities BEGIN
    INSERT INTO entity_docs (entity_id, doc_pk, refs, date_iso)
    VALUES (new.entity_id, new.doc_pk, 1, (SELECT date_iso FROM documents WHERE pk = new.doc_pk))
    ON CONFLICT (entity_id, doc_pk) DO UPDATE SET refs = refs + 1;
    INSERT INTO entity_names (entity_id, type, name, aliases, n, first_id)
    VALUES (new.entity_id, new.type, new.name, new.aliases, 1, new.id)
    ON CONFLICT (entity_id, type, name, aliases)
    DO UPDATE SET n = n + 1, first_id = min(first_id, new.id);
END;

CREATE TRIGGER entities_stats_delete AFTER DELETE ON entities BEGIN
    UPDATE entity_names SET n = n - 1, first_id = CASE WHEN first_id != old.id THEN first_id
        ELSE coalesce((SELECT min(id) FROM entities WHERE entity_id = old.entity_id
                       AND type = old.type AND name = old.name AND aliases = old.aliases),
                      first_id) END
    WHERE entity_id = old.entity_id AND type = old.type AND name = old.name
      AND aliases = old.aliases;
    DELETE FROM entity_names WHERE entity_id = old.entity_id AND type = old.type
      AND name = old.name AND aliases = old.aliases AND n <= 0;
    UPDATE entity_docs SET refs = refs - 1
    WHERE entity_id = old.entity_id AND doc_pk = old.doc_pk;
    DELETE FROM entity_docs WHERE entity_id = old.entity_id AND doc_pk = old.doc_pk AND refs <= 0;
END;

-- A hand-edited date changes the document's date column: its entities' figures follow.
CREATE TRIGGER documents_stats_date AFTER UPDATE OF date_iso ON documents BEGIN
    UPDATE entity_docs SET date_iso = new.date_iso WHERE doc_pk = new.pk;
END;

-- Filled from what the archive holds already.
INSERT INTO entity_docs (entity_id, doc_pk, refs, date_iso)
SELECT u.entity_id, u.doc_pk, count(*), d.date_iso
FROM (SELECT entity_id, doc_pk FROM mentions UNION ALL SELECT entity_id, doc_pk FROM entities) u
JOIN documents d ON d.pk = u.doc_pk
GROUP BY u.entity_id, u.doc_pk;

INSERT INTO entity_totals (entity_id, mentions)
SELECT entity_id, count(*) FROM mentions WHERE true GROUP BY entity_id
ON CONFLICT (entity_id) DO UPDATE SET mentions = excluded.mentions;

INSERT INTO entity_names (entity_id, type, name, aliases, n, first_id)
SELECT entity_id, type, name, aliases, count(*), min(id) FROM entities
GROUP BY entity_id, type, name, aliases;

INSERT INTO entity_texts (entity_id, text, type, n, first_id)
SELECT entity_id, text, type, count(*), min(id) FROM mentions GROUP BY entity_id, text, type;

-- The search page's province facet reads this without touching the documents' rows.
CREATE INDEX fields_facet ON fields(field, ord, text, doc_pk);
