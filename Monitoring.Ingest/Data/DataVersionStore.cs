using System.Data.Common;
using System.Globalization;
using Dapper;

namespace Monitoring.Ingest.Data;

/// <summary>
/// Which state of the data a read saw: a counter that every committed write changing what is
/// computed or shown moves, and a random epoch per database (so a database created afresh, whose
/// counter starts at 1 again, never repeats an earlier one's versions).
/// </summary>
public readonly record struct DataVersion(string Epoch, long Number)
{
    /// <summary>Culture-invariant text for cache keys and ETags.</summary>
    public override string ToString() => $"{Epoch}.{Number.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>
/// The one-row <c>data_version</c> table (sql/*/V0004__data_version.sql). Writers bump it inside
/// their own transaction, so a reader never sees new data under an old version; readers read it
/// first with one tiny query and reuse what they computed for the same version.
/// </summary>
public sealed class DataVersionStore(MonitoringDatabase database)
{
    public async Task<DataVersion> CurrentAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(string Epoch, long Number)>(new CommandDefinition(
            "SELECT epoch, version FROM data_version WHERE id = 1", cancellationToken: cancellationToken));
        return new DataVersion(row.Epoch, row.Number);
    }

    /// <summary>
    /// Moves the version on, in the caller's transaction: it commits (or rolls back) with the write
    /// it stands for. On PostgreSQL the row lock also orders concurrent writers.
    /// </summary>
    public static Task BumpAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken = default) =>
        connection.ExecuteAsync(new CommandDefinition(
            "UPDATE data_version SET version = version + 1 WHERE id = 1", transaction: transaction, cancellationToken: cancellationToken));
}
