using System.Data.Common;
using Monitoring.Core.Model;
using Monitoring.Ingest.Import;

namespace Monitoring.Ingest.Storage.Dialects;

/// <summary>SQLite has no bulk protocol; one prepared statement reused per row inside the transaction is its fast path.</summary>
public sealed class SqliteObservationWriter : IObservationWriter
{
    public async Task RetireAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> ids)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE observations SET is_current = 0 WHERE id = @id";
        var id = AddParameter(command, "@id");
        foreach (var value in ids)
        {
            id.Value = value;
            await command.ExecuteNonQueryAsync();
        }
    }

    public async Task InsertAsync(
        DbConnection connection, DbTransaction transaction, long batchId,
        IReadOnlyCollection<(IncomingObservation Row, ObservationFlags Flags)> observations, Action<int>? progress)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            """
            INSERT INTO observations (indicator_code, scope_code, period, period_start, period_end, subgroup,
                                      value, numerator, denominator, flags, batch_id, is_current)
            VALUES (@indicator, @scope, @period, @start, @end, @subgroup, @value, @numerator, @denominator, @flags, @batch, 1)
            """;
        var indicator = AddParameter(command, "@indicator");
        var scope = AddParameter(command, "@scope");
        var period = AddParameter(command, "@period");
        var start = AddParameter(command, "@start");
        var end = AddParameter(command, "@end");
        var subgroup = AddParameter(command, "@subgroup");
        var value = AddParameter(command, "@value");
        var numerator = AddParameter(command, "@numerator");
        var denominator = AddParameter(command, "@denominator");
        var flags = AddParameter(command, "@flags");
        AddParameter(command, "@batch").Value = batchId;
        var done = 0;
        foreach (var (row, rowFlags) in observations)
        {
            indicator.Value = row.IndicatorCode;
            scope.Value = row.ScopeCode;
            period.Value = row.Period.ToString();
            start.Value = row.Period.StartOrdinal;
            end.Value = row.Period.EndOrdinal;
            subgroup.Value = row.Subgroup;
            value.Value = row.Value;
            numerator.Value = (object?)row.Numerator ?? DBNull.Value;
            denominator.Value = (object?)row.Denominator ?? DBNull.Value;
            flags.Value = (int)rowFlags;
            await command.ExecuteNonQueryAsync();
            if (++done % 1000 == 0)
                progress?.Invoke(done);
        }
        progress?.Invoke(done);
    }

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
