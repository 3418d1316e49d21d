-- The data version: one row whose counter moves in the same transaction as every committed write
-- that changes what is computed or shown (imports, plans, indicators, scopes, comments). Readers
-- compare it to decide whether a cached evaluation or chart is still right, and it is the heart of
-- the ETag of every computed read. PostgreSQL dialect; the same table as sql/sqlite/V0004__data_version.sql.
-- Never edit after release.
CREATE TABLE data_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL,
    -- Random per database: a database deleted and created again starts counting from 1 once more,
    -- and a client's cached ETag from the old one must not match the new one.
    epoch   TEXT NOT NULL
);

INSERT INTO data_version (id, version, epoch) VALUES (1, 1, md5(random()::text || clock_timestamp()::text));
