using System.Data.Common;
using Dapper;

namespace Monitoring.Ingest.Data;

/// <summary>One stored observation's key as the tables hold it: series and the period's month ordinals.</summary>
public readonly record struct StoredKey(long SeriesId, int PeriodStart, int PeriodEnd);

/// <summary>The values of one version of an observation.</summary>
public readonly record struct VersionValues(double? Value, double? Numerator, double? Denominator, int Flags);

/// <summary>
/// The writes a revert or a correction makes to single keys, with the importer's rules: a version
/// that stops being current moves to the history with the batch that replaced it (nothing is ever
/// deleted outright), and a new current version carries the batch that wrote it. The statements
/// run once per key in the caller's transaction; a correction touches one key and a revert the
/// keys of one batch, so set-based bulk paths (as the importer needs) would buy nothing here.
/// </summary>
public static class ObservationVersions
{
    /// <summary>Copies the current version of each key to the history, superseded by <paramref name="batchId"/>.</summary>
    public static Task ArchiveAsync(DbConnection connection, DbTransaction transaction, IEnumerable<StoredKey> keys, long batchId) =>
        connection.ExecuteAsync(
            """
            INSERT INTO observation_history (series_id, period_start, period_end, batch_id, superseded_by,
                                             value, numerator, denominator, flags)
            SELECT series_id, period_start, period_end, batch_id, @batchId, value, numerator, denominator, flags
            FROM observations WHERE series_id = @SeriesId AND period_start = @PeriodStart AND period_end = @PeriodEnd
            """,
            keys.Select(k => new { k.SeriesId, k.PeriodStart, k.PeriodEnd, batchId }), transaction);

    /// <summary>Takes the keys out of the current data (archive them first).</summary>
    public static Task RemoveAsync(DbConnection connection, DbTransaction transaction, IEnumerable<StoredKey> keys) =>
        connection.ExecuteAsync(
            "DELETE FROM observations WHERE series_id = @SeriesId AND period_start = @PeriodStart AND period_end = @PeriodEnd",
            keys.Select(k => new { k.SeriesId, k.PeriodStart, k.PeriodEnd }), transaction);

    /// <summary>Replaces the current version of each key (archive it first) with new values written by <paramref name="batchId"/>.</summary>
    public static Task ReplaceAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<(StoredKey Key, VersionValues Values)> versions, long batchId) =>
        connection.ExecuteAsync(
            """
            UPDATE observations
            SET value = @Value, numerator = @Numerator, denominator = @Denominator, flags = @Flags, batch_id = @batchId
            WHERE series_id = @SeriesId AND period_start = @PeriodStart AND period_end = @PeriodEnd
            """,
            versions.Select(v => new
            {
                v.Key.SeriesId, v.Key.PeriodStart, v.Key.PeriodEnd, v.Values.Value, v.Values.Numerator, v.Values.Denominator,
                v.Values.Flags, batchId,
            }), transaction);

    /// <summary>Makes values current again for keys that have no current version, written by <paramref name="batchId"/>.</summary>
    public static Task InsertAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<(StoredKey Key, VersionValues Values)> versions, long batchId) =>
        connection.ExecuteAsync(
            """
            INSERT INTO observations (series_id, period_start, period_end, value, numerator, denominator, flags, batch_id)
            VALUES (@SeriesId, @PeriodStart, @PeriodEnd, @Value, @Numerator, @Denominator, @Flags, @batchId)
            """,
            versions.Select(v => new
            {
                v.Key.SeriesId, v.Key.PeriodStart, v.Key.PeriodEnd, v.Values.Value, v.Values.Numerator, v.Values.Denominator,
                v.Values.Flags, batchId,
            }), transaction);

    /// <summary>
    /// Keeps other writers of observations out until the transaction ends, so what a revert or a
    /// correction read is still true when it writes. SQLite needs nothing: Microsoft.Data.Sqlite
    /// begins transactions IMMEDIATE, so the caller already holds the database's one write lock.
    /// PostgreSQL's importer takes ROW EXCLUSIVE on observations, which this mode excludes.
    /// </summary>
    public static async Task LockAsync(MonitoringDatabase database, DbConnection connection, DbTransaction transaction)
    {
        if (database.Provider == DatabaseProvider.Postgres)
            await connection.ExecuteAsync("LOCK TABLE observations IN SHARE ROW EXCLUSIVE MODE", transaction: transaction);
    }
}
