using Monitoring.Core.Model;

namespace Monitoring.Core.Suppression;

/// <summary>
/// Primary and secondary suppression for a table with crossings (survey aggregates by age, by
/// gender, and by age × gender). Every subgroup is the sum of its children along one dimension
/// (the total of <c>alder:*</c>; <c>alder:65+</c> of <c>alder:65+&amp;koen:*</c>), and in each such
/// relation exactly one withheld member could be worked out by subtraction. So values resting on
/// fewer than k persons are withheld, then, until nothing changes, any relation with exactly one
/// withheld member withholds its smallest shown child as well (the parent when it has no other).
/// </summary>
public static class CrossingSuppression
{
    /// <summary>Which observations must not be shown. Pass every subgroup of a cell, crossings included.</summary>
    public static IReadOnlySet<Observation> Suppressed(IEnumerable<Observation> observations, int minCount)
    {
        var result = new HashSet<Observation>(ReferenceEqualityComparer.Instance);
        foreach (var cell in observations.GroupBy(o => (o.IndicatorCode, o.ScopeCode, o.Period)))
        {
            var members = cell.ToList();
            result.UnionWith(members.Where(o => o.Flags.HasFlag(ObservationFlags.Suppressed) || o.Denominator is { } n && n < minCount));
            var relations = Relations(members);
            for (var changed = true; changed;)
            {
                changed = false;
                foreach (var (parent, children) in relations)
                {
                    var hidden = children.Count(result.Contains) + (result.Contains(parent) ? 1 : 0);
                    if (hidden != 1)
                        continue;
                    var next = children.Where(c => !result.Contains(c)).OrderBy(c => c.Denominator ?? double.MaxValue).FirstOrDefault() ?? parent;
                    result.Add(next);
                    changed = true;
                }
            }
        }
        return result;
    }

    /// <summary>Each subgroup with the children that add up to it along one dimension.</summary>
    private static List<(Observation Parent, List<Observation> Children)> Relations(List<Observation> cell)
    {
        var bySubgroup = cell.GroupBy(o => o.Subgroup, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var children = new Dictionary<(string Parent, string Dimension), List<Observation>>();
        foreach (var o in cell)
        {
            var parts = SubgroupText.Parts(o.Subgroup);
            for (var i = 0; i < parts.Count; i++)
            {
                var parent = SubgroupText.Join(parts.Where((_, j) => j != i));
                var key = (parent, parts[i].Dimension);
                if (!children.TryGetValue(key, out var list))
                    children[key] = list = [];
                list.Add(o);
            }
        }
        return children
            .Where(c => bySubgroup.ContainsKey(c.Key.Parent))
            .Select(c => (bySubgroup[c.Key.Parent], c.Value))
            .ToList();
    }
}
