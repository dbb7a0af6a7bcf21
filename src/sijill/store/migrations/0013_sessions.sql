-- Sijill archive, schema 11: server-side sessions of the web app, and failed sign-ins (for the
-- rate limit). Like users, neither is part of the machine or the human layer: ingest,
-- reprocess, export and import never touch them.

CREATE TABLE sessions (
    id         INTEGER PRIMARY KEY,              -- what `sijill users sessions` shows and revokes
    token_hash TEXT NOT NULL UNIQUE,             -- sha256 of the cookie's token, never the token
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at REAL NOT NULL,                    -- Unix seconds
    last_seen  REAL NOT NULL,                    -- for the idle limit (updated every few minutes)
    expires_at REAL NOT NULL,                    -- the absolute limit, fixed at sign-in
    address    TEXT,                             -- the client's address at sign-in
    agent      TEXT,                             -- its User-Agent, cut to 200 characters
    revoked_at REAL                              -- set at sign-out or by an admin
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_failures (
    id      INTEGER PRIMARY KEY,
    account TEXT NOT NULL COLLATE NOCASE,       -- the name tried, whether or not it exists
    address TEXT NOT NULL,
    at      REAL NOT NULL
);
CREATE INDEX login_failures_account ON login_failures (account, at);
CREATE INDEX login_failures_address ON login_failures (address, at);
