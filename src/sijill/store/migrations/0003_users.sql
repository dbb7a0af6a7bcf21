-- Sijill archive, schema 3: accounts of the web app, and the secrets it signs cookies with.
-- Neither is part of the machine or the human layer: ingest and reprocess never touch them.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role          TEXT NOT NULL CHECK (role IN ('reader', 'editor', 'admin')),
    password_hash TEXT NOT NULL,                -- argon2id, in its PHC string form
    created_at    TEXT NOT NULL,
    last_login    TEXT
);

CREATE TABLE app_secrets (
    name       TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL
);
