using Monitoring.Core.Model;
using Monitoring.Core.Suppression;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Http;

/// <summary>
/// Small numbers never leave the service, whatever page of observations is asked for. A subgroup
/// row is judged with all its siblings (read for the pairs of indicator and area on the page), so
/// secondary suppression holds across pages, filters and orders.
/// </summary>
public static class PageSuppression
{
    public static async Task<IReadOnlyList<StoredObservation>> WithholdSmallNumbersAsync(
        IReadOnlyList<StoredObservation> page, SeriesQuery series, int minCount, CancellationToken cancellationToken)
    {
        var withheld = SmallNumberSuppression.Suppressed(page.Select(p => p.Observation), minCount)
            .Select(o => (o.IndicatorCode, o.ScopeCode, o.Subgroup, o.Period))
            .ToHashSet();
        var pairs = page.Where(p => p.Observation.Subgroup.Length > 0)
            .Select(p => (p.Observation.IndicatorCode, p.Observation.ScopeCode)).Distinct();
        foreach (var (indicator, scope) in pairs)
        {
            foreach (var o in await series.AllSubgroupsAsync(indicator, scope, cancellationToken))
            {
                if (o.Flags.HasFlag(ObservationFlags.Suppressed))
                    withheld.Add((o.IndicatorCode, o.ScopeCode, o.Subgroup, o.Period));
            }
        }
        return page.Select(p => withheld.Contains((p.Observation.IndicatorCode, p.Observation.ScopeCode, p.Observation.Subgroup, p.Observation.Period))
                ? p with { Observation = SmallNumberSuppression.Withhold(p.Observation) }
                : p)
            .ToList();
    }
}
