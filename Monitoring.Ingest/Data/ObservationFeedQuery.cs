using System.Text;
using Dapper;

namespace Monitoring.Ingest.Data;

/// <summary>
/// A condition on current observations as SQL over <c>observations o JOIN series s</c>, with its
/// parameters: built by the OData feed from a parsed <c>$filter</c>, never from text a caller wrote.
/// </summary>
public sealed record ObservationCondition(string Where, IReadOnlyDictionary<string, object?> Parameters)
{
    public static readonly ObservationCondition All = new("1 = 1", new Dictionary<string, object?>());

    /// <summary>Both conditions; their parameter names must differ (the feed's filter uses f0, f1, …; a plan scope scopePlan0, …).</summary>
    public ObservationCondition And(ObservationCondition other)
    {
        var parameters = new Dictionary<string, object?>(Parameters);
        foreach (var (name, value) in other.Parameters)
        {
            if (!parameters.TryAdd(name, value))
                throw new ArgumentException($"Both conditions use the parameter @{name}.", nameof(other));
        }
        return new ObservationCondition($"({Where}) AND ({other.Where})", parameters);
    }
}

/// <summary>Which page to read: after a storage position (keyset, the default order) or at an offset (a caller's order).</summary>
public sealed record ObservationPageRequest(IReadOnlyList<string> OrderBy, ObservationPosition? After, int Offset, int Limit);

/// <summary>
/// Reads the current observations for the OData feed: the filter and order reach the database, and
/// every order ends on the storage key, so pages never overlap or leave gaps.
/// </summary>
public sealed class ObservationFeedQuery(MonitoringDatabase database)
{
    public async Task<IReadOnlyList<StoredObservation>> PageAsync(
        ObservationCondition condition, ObservationPageRequest page, CancellationToken cancellationToken = default)
    {
        var sql = new StringBuilder(
            $"""
            SELECT o.series_id AS SeriesId, s.indicator_code AS IndicatorCode, s.scope_code AS ScopeCode, s.subgroup AS Subgroup,
                   o.period_start AS PeriodStart, o.period_end AS PeriodEnd, o.value AS Value, o.numerator AS Numerator,
                   o.denominator AS Denominator, o.flags AS Flags, o.batch_id AS BatchId
            FROM observations o
            JOIN series s ON s.id = o.series_id
            WHERE ({condition.Where})
            """);
        var parameters = new DynamicParameters(condition.Parameters);
        if (page.After is { } after)
        {
            sql.Append(" AND (o.series_id, o.period_start, o.period_end) > (@pageSeries, @pageStart, @pageEnd)");
            parameters.Add("pageSeries", after.SeriesId);
            parameters.Add("pageStart", after.PeriodStart);
            parameters.Add("pageEnd", after.PeriodEnd);
        }
        sql.Append(" ORDER BY ").AppendJoin(", ", page.OrderBy.Append("o.series_id").Append("o.period_start").Append("o.period_end"));
        sql.Append(" LIMIT @pageLimit OFFSET @pageOffset");
        parameters.Add("pageLimit", page.Limit);
        parameters.Add("pageOffset", page.Offset);

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<FeedRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken));
        return rows.Select(r => new StoredObservation(new ObservationPosition(r.SeriesId, r.PeriodStart, r.PeriodEnd), r.ToObservation())).ToList();
    }

    public async Task<long> CountAsync(ObservationCondition condition, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM observations o JOIN series s ON s.id = o.series_id WHERE ({condition.Where})",
            new DynamicParameters(condition.Parameters), cancellationToken: cancellationToken));
    }

    private sealed class FeedRow
    {
        public long SeriesId { get; set; }
        public string IndicatorCode { get; set; } = "";
        public string ScopeCode { get; set; } = "";
        public string Subgroup { get; set; } = "";
        public int PeriodStart { get; set; }
        public int PeriodEnd { get; set; }
        public double? Value { get; set; }
        public double? Numerator { get; set; }
        public double? Denominator { get; set; }
        public int Flags { get; set; }
        public long BatchId { get; set; }

        public Core.Model.Observation ToObservation() => new(
            IndicatorCode, ScopeCode, Core.Periods.Period.FromOrdinals(PeriodStart, PeriodEnd), Subgroup, Value, Numerator, Denominator,
            (Core.Model.ObservationFlags)Flags, BatchId);
    }
}
