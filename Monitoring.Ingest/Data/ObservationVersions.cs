using System.Data.Common;
using Dapper;
using Npgsql;

namespace Monitoring.Ingest.Data;

/// <summary>One stored observation's key as the tables hold it: series and the period's month ordinals.</summary>
public readonly record struct StoredKey(long SeriesId, int PeriodStart, int PeriodEnd);

/// <summary>The values of one version of an observation.</summary>
public readonly record struct VersionValues(double? Value, double? Numerator, double? Denominator, int Flags);

/// <summary>
/// The writes a revert or a correction makes to single keys, with the importer's rules: a version
/// that stops being current moves to the history with the batch that replaced it (nothing is ever
/// deleted outright), and a new current version carries the batch that wrote it. On SQLite, which
/// runs in-process, each statement runs once per key; on PostgreSQL a round trip per key would make
/// reverting a large batch take minutes, so the keys travel as arrays and each write is one
/// set-based statement over <c>unnest</c>.
/// </summary>
public static class ObservationVersions
{
    /// <summary>Copies the current version of each key to the history, superseded by <paramref name="batchId"/>.</summary>
    public static Task ArchiveAsync(DbConnection connection, DbTransaction transaction, IEnumerable<StoredKey> keys, long batchId) =>
        connection is NpgsqlConnection
            ? connection.ExecuteAsync(
                """
                INSERT INTO observation_history (series_id, period_start, period_end, batch_id, superseded_by,
                                                 value, numerator, denominator, flags)
                SELECT o.series_id, o.period_start, o.period_end, o.batch_id, @batchId, o.value, o.numerator, o.denominator, o.flags
                FROM observations o
                JOIN unnest(@series, @starts, @ends) AS k(series_id, period_start, period_end)
                  ON o.series_id = k.series_id AND o.period_start = k.period_start AND o.period_end = k.period_end
                """, Arrays(keys.ToList(), batchId), transaction, ArrayTimeoutSeconds)
            : connection.ExecuteAsync(
            """
            INSERT INTO observation_history (series_id, period_start, period_end, batch_id, superseded_by,
                                             value, numerator, denominator, flags)
            SELECT series_id, period_start, period_end, batch_id, @batchId, value, numerator, denominator, flags
            FROM observations WHERE series_id = @SeriesId AND period_start = @PeriodStart AND period_end = @PeriodEnd
            """,
            keys.Select(k => new { k.SeriesId, k.PeriodStart, k.PeriodEnd, batchId }), transaction);

    /// <summary>Takes the keys out of the current data (archive them first).</summary>
    public static Task RemoveAsync(DbConnection connection, DbTransaction transaction, IEnumerable<StoredKey> keys) =>
        connection is NpgsqlConnection
            ? connection.ExecuteAsync(
                """
                DELETE FROM observations o
                USING unnest(@series, @starts, @ends) AS k(series_id, period_start, period_end)
                WHERE o.series_id = k.series_id AND o.period_start = k.period_start AND o.period_end = k.period_end
                """, Arrays(keys.ToList(), 0), transaction, ArrayTimeoutSeconds)
            : connection.ExecuteAsync(
            "DELETE FROM observations WHERE series_id = @SeriesId AND period_start = @PeriodStart AND period_end = @PeriodEnd",
            keys.Select(k => new { k.SeriesId, k.PeriodStart, k.PeriodEnd }), transaction);

    /// <summary>Replaces the current version of each key (archive it first) with new values written by <paramref name="batchId"/>.</summary>
    public static Task ReplaceAsync(
        DbConnection connection, DbTransaction transaction, IEnumerable<(StoredKey Key, VersionValues Values)> versions, long batchId) =>
        connection is NpgsqlConnection
            ? connection.ExecuteAsync(
                """
                UPDATE observations o
                SET value = k.value, numerator = k.numerator, denominator = k.denominator, flags = k.flags, batch_id = @batchId
                FROM unnest(@series, @starts, @ends, @values, @numerators, @denominators, @flags)
                     AS k(series_id, period_start, period_end, value, numerator, denominator, flags)
                WHERE o.series_id = k.series_id AND o.period_start = k.period_start AND o.period_end = k.period_end
                """, Arrays(versions.ToList(), batchId), transaction, ArrayTimeoutSeconds)
            : connection.ExecuteAsync(
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
        connection is NpgsqlConnection
            ? connection.ExecuteAsync(
                """
                INSERT INTO observations (series_id, period_start, period_end, value, numerator, denominator, flags, batch_id)
                SELECT k.series_id, k.period_start, k.period_end, k.value, k.numerator, k.denominator, k.flags, @batchId
                FROM unnest(@series, @starts, @ends, @values, @numerators, @denominators, @flags)
                     AS k(series_id, period_start, period_end, value, numerator, denominator, flags)
                """, Arrays(versions.ToList(), batchId), transaction, ArrayTimeoutSeconds)
            : connection.ExecuteAsync(
            """
            INSERT INTO observations (series_id, period_start, period_end, value, numerator, denominator, flags, batch_id)
            VALUES (@SeriesId, @PeriodStart, @PeriodEnd, @Value, @Numerator, @Denominator, @Flags, @batchId)
            """,
            versions.Select(v => new
            {
                v.Key.SeriesId, v.Key.PeriodStart, v.Key.PeriodEnd, v.Values.Value, v.Values.Numerator, v.Values.Denominator,
                v.Values.Flags, batchId,
            }), transaction);

    /// <summary>A large batch's keys take longer than the default 30-second command timeout; the caller's token bounds them.</summary>
    private const int ArrayTimeoutSeconds = 0;

    private static KeyArrays Arrays(List<StoredKey> keys, long batchId) => new(
        keys.Select(k => k.SeriesId).ToArray(), keys.Select(k => k.PeriodStart).ToArray(), keys.Select(k => k.PeriodEnd).ToArray(), batchId);

    private static VersionArrays Arrays(List<(StoredKey Key, VersionValues Values)> versions, long batchId) => new(
        versions.Select(v => v.Key.SeriesId).ToArray(), versions.Select(v => v.Key.PeriodStart).ToArray(),
        versions.Select(v => v.Key.PeriodEnd).ToArray(), versions.Select(v => v.Values.Value).ToArray(),
        versions.Select(v => v.Values.Numerator).ToArray(), versions.Select(v => v.Values.Denominator).ToArray(),
        versions.Select(v => v.Values.Flags).ToArray(), batchId);

    private sealed record KeyArrays(long[] Series, int[] Starts, int[] Ends, long BatchId);

    private sealed record VersionArrays(
        long[] Series, int[] Starts, int[] Ends, double?[] Values, double?[] Numerators, double?[] Denominators, int[] Flags, long BatchId);

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
