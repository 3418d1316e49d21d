using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Options;
using Monitoring.Core.Model;
using Monitoring.Core.Suppression;

namespace Monitoring.Ingest.Data;

/// <summary>Identifies one series: an indicator in one scope for one subgroup ("" = everyone).</summary>
public readonly record struct SeriesKey(string IndicatorCode, string ScopeCode, string Subgroup);

/// <summary>
/// Reads whole series for evaluation: the current observations of every series a plan's targets or
/// their benchmarks need, in one query per plan. The few series ids are found first; each then reads
/// one range of the observations' primary key.
/// </summary>
public sealed class SeriesQuery(MonitoringDatabase database, IOptions<SuppressionOptions> suppression)
{
    private const string Columns =
        """
        s.indicator_code AS IndicatorCode, s.scope_code AS ScopeCode, s.subgroup AS Subgroup,
        o.period_start AS PeriodStart, o.period_end AS PeriodEnd, o.value AS Value, o.numerator AS Numerator,
        o.denominator AS Denominator, o.flags AS Flags, o.batch_id AS BatchId
        """;

    public async Task<IReadOnlyDictionary<SeriesKey, IReadOnlyList<Observation>>> ForPlanAsync(
        long planId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ForPlanAsync(connection, planId, cancellationToken);
    }

    /// <summary>The same, on a connection the caller already holds (a plan is read on one connection).</summary>
    public async Task<IReadOnlyDictionary<SeriesKey, IReadOnlyList<Observation>>> ForPlanAsync(
        DbConnection connection, long planId, CancellationToken cancellationToken = default)
    {
        var rows = await connection.QueryAsync<SeriesRow>(new CommandDefinition(
            $"""
            WITH wanted AS (
                SELECT t.indicator_code, t.scope_code
                FROM targets t JOIN goals g ON g.id = t.goal_id
                WHERE g.plan_id = @planId
                UNION
                SELECT t.indicator_code, t.benchmark_scope_code
                FROM targets t JOIN goals g ON g.id = t.goal_id
                WHERE g.plan_id = @planId AND t.benchmark_scope_code IS NOT NULL)
            SELECT {Columns}
            FROM wanted w
            JOIN series s ON s.indicator_code = w.indicator_code AND s.scope_code = w.scope_code
            JOIN observations o ON o.series_id = s.id
            """,
            new { planId }, cancellationToken: cancellationToken));
        return Suppress(rows.Select(r => r.ToObservation()).ToList())
            .GroupBy(o => new SeriesKey(o.IndicatorCode, o.ScopeCode, o.Subgroup))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<Observation>)g.OrderBy(o => o.Period).ToList());
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
            $"""
            SELECT {Columns}
            FROM series s
            JOIN observations o ON o.series_id = s.id
            WHERE s.indicator_code = @indicatorCode AND s.scope_code = @scopeCode
            """,
            new { indicatorCode, scopeCode }, cancellationToken: cancellationToken));
        return Suppress(rows.Select(r => r.ToObservation()).OrderBy(o => o.Period).ThenBy(o => o.Subgroup, StringComparer.Ordinal).ToList());
    }

    private IReadOnlyList<Observation> Suppress(IReadOnlyList<Observation> observations) =>
        SmallNumberSuppression.Apply(observations, suppression.Value.MinCount);
}

/// <summary>An observation as read with its series' codes.</summary>
internal sealed class SeriesRow
{
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

    public Observation ToObservation() => new(
        IndicatorCode, ScopeCode, Core.Periods.Period.FromOrdinals(PeriodStart, PeriodEnd), Subgroup, Value, Numerator, Denominator,
        (ObservationFlags)Flags, BatchId);
}
