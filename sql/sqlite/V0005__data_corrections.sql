-- Data correction: a batch can undo an earlier one (source 'revert') or correct or withdraw one
-- value (source 'correction'), and says why. What it undid is a column of the batch, so the
-- journal shows which batch reverts which; the unique index makes "reverted twice" impossible even
-- when two requests race. A withdrawn value leaves the current data and is kept in the history.
-- No index on observations(batch_id): imports write a million rows and reverts are rare, so a
-- revert pays one scan instead of every import paying an index. SQLite dialect; the same columns
-- as sql/postgres/V0005__data_corrections.sql. Never edit after release.
ALTER TABLE import_batches ADD COLUMN reverts_batch_id INTEGER REFERENCES import_batches (id);
ALTER TABLE import_batches ADD COLUMN reason TEXT;
ALTER TABLE import_batches ADD COLUMN withdrawn_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE import_batches ADD COLUMN skipped_count INTEGER NOT NULL DEFAULT 0;

CREATE UNIQUE INDEX ux_import_batches_reverts ON import_batches (reverts_batch_id) WHERE reverts_batch_id IS NOT NULL;
