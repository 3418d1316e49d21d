using Dapper;
using Microsoft.Extensions.Options;
using Monitoring.Core.Model;
using Monitoring.Core.Suppression;

namespace Monitoring.Ingest.Storage;

/// <summary>Identifies one series: an indicator in one scope for one subgroup ("" = everyone).</summary>
public readonly record struct SeriesKey(string IndicatorCode, string ScopeCode, string Subgroup);

/// <summary>
/// Reads whole series for evaluation: every current observation that a plan's targets or their
/// benchmarks need, in one query per plan. The area and the benchmark
/// series are two halves of a UNION rather than one OR, so each half can use the index on current observations.
/// </summary>
public sealed class SeriesQuery(MonitoringDatabase database, IOptions<SuppressionOptions> suppression)
{
    public async Task<IReadOnlyDictionary<SeriesKey, IReadOnlyList<Observation>>> ForPlanAsync(
        long planId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SeriesRow>(new CommandDefinition(
            """
            SELECT o.indicator_code AS IndicatorCode, o.scope_code AS ScopeCode, o.period AS Period,
                   o.period_start AS PeriodStart, o.subgroup AS Subgroup, o.value AS Value, o.numerator AS Numerator,
                   o.denominator AS Denominator, o.flags AS Flags, o.batch_id AS BatchId
            FROM targets t
            JOIN goals g ON g.id = t.goal_id
            JOIN observations o ON o.is_current = 1 AND o.indicator_code = t.indicator_code
                               AND o.scope_code = t.scope_code
            WHERE g.plan_id = @planId
            UNION
            SELECT o.indicator_code, o.scope_code, o.period, o.period_start, o.subgroup, o.value, o.numerator,
                   o.denominator, o.flags, o.batch_id
            FROM targets t
            JOIN goals g ON g.id = t.goal_id
            JOIN observations o ON o.is_current = 1 AND o.indicator_code = t.indicator_code
                               AND o.scope_code = t.benchmark_scope_code
            WHERE g.plan_id = @planId
            """,
            new { planId }, cancellationToken: cancellationToken));
        return Group(rows);
    }

    /// <summary>One whole series, e.g. for a chart or a single target, small numbers withheld.</summary>
    public async Task<IReadOnlyList<Observation>> SeriesAsync(
        SeriesKey key, CancellationToken cancellationToken = default)
    {
        var all = await AllSubgroupsAsync(key.IndicatorCode, key.ScopeCode, cancellationToken);
        return all.Where(o => o.Subgroup == key.Subgroup).ToList();
    }

    /// <summary>
    /// Every subgroup of an indicator in one scope, small numbers withheld. All subgroups are read
    /// together because secondary suppression needs the siblings of each value.
    /// </summary>
    public async Task<IReadOnlyList<Observation>> AllSubgroupsAsync(
        string indicatorCode, string scopeCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SeriesRow>(new CommandDefinition(
            """
            SELECT indicator_code AS IndicatorCode, scope_code AS ScopeCode, period AS Period, period_start AS PeriodStart,
                   subgroup AS Subgroup, value AS Value, numerator AS Numerator, denominator AS Denominator,
                   flags AS Flags, batch_id AS BatchId
            FROM observations
            WHERE is_current = 1 AND indicator_code = @indicatorCode AND scope_code = @scopeCode
            ORDER BY period_start
            """,
            new { indicatorCode, scopeCode }, cancellationToken: cancellationToken));
        return Suppress(rows.Select(r => r.ToObservation()).OrderBy(o => o.Period).ToList());
    }

    private Dictionary<SeriesKey, IReadOnlyList<Observation>> Group(IEnumerable<SeriesRow> rows) =>
        Suppress(rows.Select(r => r.ToObservation()).ToList())
            .GroupBy(o => new SeriesKey(o.IndicatorCode, o.ScopeCode, o.Subgroup))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Observation>)g.OrderBy(o => o.Period).ToList());

    private IReadOnlyList<Observation> Suppress(IReadOnlyList<Observation> observations) =>
        SmallNumberSuppression.Apply(observations, suppression.Value.MinCount);

    private sealed class SeriesRow
    {
        public string IndicatorCode { get; set; } = "";
        public string ScopeCode { get; set; } = "";
        public string Period { get; set; } = "";
        public int PeriodStart { get; set; }
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
