-- Access: key expiry and last use, personal sign-in links, the audit log (sqlite dialect; the same
-- columns as the other folder's V0010). Never edit after release.
--
-- Times are ISO 8601 UTC text, as everywhere else in the schema, so they compare as strings.
ALTER TABLE api_keys ADD COLUMN expires_at TEXT;
ALTER TABLE api_keys ADD COLUMN last_used_at TEXT;

-- A one-use, short-lived link an admin hands a named person; opening it starts a cookie session
-- with the link's role and plan scope. Only the token's SHA-256 hash is kept.
CREATE TABLE sign_in_links (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,
    person_name TEXT NOT NULL,
    role        TEXT NOT NULL,                 -- admin | analyst | viewer | bi
    plan_scope  TEXT,                          -- comma-separated plan slugs; null = all plans
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_at     TEXT
);

-- Every write, who made it and when: imports, reverts, corrections, framework edits, comments,
-- keys, sign-in links and sign-ins. Append-only; nothing updates or deletes a row.
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,                     -- "key 3 (name)", "person (link 5)", "oidc:subject", "cli:user"
    action  TEXT NOT NULL,                     -- e.g. "POST /api/v1/imports", "key.create", "sign-in"
    subject TEXT NOT NULL,                     -- what it touched: a path, a key id, a person
    detail  TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
