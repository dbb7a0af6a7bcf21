-- Sijill archive, schema 9: the search page's entity facet counts entities, not spellings
-- ("Abu Yahya al-Qadiri" and "Abu Yahya al-Kadiri" are one entity id, one facet value).
-- Like schema 6's name tables, all of it is derived from the machine layer's `entities` rows
-- by the triggers below; none of it is a record of its own.

-- One row per (entity id, document naming it by an entity row).
CREATE TABLE entity_id_docs (
    entity_id TEXT NOT NULL,
    doc_pk    INTEGER NOT NULL,
    refs      INTEGER NOT NULL,
    PRIMARY KEY (entity_id, doc_pk)
) WITHOUT ROWID;
CREATE INDEX entity_id_docs_doc ON entity_id_docs(doc_pk, entity_id);

-- Per entity id: how many documents; the unfiltered facet reads it whole.
CREATE TABLE entity_id_totals (
    entity_id TEXT PRIMARY KEY,
    docs      INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TRIGGER entity_id_docs_insert AFTER INSERT ON entity_id_docs BEGIN
    INSERT INTO entity_id_totals (entity_id, docs) VALUES (new.entity_id, 1)
    ON CONFLICT (entity_id) DO UPDATE SET docs = docs + 1;
END;

CREATE TRIGGER entity_id_docs_delete AFTER DELETE ON entity_id_docs BEGIN
    UPDATE entity_id_totals SET docs = docs - 1 WHERE entity_id = old.entity_id;
    DELETE FROM entity_id_totals WHERE entity_id = old.entity_id AND docs <= 0;
END;

CREATE TRIGGER entities_id_facet_insert AFTER INSERT ON entities BEGIN
    INSERT INTO entity_id_docs (entity_id, doc_pk, refs) VALUES (new.entity_id, new.doc_pk, 1)
    ON CONFLICT (entity_id, doc_pk) DO UPDATE SET refs = refs + 1;
END;

CREATE TRIGGER entities_id_facet_delete AFTER DELETE ON entities BEGIN
    UPDATE entity_id_docs SET refs = refs - 1
    WHERE entity_id = old.entity_id AND doc_pk = old.doc_pk;
    DELETE FROM entity_id_docs
    WHERE entity_id = old.entity_id AND doc_pk = old.doc_pk AND refs <= 0;
END;

CREATE TRIGGER entities_id_facet_update AFTER UPDATE OF entity_id, doc_pk ON entities BEGIN
    UPDATE entity_id_docs SET refs = refs - 1
    WHERE entity_id = old.entity_id AND doc_pk = old.doc_pk;
    DELETE FROM entity_id_docs
    WHERE entity_id = old.entity_id AND doc_pk = old.doc_pk AND refs <= 0;
    INSERT INTO entity_id_docs (entity_id, doc_pk, refs) VALUES (new.entity_id, new.doc_pk, 1)
    ON CONFLICT (entity_id, doc_pk) DO UPDATE SET refs = refs + 1;
END;

-- Filled from what the archive holds already.
INSERT INTO entity_id_docs (entity_id, doc_pk, refs)
SELECT entity_id, doc_pk, count(*) FROM entities GROUP BY entity_id, doc_pk;

-- A facet value (a name) leads to the entity ids that carry it.
CREATE INDEX entity_names_name ON entity_names(name, entity_id);
