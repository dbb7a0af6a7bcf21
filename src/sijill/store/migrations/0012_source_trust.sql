-- Sijill archive, schema 11: whether this archive has read a source's bytes itself.
-- A source ingested from a file has (1). A source imported from an export has only the
-- export's word for its hash (0): the first time a file with that hash is ingested, its text
-- is compared with the stored one, and the file's own text wins if they differ, so that an
-- import cannot plant a text under a genuine file's hash.
ALTER TABLE sources ADD COLUMN bytes_read INTEGER NOT NULL DEFAULT 1;
