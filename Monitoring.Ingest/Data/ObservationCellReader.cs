using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Extensions.Options;
using Monitoring.Core.Model;
using Monitoring.Core.Suppression;

namespace Monitoring.Ingest.Data;

/// <summary>
/// Every current observation, streamed in one query ordered by area, period, subgroup and indicator,
/// and handed out one (area, period) at a time with small numbers withheld. Each such group holds
/// every subgroup of every indicator there, so secondary suppression is judged whole while memory
/// stays bounded by one group, however many rows the database holds. Feeds the CSV extracts. A
/// condition (a caller's plan scope) narrows the rows in the database; it must keep or drop whole areas,
/// so each group is still whole when suppression judges it.
/// </summary>
public sealed class ObservationCellReader(MonitoringDatabase database, IOptions<SuppressionOptions> suppression)
{
    public async IAsyncEnumerable<IReadOnlyList<Observation>> ByAreaAndPeriodAsync(
        ObservationCondition? areas = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var condition = areas ?? ObservationCondition.All;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = connection.QueryUnbufferedAsync<SeriesRow>(
            $"""
            SELECT s.indicator_code AS IndicatorCode, s.scope_code AS ScopeCode, s.subgroup AS Subgroup,
                   o.period_start AS PeriodStart, o.period_end AS PeriodEnd, o.value AS Value, o.numerator AS Numerator,
                   o.denominator AS Denominator, o.flags AS Flags, o.batch_id AS BatchId
            FROM observations o
            JOIN series s ON s.id = o.series_id
            WHERE ({condition.Where})
            ORDER BY s.scope_code, o.period_start, o.period_end, s.subgroup, s.indicator_code
            """, new DynamicParameters(condition.Parameters));
        var group = new List<Observation>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (group.Count > 0 && (group[0].ScopeCode != row.ScopeCode || group[0].Period.StartOrdinal != row.PeriodStart || group[0].Period.EndOrdinal != row.PeriodEnd))
            {
                yield return SmallNumberSuppression.Apply(group, suppression.Value.MinCount);
                group = [];
            }
            group.Add(row.ToObservation());
        }
        if (group.Count > 0)
            yield return SmallNumberSuppression.Apply(group, suppression.Value.MinCount);
    }
}
