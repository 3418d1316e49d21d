-- The goal framework's lifecycle (sqlite dialect; the same tables as the other folder's V0007).
-- Never edit after release.
--
-- row_version: the ETag of every editable row. An edit claims the row with one conditional
-- UPDATE ... WHERE row_version = @expected, so of two edits made against the same ETag exactly
-- one matches and the other is told 412 (the row lock orders them on PostgreSQL, the write lock
-- of the transaction on SQLite).
ALTER TABLE plans ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE goals ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE targets ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE indicators ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE scopes ADD COLUMN row_version INTEGER NOT NULL DEFAULT 1;

-- The board revises goals: a goal or target that leaves the framework is retired, not deleted,
-- so its id, comments, snapshots and charts stay readable. Current reads skip retired rows.
ALTER TABLE goals ADD COLUMN retired_at TEXT;
ALTER TABLE targets ADD COLUMN retired_at TEXT;

-- Every committed framework change: who (the API key's name), when, what, before -> after.
-- plan_id is null for indicators and areas, which belong to no one plan.
CREATE TABLE framework_changes (
    id          INTEGER PRIMARY KEY,
    plan_id     INTEGER REFERENCES plans (id) ON DELETE CASCADE,
    entity      TEXT NOT NULL,               -- plan | goal | target | indicator | area
    entity_key  TEXT NOT NULL,               -- slug, goal key, target id, indicator or area code
    action      TEXT NOT NULL,               -- added | changed | retired | deleted
    changed_by  TEXT NOT NULL,
    changed_at  TEXT NOT NULL,
    before_json TEXT,
    after_json  TEXT
);

CREATE INDEX ix_framework_changes_plan ON framework_changes (plan_id, id);
CREATE INDEX ix_framework_changes_entity ON framework_changes (entity, entity_key);
