-- Sijill archive, schema 16: indexes for the two busiest reads of a large archive.
-- No data of its own; only how rows are found.

-- The network's edges are groups of (ends, type, status): counted by walking this index in
-- order (no sort of every relation), and each shown edge's first relations found by a seek.
CREATE INDEX relations_group ON relations(source_entity, target_entity, type, status);

-- An entity's roles are the issuer, sender, addressee and cc spans around its mentions:
-- found from each mention by its document and start, read from the index alone. The field
-- comes last: with it before `start`, SQLite 3.40.1 (Debian 12's) answered the join with
-- `f.field IN (...)` and a range on `start` with rows it does not hold (3,330 for 1,440).
CREATE INDEX fields_span ON fields(doc_pk, start, end, field);
