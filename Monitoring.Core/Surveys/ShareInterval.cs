using Monitoring.Core.Model;
using Monitoring.Core.Statistics;

namespace Monitoring.Core.Surveys;

/// <summary>
/// The Wilson 95 % interval of a survey share, in the indicator's percent, from the stored counts.
/// Worked out where a share is served (JSON, CSV, tables, charts) rather than stored, so it can never
/// disagree with the counts it rests on.
/// </summary>
public static class ShareInterval
{
    public static bool Applies(Indicator indicator) =>
        indicator.Source == IndicatorSource.Survey && indicator.Unit == IndicatorUnit.Percent;

    /// <summary>Lower and upper bound in percent, rounded to one decimal more than the indicator shows; null without counts.</summary>
    public static Interval? For(Indicator indicator, double? numerator, double? denominator)
    {
        if (!Applies(indicator) || numerator is not { } x || denominator is not { } n || n <= 0 || x < 0 || x > n)
            return null;
        var interval = Proportions.Wilson(x, n);
        var decimals = Math.Clamp(indicator.Decimals + 1, 0, 10);
        return new Interval(Math.Round(interval.Lower * 100, decimals), Math.Round(interval.Upper * 100, decimals));
    }
}
