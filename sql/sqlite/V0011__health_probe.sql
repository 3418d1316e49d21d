-- Health probe (sqlite dialect; the same table as the other folder's V0011).
-- Never edit after release.
--
-- Readiness writes one row here on every check: a database that can be read but not written
-- (a read-only file or folder, a full disk, another connection's lock) is not ready. Nothing
-- reads the row; it is not data and does not move data_version.
CREATE TABLE health_probe (
    id         INTEGER PRIMARY KEY,
    checked_at TEXT NOT NULL
);
INSERT INTO health_probe (id, checked_at) VALUES (1, '');
