-- Observations keyed by series. A series is one indicator in one scope for one subgroup; its
-- integer id and the period's month ordinals key every observation, so the common paths touch one
-- narrow integer index instead of four text columns:
--   observations         the current version of each (series, period), clustered on that key;
--   observation_history  every earlier version, with the batch that delivered it and the batch
--                        whose version replaced it, so "as of batch N" is a range test, not a search.
-- Existing data moves here; the old table, which kept all versions with an is_current flag, goes.
-- Never edit after release.

CREATE TABLE series (
    id             INTEGER PRIMARY KEY,
    indicator_code TEXT NOT NULL REFERENCES indicators (code),
    scope_code     TEXT NOT NULL REFERENCES scopes (code),
    subgroup       TEXT NOT NULL DEFAULT '',
    UNIQUE (indicator_code, scope_code, subgroup)
);

CREATE INDEX ix_series_scope ON series (scope_code, indicator_code);

INSERT INTO series (indicator_code, scope_code, subgroup)
SELECT DISTINCT indicator_code, scope_code, subgroup
FROM observations
ORDER BY indicator_code, scope_code, subgroup;

-- No foreign keys on the two observation tables: the importer is their only writer and creates the
-- batch row and any new series in the same transaction as the rows, and neither is ever deleted
-- while rows refer to it; a check per row would cost a lookup (a trigger on PostgreSQL) for each of
-- a million rows.
CREATE TABLE current_observations (
    series_id    INTEGER NOT NULL,
    period_start INTEGER NOT NULL,          -- months since year 0 of the first month
    period_end   INTEGER NOT NULL,          -- ... and of the last month; together they name the period
    value        REAL,
    numerator    REAL,
    denominator  REAL,
    flags        INTEGER NOT NULL DEFAULT 0,
    batch_id     INTEGER NOT NULL,
    PRIMARY KEY (series_id, period_start, period_end)
) WITHOUT ROWID;

CREATE TABLE observation_history (
    series_id     INTEGER NOT NULL,
    period_start  INTEGER NOT NULL,
    period_end    INTEGER NOT NULL,
    batch_id      INTEGER NOT NULL,         -- the batch that delivered this version
    superseded_by INTEGER NOT NULL,         -- the batch whose version replaced it
    value         REAL,
    numerator     REAL,
    denominator   REAL,
    flags         INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (series_id, period_start, period_end, batch_id)
) WITHOUT ROWID;

INSERT INTO current_observations (series_id, period_start, period_end, value, numerator, denominator, flags, batch_id)
SELECT s.id, o.period_start, o.period_end, o.value, o.numerator, o.denominator, o.flags, o.batch_id
FROM observations o
JOIN series s ON s.indicator_code = o.indicator_code AND s.scope_code = o.scope_code AND s.subgroup = o.subgroup
WHERE o.is_current = 1;

INSERT INTO observation_history (series_id, period_start, period_end, batch_id, superseded_by,
                                 value, numerator, denominator, flags)
SELECT s.id, o.period_start, o.period_end, o.batch_id,
       (SELECT MIN(n.batch_id) FROM observations n
        WHERE n.indicator_code = o.indicator_code AND n.scope_code = o.scope_code AND n.subgroup = o.subgroup
          AND n.period = o.period AND n.batch_id > o.batch_id),
       o.value, o.numerator, o.denominator, o.flags
FROM observations o
JOIN series s ON s.indicator_code = o.indicator_code AND s.scope_code = o.scope_code AND s.subgroup = o.subgroup
WHERE o.is_current = 0;

DROP TABLE observations;
ALTER TABLE current_observations RENAME TO observations;
