-- A background upload keeps the options the analyst chose (encoding, layout, sheet), so the job
-- reads the stored file the same way the request would have. SQLite dialect; the same columns as
-- sql/postgres/V0013__upload_options.sql. Never edit after release.
ALTER TABLE uploads ADD COLUMN encoding TEXT;
ALTER TABLE uploads ADD COLUMN layout TEXT;
ALTER TABLE uploads ADD COLUMN sheet TEXT;
