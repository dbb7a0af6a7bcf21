-- Sijill archive, schema 6: what the search page's facets and the network read, kept narrow
-- so that counting them never reads the documents' wide rows (text and JSON live there).
-- All of it is derived from the machine layer by the triggers below; none of it is a record
-- of its own.

-- One row per (entity name, document naming it by an entity row): the entity facet.
CREATE TABLE entity_name_docs (
    name   TEXT NOT NULL,
    doc_pk INTEGER NOT NULL,
    refs   INTEGER NOT NULL,                    -- entity rows behind it
    PRIMARY KEY (name, doc_pk)
) WITHOUT ROWID;
CREATE INDEX entity_name_docs_doc ON entity_name_docs(doc_pk, name);

-- Per entity name: how many documents; the unfiltered facet reads its top rows.
CREATE TABLE entity_name_totals (
    name TEXT PRIMARY KEY,
    docs INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX entity_name_totals_docs ON entity_name_totals(docs DESC, name);

CREATE TRIGGER entity_name_docs_insert AFTER INSERT ON entity_name_docs BEGIN
    INSERT INTO entity_name_totals (name, docs) VALUES (new.name, 1)
    ON CONFLICT (name) DO UPDATE SET docs = docs + 1;
END;

CREATE TRIGGER entity_name_docs_delete AFTER DELETE ON entity_name_docs BEGIN
    UPDATE entity_name_totals SET docs = docs - 1 WHERE name = old.name;
    DELETE FROM entity_name_totals WHERE name = old.name AND docs <= 0;
END;

CREATE TRIGGER entities_facet_insert AFTER INSERT ON entities BEGIN
    INSERT INTO entity_name_docs (name, doc_pk, refs) VALUES (new.name, new.doc_pk, 1)
    ON CONFLICT (name, doc_pk) DO UPDATE SET refs = refs + 1;
END;

CREATE TRIGGER entities_facet_delete AFTER DELETE ON entities BEGIN
    UPDATE entity_name_docs SET refs = refs - 1 WHERE name = old.name AND doc_pk = old.doc_pk;
    DELETE FROM entity_name_docs WHERE name = old.name AND doc_pk = old.doc_pk AND refs <= 0;
END;

CREATE TRIGGER entities_facet_update AFTER UPDATE OF name, doc_pk ON entities BEGIN
    UPDATE entity_name_docs SET refs = refs - 1 WHERE name = old.name AND doc_pk = old.doc_pk;
    DELETE FROM entity_name_docs WHERE name = old.name AND doc_pk = old.doc_pk AND refs <= 0;
    INSERT INTO entity_name_docs (name, doc_pk, refs) VALUES (new.name, new.doc_pk, 1)
    ON CONFLICT (name, doc_pk) DO UPDATE SET refs = refs + 1;
END;

-- Filled from what the archive holds already.
INSERT INTO entity_name_docs (name, doc_pk, refs)
SELECT name, doc_pk, count(*) FROM entities GROUP BY name, doc_pk;

-- The document-column facets (issuer, years, source for the media type) in one narrow scan.
CREATE INDEX documents_facets ON documents(issuer_top, hijri_year, gregorian_year, source_id);
-- Each source's media type without reading the sources' stored text.
CREATE INDEX sources_media ON sources(media_type);
-- Flags by code with their documents, for the flag facet.
CREATE INDEX flags_facet ON flags(code, doc_pk);
