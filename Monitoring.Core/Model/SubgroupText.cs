namespace Monitoring.Core.Model;

/// <summary>
/// The text of a subgroup: empty for the whole population, <c>dimension:value</c> for one
/// breakdown, and for a crossing the parts joined by <c>&amp;</c> in the crossing's declared order
/// (<c>alder:65+&amp;koen:kvinde</c>).
/// </summary>
public static class SubgroupText
{
    public const char CrossingSeparator = '&';

    public static string Join(IEnumerable<(string Dimension, string Value)> parts) =>
        string.Join(CrossingSeparator, parts.Select(p => p.Dimension + ":" + p.Value));

    /// <summary>The parts of a subgroup; none for the total. A part without a colon is its own dimension.</summary>
    public static IReadOnlyList<(string Dimension, string Value)> Parts(string subgroup)
    {
        if (subgroup.Length == 0)
            return [];
        return subgroup.Split(CrossingSeparator).Select(part =>
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (part, "") : (part[..colon], part[(colon + 1)..]);
        }).ToList();
    }

    /// <summary>The breakdown a subgroup belongs to: its dimensions (<c>koen</c>, or <c>alder&amp;koen</c> for a crossing).</summary>
    public static string Breakdown(string subgroup) => string.Join(CrossingSeparator, Parts(subgroup).Select(p => p.Dimension));
}
