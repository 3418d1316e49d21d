using Monitoring.Core.Model;

namespace Monitoring.Core.Statistics;

/// <summary>
/// The uncertainty shown beside an observation: the 95 % Wilson interval, in percent, for survey
/// shares with counts — the band the charts draw. Register figures count everyone and get none.
/// </summary>
public static class ObservationInterval
{
    public static Interval? Of(Indicator indicator, Observation observation) =>
        indicator is { Source: IndicatorSource.Survey, Unit: IndicatorUnit.Percent } && observation is { Numerator: { } x, Denominator: > 0 and { } n }
            ? Percent(Proportions.Wilson(x, n))
            : null;

    private static Interval Percent(Interval share) => new(share.Lower * 100, share.Upper * 100);
}
