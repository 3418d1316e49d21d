using System.Text;
using Dapper;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;

namespace Monitoring.Ingest.Storage;

/// <summary>Filters for reading observations; null means "any".</summary>
public sealed record ObservationFilter(
    string? IndicatorCode = null,
    string? ScopeCode = null,
    string? Subgroup = null,
    Period? From = null,
    Period? To = null,
    long? AsOfBatch = null);

/// <summary>An observation as served, with its storage id (the pagination key).</summary>
public sealed record StoredObservation(long Id, Observation Observation);

/// <summary>
/// Reads observations page by page, keyed on the row id, so paging never skips or repeats a row
/// even while imports run. Sees the current versions unless asked "as of" an earlier batch.
/// </summary>
public sealed class ObservationQuery(MonitoringDatabase database)
{
    public async Task<IReadOnlyList<StoredObservation>> PageAsync(
        ObservationFilter filter, long afterId, int limit, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder(
            """
            SELECT o.id AS Id, o.indicator_code AS IndicatorCode, o.scope_code AS ScopeCode, o.period AS Period,
                   o.subgroup AS Subgroup, o.value AS Value, o.numerator AS Numerator, o.denominator AS Denominator,
                   o.flags AS Flags, o.batch_id AS BatchId
            FROM observations o
            WHERE o.id > @afterId
            """);
        if (filter.AsOfBatch is null)
        {
            sql.Append(" AND o.is_current = 1");
        }
        else
        {
            // The latest version delivered by the given batch or an earlier one.
            sql.Append(
                """
                 AND o.batch_id <= @AsOfBatch AND NOT EXISTS (
                    SELECT 1 FROM observations n
                    WHERE n.indicator_code = o.indicator_code AND n.scope_code = o.scope_code
                      AND n.subgroup = o.subgroup AND n.period = o.period
                      AND n.batch_id <= @AsOfBatch AND n.batch_id > o.batch_id)
                """);
        }
        if (filter.IndicatorCode is not null)
            sql.Append(" AND o.indicator_code = @IndicatorCode");
        if (filter.ScopeCode is not null)
            sql.Append(" AND o.scope_code = @ScopeCode");
        if (filter.Subgroup is not null)
            sql.Append(" AND o.subgroup = @Subgroup");
        if (filter.From is not null)
            sql.Append(" AND o.period_start >= @fromStart");
        if (filter.To is not null)
            sql.Append(" AND o.period_end <= @toEnd");
        sql.Append(" ORDER BY o.id LIMIT @limit");

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ObservationRow>(new CommandDefinition(sql.ToString(), new
        {
            afterId, limit, filter.AsOfBatch, filter.IndicatorCode, filter.ScopeCode, filter.Subgroup,
            fromStart = filter.From?.StartOrdinal, toEnd = filter.To?.EndOrdinal,
        }, cancellationToken: cancellationToken));
        return rows.Select(r => new StoredObservation(r.Id, r.ToObservation())).ToList();
    }

    private sealed class ObservationRow
    {
        public long Id { get; set; }
        public string IndicatorCode { get; set; } = "";
        public string ScopeCode { get; set; } = "";
        public string Period { get; set; } = "";
        public string Subgroup { get; set; } = "";
        public double? Value { get; set; }
        public double? Numerator { get; set; }
        public double? Denominator { get; set; }
        public int Flags { get; set; }
        public long BatchId { get; set; }

        public Observation ToObservation() => new(
            IndicatorCode, ScopeCode, Core.Periods.Period.Parse(Period), Subgroup, Value, Numerator, Denominator,
            (ObservationFlags)Flags, BatchId);
    }
}
