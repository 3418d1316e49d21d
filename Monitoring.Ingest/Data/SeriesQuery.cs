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
/// their benchmarks need, in one query per plan. The few series ids are found first, in a
/// subquery, so every engine reads one range of the observations' primary key per series rather
/// than scanning observations and joining backwards (SQLite without statistics does that for a join).
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
            SELECT {Columns}
            FROM observations o
            JOIN series s ON s.id = o.series_id
            WHERE o.series_id IN (
                SELECT w.id
                FROM targets t
                JOIN goals g ON g.id = t.goal_id
                JOIN series w ON w.indicator_code = t.indicator_code
                                 AND (w.scope_code = t.scope_code OR w.scope_code = t.benchmark_scope_code)
                WHERE g.plan_id = @planId)
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
            FROM observations o
            JOIN series s ON s.id = o.series_id
            WHERE o.series_id IN (SELECT id FROM series WHERE indicator_code = @indicatorCode AND scope_code = @scopeCode)
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
