-- Sijill archive, schema 14: every facet of the search page as narrow rows keyed by document,
-- so that the facets of a search are one GROUP BY over one index, and the province facet as
-- a column of its own (the letterhead's territorial level, not whatever its second line is).
-- Like schemas 6 and 9, all of it is derived from the machine layer (and the documents'
-- effective columns) by the triggers below; none of it is a record of its own.

-- The letterhead's first territorial level (wilaya, province, sector, region: the first
-- issuer level at which a place is named), written at ingest by `documents.facets`.
ALTER TABLE documents ADD COLUMN province TEXT;
CREATE INDEX documents_province ON documents(province);

-- Each facet value once (facet: issuer, province, hijri_year, gregorian_year, media_type,
-- flag, check, entity; an entity's value is its machine id).
CREATE TABLE facet_values (
    id    INTEGER PRIMARY KEY,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    UNIQUE (facet, value)
);

-- One row per (document, facet value); refs: how many rows of the source table give it.
CREATE TABLE doc_facets (
    doc_pk   INTEGER NOT NULL,
    value_id INTEGER NOT NULL,
    refs     INTEGER NOT NULL,
    PRIMARY KEY (doc_pk, value_id)
) WITHOUT ROWID;

-- Per facet value: how many documents; the facets over every document read it whole.
CREATE TABLE facet_totals (
    value_id INTEGER PRIMARY KEY,
    docs     INTEGER NOT NULL
);

CREATE TRIGGER doc_facets_insert AFTER INSERT ON doc_facets BEGIN
    INSERT INTO facet_totals (value_id, docs) VALUES (new.value_id, 1)
    ON CONFLICT (value_id) DO UPDATE SET docs = docs + 1;
END;

CREATE TRIGGER doc_facets_delete AFTER DELETE ON doc_facets BEGIN
    UPDATE facet_totals SET docs = docs - 1 WHERE value_id = old.value_id;
    DELETE FROM facet_totals WHERE value_id = old.value_id AND docs <= 0;
END;

-- Inserting into these views adds or takes back one reference of (document, facet, value);
-- a NULL value is no facet value.
CREATE VIEW facet_add (doc_pk, facet, value) AS SELECT NULL, NULL, NULL;
CREATE VIEW facet_drop (doc_pk, facet, value) AS SELECT NULL, NULL, NULL;

CREATE TRIGGER facet_add INSTEAD OF INSERT ON facet_add WHEN new.value IS NOT NULL BEGIN
    INSERT INTO facet_values (facet, value) VALUES (new.facet, new.value)
    ON CONFLICT (facet, value) DO NOTHING;
    INSERT INTO doc_facets (doc_pk, value_id, refs)
    SELECT new.doc_pk, id, 1 FROM facet_values WHERE facet = new.facet AND value = new.value
    ON CONFLICT (doc_pk, value_id) DO UPDATE SET refs = refs + 1;
END;

CREATE TRIGGER facet_drop INSTEAD OF INSERT ON facet_drop WHEN new.value IS NOT NULL BEGIN
    UPDATE doc_facets SET refs = refs - 1 WHERE doc_pk = new.doc_pk AND value_id =
        (SELECT id FROM facet_values WHERE facet = new.facet AND value = new.value);
    DELETE FROM doc_facets WHERE doc_pk = new.doc_pk AND refs <= 0;
END;

-- The documents' own columns (and their source's media type), as facet values.
CREATE VIEW document_facet_values (doc_pk, facet, value) AS
SELECT pk, 'issuer', issuer_top FROM documents UNION ALL
SELECT pk, 'province', province FROM documents UNION ALL
SELECT pk, 'hijri_year', CAST(hijri_year AS TEXT) FROM documents UNION ALL
SELECT pk, 'gregorian_year', CAST(gregorian_year AS TEXT) FROM documents UNION ALL
SELECT d.pk, 'media_type', s.media_type FROM documents d JOIN sources s ON s.id = d.source_id;

CREATE TRIGGER documents_facet_rows_insert AFTER INSERT ON documents BEGIN
    INSERT INTO facet_add SELECT * FROM document_facet_values WHERE doc_pk = new.pk;
END;

-- The old values are taken back before the row changes, the new ones added after.
CREATE TRIGGER documents_facet_rows_before_update
BEFORE UPDATE OF issuer_top, province, hijri_year, gregorian_year, source_id ON documents BEGIN
    INSERT INTO facet_drop SELECT * FROM document_facet_values WHERE doc_pk = old.pk;
END;

CREATE TRIGGER documents_facet_rows_update
AFTER UPDATE OF issuer_top, province, hijri_year, gregorian_year, source_id ON documents BEGIN
    INSERT INTO facet_add SELECT * FROM document_facet_values WHERE doc_pk = new.pk;
END;

CREATE TRIGGER documents_facet_rows_delete AFTER DELETE ON documents BEGIN
    DELETE FROM doc_facets WHERE doc_pk = old.pk;
END;

CREATE TRIGGER sources_facet_rows_update AFTER UPDATE OF media_type ON sources BEGIN
    INSERT INTO facet_drop (doc_pk, facet, value)
    SELECT pk, 'media_type', old.media_type FROM documents WHERE source_id = old.id;
    INSERT INTO facet_add (doc_pk, facet, value)
    SELECT pk, 'media_type', new.media_type FROM documents WHERE source_id = new.id;
END;

-- Flags, by code and by the check that raised them.
CREATE TRIGGER flags_facet_rows_insert AFTER INSERT ON flags BEGIN
    INSERT INTO facet_add (doc_pk, facet, value) VALUES
        (new.doc_pk, 'flag', new.code), (new.doc_pk, 'check', new.check_name);
END;

CREATE TRIGGER flags_facet_rows_delete AFTER DELETE ON flags BEGIN
    INSERT INTO facet_drop (doc_pk, facet, value) VALUES
        (old.doc_pk, 'flag', old.code), (old.doc_pk, 'check', old.check_name);
END;

-- Entities, by machine id (schema 9 keeps one row per (entity, document)); the researchers'
-- merges are laid over these counts when they are read (store/facets.py).
CREATE TRIGGER entity_id_docs_facet_rows_insert AFTER INSERT ON entity_id_docs BEGIN
    INSERT INTO facet_add (doc_pk, facet, value) VALUES (new.doc_pk, 'entity', new.entity_id);
END;

CREATE TRIGGER entity_id_docs_facet_rows_delete AFTER DELETE ON entity_id_docs BEGIN
    INSERT INTO facet_drop (doc_pk, facet, value) VALUES (old.doc_pk, 'entity', old.entity_id);
END;

-- Filled from what the archive holds already; then the province, from the first issuer
-- level that a place mention begins (what `documents.facets` writes for new documents).
INSERT INTO facet_add (doc_pk, facet, value)
SELECT * FROM document_facet_values
UNION ALL SELECT doc_pk, 'flag', code FROM flags
UNION ALL SELECT doc_pk, 'check', check_name FROM flags
UNION ALL SELECT doc_pk, 'entity', entity_id FROM entity_id_docs;
-- (the update trigger above keeps the rows of the new column)
UPDATE documents SET province = (
    SELECT f.text FROM fields f WHERE f.doc_pk = documents.pk AND f.field = 'issuer'
    AND EXISTS (SELECT 1 FROM mentions m WHERE m.doc_pk = f.doc_pk AND m.type = 'place'
                AND m.start = f.start)
    ORDER BY f.ord LIMIT 1);
