-- Monitoring schema, SQLite dialect. Applied by Evolve at start-up; never edit after release,
-- add a new script instead (Evolve refuses a changed checksum).

CREATE TABLE scopes (
    code              TEXT PRIMARY KEY,
    name              TEXT NOT NULL,
    kind              TEXT NOT NULL,          -- area | municipality | deprivedAreas | country
    municipality_code TEXT
);

CREATE TABLE indicators (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    name_en       TEXT,
    unit          TEXT NOT NULL,
    direction     TEXT NOT NULL,
    source        TEXT NOT NULL,
    periodicity   TEXT NOT NULL,
    decimals      INTEGER NOT NULL,
    definition    TEXT,
    influenceable INTEGER NOT NULL
);

CREATE TABLE plans (
    id                INTEGER PRIMARY KEY,
    slug              TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    municipality_code TEXT NOT NULL,
    funding_period    TEXT NOT NULL,
    status            TEXT NOT NULL
);

CREATE TABLE plan_areas (
    plan_id    INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    scope_code TEXT NOT NULL REFERENCES scopes (code),
    PRIMARY KEY (plan_id, scope_code)
);

CREATE TABLE goals (
    id             INTEGER PRIMARY KEY,
    plan_id        INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    parent_goal_id INTEGER REFERENCES goals (id) ON DELETE CASCADE,
    kind           TEXT NOT NULL,             -- strategic | subGoal
    goal_key       TEXT NOT NULL,
    title          TEXT NOT NULL,
    description    TEXT,
    focus_area     TEXT,
    owning_body    TEXT NOT NULL,
    UNIQUE (plan_id, goal_key)
);

CREATE TABLE targets (
    id                   INTEGER PRIMARY KEY,
    goal_id              INTEGER NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
    indicator_code       TEXT NOT NULL REFERENCES indicators (code),
    scope_code           TEXT NOT NULL REFERENCES scopes (code),
    subgroup             TEXT NOT NULL DEFAULT '',
    baseline_period      TEXT,
    baseline_value       REAL,
    target_period        TEXT,
    target_value         REAL,
    tolerance            REAL NOT NULL DEFAULT 0,
    weight               REAL NOT NULL DEFAULT 1,
    benchmark_scope_code TEXT REFERENCES scopes (code)
);

CREATE TABLE target_milestones (
    target_id INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    period    TEXT NOT NULL,
    value     REAL NOT NULL,
    PRIMARY KEY (target_id, period)
);

CREATE TABLE import_batches (
    id              INTEGER PRIMARY KEY,
    source          TEXT NOT NULL,
    file_name       TEXT NOT NULL,
    content_hash    TEXT NOT NULL,
    format          TEXT NOT NULL,
    rows_read       INTEGER NOT NULL,
    rows_accepted   INTEGER NOT NULL,
    rows_rejected   INTEGER NOT NULL,
    created_count   INTEGER NOT NULL,
    changed_count   INTEGER NOT NULL,
    unchanged_count INTEGER NOT NULL,
    status          TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL
);

CREATE INDEX ix_import_batches_hash ON import_batches (content_hash);

-- Every version of every observation is kept; is_current marks the one queries see by default.
CREATE TABLE observations (
    id             INTEGER PRIMARY KEY,
    indicator_code TEXT NOT NULL REFERENCES indicators (code),
    scope_code     TEXT NOT NULL REFERENCES scopes (code),
    period         TEXT NOT NULL,
    period_start   INTEGER NOT NULL,          -- months since year 0, for range filters and ordering
    period_end     INTEGER NOT NULL,
    subgroup       TEXT NOT NULL DEFAULT '',
    value          REAL,
    numerator      REAL,
    denominator    REAL,
    flags          INTEGER NOT NULL DEFAULT 0,
    batch_id       INTEGER NOT NULL REFERENCES import_batches (id),
    is_current     INTEGER NOT NULL
);

CREATE UNIQUE INDEX ux_observations_current
    ON observations (indicator_code, scope_code, subgroup, period) WHERE is_current = 1;
CREATE INDEX ix_observations_history
    ON observations (indicator_code, scope_code, subgroup, period, batch_id);
CREATE INDEX ix_observations_scope ON observations (scope_code, indicator_code);

CREATE TABLE comments (
    id             INTEGER PRIMARY KEY,
    plan_id        INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    goal_id        INTEGER REFERENCES goals (id) ON DELETE CASCADE,
    indicator_code TEXT REFERENCES indicators (code),
    period         TEXT,
    author         TEXT NOT NULL,
    text           TEXT NOT NULL,
    created_at     TEXT NOT NULL
);

CREATE TABLE api_keys (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    key_hash   TEXT NOT NULL UNIQUE,
    role       TEXT NOT NULL,                 -- admin | analyst | viewer | bi
    plan_scope TEXT,                          -- comma-separated plan slugs a viewer may read; null = all
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
