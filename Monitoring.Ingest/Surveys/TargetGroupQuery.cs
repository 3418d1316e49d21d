using Microsoft.Extensions.Options;
using Monitoring.Core.Periods;
using Monitoring.Core.Surveys;
using Monitoring.Ingest.Data;

namespace Monitoring.Ingest.Surveys;

/// <summary>Reads what the target-group view and its chart show: every subgroup of a survey indicator in one area, small numbers withheld.</summary>
public sealed class TargetGroupQuery(
    IndicatorStore indicators, ScopeStore scopes, DimensionStore dimensions, SeriesQuery series, IOptions<SuppressionOptions> suppression)
{
    /// <summary>The comparison for the wave (the latest when null); null when the indicator or area is unknown, not a survey share, or has no data.</summary>
    public async Task<TargetGroupComparison?> CompareAsync(string indicatorCode, string areaCode, Period? wave, CancellationToken cancellationToken = default)
    {
        var indicator = await indicators.FindAsync(indicatorCode, cancellationToken);
        var area = await scopes.FindAsync(areaCode, cancellationToken);
        if (indicator is null || area is null || !ShareInterval.Applies(indicator))
            return null;
        var observations = await series.AllSubgroupsAsync(indicator.Code, area.Code, cancellationToken);
        if (observations.Count == 0)
            return null;
        var chosen = wave ?? observations.Max(o => o.Period);
        if (!observations.Any(o => o.Period == chosen))
            return null;
        return TargetGroupComparison.Build(indicator, area, chosen, observations, await dimensions.ListAsync(cancellationToken), suppression.Value.MinCount);
    }
}
