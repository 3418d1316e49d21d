using Monitoring.Core.Model;

namespace Monitoring.Core.Suppression;

/// <summary>
/// Statistical discretion: a value resting on fewer than k persons is never shown, and where a
/// total and all but one subgroup of a breakdown would be shown, the remaining one is withheld
/// too, since it could be worked out by subtraction. Subgroups name their breakdown before a
/// colon (<c>alder:15-29</c>, <c>koen:kvinde</c>); the empty subgroup is the total.
/// </summary>
public static class SmallNumberSuppression
{
    public const int DefaultMinCount = 5;

    /// <summary>The observations with every suppressed value withheld and flagged, in the order given.</summary>
    public static IReadOnlyList<Observation> Apply(IReadOnlyList<Observation> observations, int minCount)
    {
        var suppressed = Suppressed(observations, minCount);
        return observations.Select(o => suppressed.Contains(o) ? Withhold(o) : o).ToList();
    }

    /// <summary>Which observations must not be shown. Pass every subgroup of a cell, or secondary suppression cannot be judged.</summary>
    public static IReadOnlySet<Observation> Suppressed(IEnumerable<Observation> observations, int minCount)
    {
        var result = new HashSet<Observation>(ReferenceEqualityComparer.Instance);
        foreach (var cell in observations.GroupBy(o => (o.IndicatorCode, o.ScopeCode, o.Period)))
        {
            var primary = cell.Where(o => IsSmall(o, minCount)).ToList();
            result.UnionWith(primary);
            var total = cell.FirstOrDefault(o => o.Subgroup.Length == 0);
            if (total is null || result.Contains(total))
                continue;
            foreach (var breakdown in cell.Where(o => o.Subgroup.Length > 0).GroupBy(o => Dimension(o.Subgroup)))
            {
                var members = breakdown.ToList();
                var hidden = members.Count(result.Contains);
                if (hidden != 1 || members.Count < 2)
                    continue;
                var next = members.Where(o => !result.Contains(o)).OrderBy(o => o.Denominator ?? double.MaxValue).First();
                result.Add(next);
            }
        }
        return result;
    }

    public static Observation Withhold(Observation observation) =>
        observation with { Value = null, Numerator = null, Denominator = null, Flags = observation.Flags | ObservationFlags.Suppressed };

    private static bool IsSmall(Observation o, int minCount) =>
        o.Flags.HasFlag(ObservationFlags.Suppressed) || o.Denominator is { } n && n < minCount;

    // A crossing (alder:65+&koen:kvinde) is its own breakdown, not a member of its first dimension's.
    private static string Dimension(string subgroup) => SubgroupText.Breakdown(subgroup);
}
