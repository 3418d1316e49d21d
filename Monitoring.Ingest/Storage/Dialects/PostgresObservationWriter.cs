using System.Data.Common;
using Dapper;
using Monitoring.Core.Model;
using Monitoring.Ingest.Import;
using Npgsql;
using NpgsqlTypes;

namespace Monitoring.Ingest.Storage.Dialects;

/// <summary>
/// PostgreSQL's fast path: binary COPY straight into the observations table inside the batch's
/// transaction, so a large batch streams in one round trip and still commits or vanishes whole.
/// </summary>
public sealed class PostgresObservationWriter : IObservationWriter
{
    public async Task RetireAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> ids)
    {
        if (ids.Count == 0)
            return;
        await connection.ExecuteAsync(
            "UPDATE observations SET is_current = 0 WHERE id = ANY(@ids)", new { ids = ids.ToArray() }, transaction);
    }

    public async Task InsertAsync(
        DbConnection connection, DbTransaction transaction, long batchId,
        IReadOnlyCollection<(IncomingObservation Row, ObservationFlags Flags)> observations, Action<int>? progress)
    {
        var npgsql = (NpgsqlConnection)connection;
        await using var importer = await npgsql.BeginBinaryImportAsync(
            """
            COPY observations (indicator_code, scope_code, period, period_start, period_end, subgroup,
                               value, numerator, denominator, flags, batch_id, is_current)
            FROM STDIN (FORMAT BINARY)
            """);
        var done = 0;
        foreach (var (row, flags) in observations)
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(row.IndicatorCode, NpgsqlDbType.Text);
            await importer.WriteAsync(row.ScopeCode, NpgsqlDbType.Text);
            await importer.WriteAsync(row.Period.ToString(), NpgsqlDbType.Text);
            await importer.WriteAsync(row.Period.StartOrdinal, NpgsqlDbType.Integer);
            await importer.WriteAsync(row.Period.EndOrdinal, NpgsqlDbType.Integer);
            await importer.WriteAsync(row.Subgroup, NpgsqlDbType.Text);
            await importer.WriteAsync(row.Value, NpgsqlDbType.Double);
            await WriteNullableAsync(importer, row.Numerator);
            await WriteNullableAsync(importer, row.Denominator);
            await importer.WriteAsync((int)flags, NpgsqlDbType.Integer);
            await importer.WriteAsync(batchId, NpgsqlDbType.Bigint);
            await importer.WriteAsync(1, NpgsqlDbType.Integer);
            if (++done % 10_000 == 0)
                progress?.Invoke(done);
        }
        await importer.CompleteAsync();
        progress?.Invoke(done);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, double? value)
    {
        if (value is null)
            await importer.WriteNullAsync();
        else
            await importer.WriteAsync(value.Value, NpgsqlDbType.Double);
    }
}
