-- A background upload keeps the options the analyst chose (encoding, layout, sheet), so the job
-- reads the stored file the same way the request would have. SQLite dialect; the same columns as
-- sql/postgres/V0013__upload_options_and_column_aliases.sql. Never edit after release.
ALTER TABLE uploads ADD COLUMN encoding TEXT;
ALTER TABLE uploads ADD COLUMN layout TEXT;
ALTER TABLE uploads ADD COLUMN sheet TEXT;

-- Header names a deployment reads as a canonical column (e.g. "Afdeling" → area), kept as
-- metadata beside the built-in Danish and English names so analysts' own exports import as they are.
CREATE TABLE column_aliases (
    alias       TEXT PRIMARY KEY,            -- lower case, trimmed
    column_name TEXT NOT NULL,               -- indicator | area | period | value | numerator | denominator | subgroup
    created_at  TEXT NOT NULL
);
