using Dapper;

namespace Monitoring.Ingest.Storage;

/// <summary>The latest current observation of each target's series (indicator × scope × subgroup) in a plan.</summary>
public sealed class PlanStatusQuery(MonitoringDatabase database)
{
    public async Task<IReadOnlyDictionary<long, LatestObservation>> LatestPerTargetAsync(long planId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<LatestRow>(new CommandDefinition(
            """
            SELECT t.id AS TargetId, o.period AS Period, o.period_start AS PeriodStart, o.period_end AS PeriodEnd,
                   o.value AS Value, o.numerator AS Numerator, o.denominator AS Denominator, o.flags AS Flags, o.batch_id AS BatchId
            FROM targets t
            JOIN goals g ON g.id = t.goal_id
            JOIN observations o ON o.indicator_code = t.indicator_code AND o.scope_code = t.scope_code
                               AND o.subgroup = t.subgroup AND o.is_current = 1
            WHERE g.plan_id = @planId
            """,
            new { planId }, cancellationToken: cancellationToken));
        return rows
            .GroupBy(r => r.TargetId)
            .ToDictionary(
                g => g.Key,
                g => g.OrderByDescending(r => r.PeriodStart).ThenByDescending(r => r.PeriodEnd).Select(r => r.ToLatest()).First());
    }

    private sealed class LatestRow
    {
        public long TargetId { get; set; }
        public string Period { get; set; } = "";
        public long PeriodStart { get; set; }
        public long PeriodEnd { get; set; }
        public double? Value { get; set; }
        public double? Numerator { get; set; }
        public double? Denominator { get; set; }
        public long Flags { get; set; }
        public long BatchId { get; set; }

        public LatestObservation ToLatest() => new(Period, Value, Numerator, Denominator, (int)Flags, BatchId);
    }
}

public sealed record LatestObservation(string Period, double? Value, double? Numerator, double? Denominator, int Flags, long BatchId);
