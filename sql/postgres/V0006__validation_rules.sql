-- The import rules of issue 10 (postgres dialect; the same tables as the other dialect's V0006). Never edit after release.

-- An indicator may accept periods finer than its periodicity (a yearly survey run each quarter);
-- 0 keeps every existing indicator strict.
ALTER TABLE indicators ADD COLUMN accepts_finer_periods INTEGER NOT NULL DEFAULT 0;

-- Subgroup dimensions: an observation's subgroup is dimension:value from these. Codes are stored in
-- lower case; the importer matches without regard to case and stores this spelling.
CREATE TABLE dimensions (
    code  TEXT PRIMARY KEY,
    label TEXT NOT NULL
);

CREATE TABLE dimension_values (
    dimension_code TEXT NOT NULL REFERENCES dimensions (code),
    code           TEXT NOT NULL,
    label          TEXT NOT NULL,
    position       INTEGER NOT NULL,   -- the declared order, which breakdowns are shown in
    PRIMARY KEY (dimension_code, code)
);
