using Monitoring.Core.Periods;

namespace Monitoring.Core.Surveys;

/// <summary>One survey share before suppression: positive answers of valid answers for an indicator, area, wave and subgroup.</summary>
public sealed record SurveyAggregate(string Indicator, string Area, Period Wave, string Subgroup, int Positive, int Valid)
{
    /// <summary>The share in percent, rounded to the indicator's decimals as stored.</summary>
    public double Percent(int decimals) => Math.Round(100.0 * Positive / Valid, decimals, MidpointRounding.AwayFromZero);
}
