-- Background jobs: uploads imported by a job, scheduled-pull state, evaluation snapshots and board briefs.
-- SQLite dialect; the same tables as sql/postgres/V0002__jobs.sql. Never edit after release.

-- An upload too large to import during the request: the file waits on disk, a Hangfire job imports it.
CREATE TABLE uploads (
    id           TEXT PRIMARY KEY,           -- a GUID, also the name of the saved file
    file_name    TEXT NOT NULL,
    stored_path  TEXT NOT NULL,
    size_bytes   INTEGER NOT NULL,
    status       TEXT NOT NULL,              -- queued | running | committed | rejected | failed
    stage        TEXT,
    rows_done    INTEGER NOT NULL DEFAULT 0,
    rows_total   INTEGER NOT NULL DEFAULT 0,
    batch_id     INTEGER REFERENCES import_batches (id),
    report_json  TEXT,
    error        TEXT,
    job_id       TEXT,
    requested_by TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

-- What a scheduled pull last saw of its URL, for conditional requests.
CREATE TABLE pull_sources (
    name           TEXT PRIMARY KEY,
    url            TEXT NOT NULL,
    etag           TEXT,
    last_modified  TEXT,
    content_hash   TEXT,
    last_status    INTEGER,
    last_batch_id  INTEGER REFERENCES import_batches (id),
    fetched_at     TEXT,
    changed_at     TEXT
);

-- The picture of a plan on a date, as the nightly evaluation stored it.
CREATE TABLE plan_snapshots (
    id         INTEGER PRIMARY KEY,
    plan_slug  TEXT NOT NULL,
    as_of      TEXT NOT NULL,                -- yyyy-MM-dd in Europe/Copenhagen
    content    TEXT NOT NULL,                -- JSON
    created_at TEXT NOT NULL,
    UNIQUE (plan_slug, as_of)
);

-- Board briefs as generated; the status document until the PDF exists.
CREATE TABLE board_briefs (
    id           INTEGER PRIMARY KEY,
    plan_slug    TEXT NOT NULL,
    media_type   TEXT NOT NULL,
    file_name    TEXT NOT NULL,
    content      BLOB NOT NULL,
    created_at   TEXT NOT NULL
);

CREATE INDEX ix_board_briefs_plan ON board_briefs (plan_slug, id);
