using System.Data.Common;
using Dapper;
using Monitoring.Core.Model;
using Monitoring.Ingest.Import;

namespace Monitoring.Ingest.Storage;

/// <summary>
/// Writes observations. A new value for an existing key does not overwrite: the old version is
/// marked not current and kept, so history and "as of" queries still see it.
/// </summary>
public static class ObservationStore
{
    public static async Task<Dictionary<ObservationKey, StoredVersion>> CurrentVersionsAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyCollection<string> indicatorCodes)
    {
        var rows = await connection.QueryAsync<StoredVersion>(
            """
            SELECT id AS Id, indicator_code AS IndicatorCode, scope_code AS ScopeCode, subgroup AS Subgroup,
                   period AS Period, value AS Value, numerator AS Numerator, denominator AS Denominator
            FROM observations
            WHERE is_current = 1 AND indicator_code IN @indicatorCodes
            """,
            new { indicatorCodes }, transaction);
        return rows.ToDictionary(r => new ObservationKey(r.IndicatorCode, r.ScopeCode, r.Subgroup, r.Period));
    }

    public static async Task RetireAsync(DbConnection connection, DbTransaction transaction, IEnumerable<long> ids)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE observations SET is_current = 0 WHERE id = @id";
        var id = AddParameter(command, "@id");
        await command.PrepareAsync();
        foreach (var value in ids)
        {
            id.Value = value;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Inserts the new current versions with one prepared statement, reused row by row.</summary>
    public static async Task InsertAsync(
        DbConnection connection, DbTransaction transaction, long batchId,
        IEnumerable<(IncomingObservation Row, ObservationFlags Flags)> observations, Action<int>? progress = null)
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
        await command.PrepareAsync();
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

    public sealed class StoredVersion
    {
        public long Id { get; set; }
        public string IndicatorCode { get; set; } = "";
        public string ScopeCode { get; set; } = "";
        public string Subgroup { get; set; } = "";
        public string Period { get; set; } = "";
        public double? Value { get; set; }
        public double? Numerator { get; set; }
        public double? Denominator { get; set; }

        public bool SameAs(IncomingObservation row) =>
            Value == row.Value && Numerator == row.Numerator && Denominator == row.Denominator;
    }
}
