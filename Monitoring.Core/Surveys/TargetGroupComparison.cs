using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Core.Statistics;
using Monitoring.Core.Suppression;

namespace Monitoring.Core.Surveys;

/// <summary>
/// A survey indicator's target groups side by side for one area and wave: each subgroup's share
/// with its Wilson interval, and the change since the previous wave with a two-proportion test.
/// </summary>
public sealed record TargetGroupComparison(
    Indicator Indicator, Scope Area, Period Wave, Period? PreviousWave, IReadOnlyList<Period> Waves, IReadOnlyList<TargetGroupShare> Groups)
{
    /// <summary>Significance level of the marker for a change since the previous wave.</summary>
    public const double Alpha = 0.05;

    /// <summary>
    /// Built from every subgroup of the indicator in the area, all waves, as read (small numbers
    /// already withheld). Groups are ordered total first, then by breakdown in the dimensions' order.
    /// </summary>
    public static TargetGroupComparison Build(
        Indicator indicator, Scope area, Period wave, IReadOnlyList<Observation> observations, IReadOnlyList<Dimension> dimensions, int minCount)
    {
        var waves = observations.Select(o => o.Period).Distinct().Order().ToList();
        Period? previous = waves.Where(w => w < wave).Select(w => (Period?)w).LastOrDefault();
        var now = observations.Where(o => o.Period == wave).ToList();
        var before = previous is { } p ? observations.Where(o => o.Period == p).ToDictionary(o => o.Subgroup, StringComparer.Ordinal) : [];
        var groups = now
            .OrderBy(o => SortKey(o.Subgroup, dimensions), StringComparer.Ordinal)
            .Select(o => Share(indicator, o, before.GetValueOrDefault(o.Subgroup), dimensions, minCount))
            .ToList();
        return new TargetGroupComparison(indicator, area, wave, previous, waves, groups);
    }

    private static TargetGroupShare Share(Indicator indicator, Observation o, Observation? earlier, IReadOnlyList<Dimension> dimensions, int minCount)
    {
        var interval = o.Value is null ? null : ShareInterval.For(indicator, o.Numerator, o.Denominator);
        ProportionChange? change = null;
        if (earlier is { Numerator: { } x1, Denominator: { } n1 } && o is { Numerator: { } x2, Denominator: { } n2 } && n1 > 0 && n2 > 0)
            change = Proportions.TwoProportionTest(x1, n1, x2, n2);
        var countsShown = CountDisclosure.CountsShown(o.Numerator, o.Denominator, minCount);
        return new TargetGroupShare(
            o.Subgroup, Label(o.Subgroup, dimensions), Breakdown(o.Subgroup, dimensions), o.Value, interval?.Lower, interval?.Upper,
            countsShown ? o.Numerator : null, countsShown ? o.Denominator : null, earlier?.Value, change?.PValue,
            change is { PValue: < Alpha }, o.Flags.HasFlag(ObservationFlags.Suppressed) || o.Value is null);
    }

    /// <summary>"Kvinder", "65 år og derover · Kvinder"; the total is "Alle".</summary>
    public static string Label(string subgroup, IReadOnlyList<Dimension> dimensions) =>
        subgroup.Length == 0
            ? "Alle"
            : string.Join(" · ", SubgroupText.Parts(subgroup).Select(part =>
                dimensions.FirstOrDefault(d => d.Code == part.Dimension)?.Values.FirstOrDefault(v => v.Code == part.Value)?.Label ?? part.Value));

    private static string Breakdown(string subgroup, IReadOnlyList<Dimension> dimensions) =>
        subgroup.Length == 0
            ? "I alt"
            : string.Join(" × ", SubgroupText.Parts(subgroup).Select(p => dimensions.FirstOrDefault(d => d.Code == p.Dimension)?.Label ?? p.Dimension));

    private static string SortKey(string subgroup, IReadOnlyList<Dimension> dimensions)
    {
        var parts = SubgroupText.Parts(subgroup);
        var positions = parts.Select(p =>
        {
            var d = dimensions.Select((dim, i) => (dim, i)).FirstOrDefault(x => x.dim.Code == p.Dimension);
            var v = d.dim?.Values.Select((val, i) => (val, i)).FirstOrDefault(x => x.val.Code == p.Value).i ?? 99;
            return $"{d.i:D2}{v:D2}";
        });
        return $"{parts.Count:D2}{string.Concat(positions)}";
    }
}

/// <summary>One target group's share in a wave; <see cref="Withheld"/> when too few answered.</summary>
public sealed record TargetGroupShare(
    string Subgroup, string Label, string Breakdown, double? Value, double? Lower, double? Upper, double? Numerator, double? Denominator,
    double? PreviousValue, double? ChangePValue, bool SignificantChange, bool Withheld);
