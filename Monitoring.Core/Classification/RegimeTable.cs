using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitoring.Core.Classification;

/// <summary>
/// The versioned table of the statutory criteria (<c>regimes.json</c>, embedded): which regime governs which
/// list year, its criteria and categories. The engine holds no rule of its own.
/// </summary>
public sealed record RegimeTable(string Version, string ResidentsIndicator, IReadOnlyList<Regime> Regimes)
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private static readonly Lazy<RegimeTable> Embedded = new(() =>
    {
        using var stream = typeof(RegimeTable).Assembly.GetManifestResourceStream("Monitoring.Core.Classification.regimes.json")
            ?? throw new InvalidOperationException("The embedded regimes.json is missing.");
        return Parse(stream);
    });

    /// <summary>The table shipped with the code.</summary>
    public static RegimeTable Default => Embedded.Value;

    public static RegimeTable Parse(Stream json)
    {
        var table = JsonSerializer.Deserialize<RegimeTable>(json, JsonOptions)
            ?? throw new InvalidDataException("regimes.json is empty.");
        var errors = table.Check();
        return errors.Count == 0 ? table : throw new InvalidDataException("regimes.json: " + string.Join("; ", errors));
    }

    /// <summary>The regime in force for a list year, or null before the first list.</summary>
    public Regime? For(int listYear) => Regimes.FirstOrDefault(r => r.Covers(listYear));

    public int FirstListYear => Regimes.Min(r => r.FirstListYear);

    /// <summary>The list year whose list was the newest on <paramref name="date"/>, or null before the first list.</summary>
    public int? ListYearOn(DateOnly date)
    {
        for (var year = date.Year; year >= FirstListYear; year--)
        {
            if (For(year) is { } regime && regime.ListDate(year) <= date)
                return year;
        }
        return null;
    }

    /// <summary>Every indicator some regime reads, the residents count included.</summary>
    public IReadOnlyList<string> Indicators =>
        Regimes.SelectMany(r => r.Criteria).Select(c => c.Indicator).Append(ResidentsIndicator).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The codes a category is known by back through the regimes (parallelsamfund ← ghettoområde), so a streak
    /// can look at lists made under earlier rules.
    /// </summary>
    public IReadOnlySet<string> NamesOf(string category)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { category };
        bool grown;
        do
        {
            grown = false;
            foreach (var definition in Regimes.SelectMany(r => r.Categories).Where(c => names.Contains(c.Code)))
            {
                foreach (var predecessor in definition.Predecessors)
                    grown |= names.Add(predecessor);
            }
        }
        while (grown);
        return names;
    }

    /// <summary>A category's name in lower case as the newest regime that has it writes it ("ghettoområde").</summary>
    public string NameOf(string category) =>
        Regimes.OrderByDescending(r => r.FirstListYear).SelectMany(r => r.Categories)
            .FirstOrDefault(c => string.Equals(c.Code, category, StringComparison.Ordinal))?.Name.ToLowerInvariant() ?? category;

    /// <summary>Errors a hand-edited table could have: overlapping years, unknown codes, a requirement evaluated later.</summary>
    public IReadOnlyList<string> Check()
    {
        var errors = new List<string>();
        var ordered = Regimes.OrderBy(r => r.FirstListYear).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i - 1].LastListYear is not { } last || last >= ordered[i].FirstListYear)
                errors.Add($"regime {ordered[i - 1].Code} overlaps {ordered[i].Code}");
        }
        foreach (var regime in Regimes)
        {
            var criteria = regime.Criteria.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
            var earlier = new HashSet<string>(StringComparer.Ordinal);
            foreach (var category in regime.Categories)
            {
                foreach (var rule in category.Alternatives)
                {
                    foreach (var code in (rule.AllOf ?? []).Concat(rule.Of ?? []).Where(c => !criteria.Contains(c)))
                        errors.Add($"regime {regime.Code} category {category.Code} names unknown criterion '{code}'");
                    foreach (var code in (rule.Requires ?? []).Where(c => !earlier.Contains(c)))
                        errors.Add($"regime {regime.Code} category {category.Code} requires '{code}', which is not defined before it");
                    if (rule.AtLeast is { } k && (rule.Of is null || k > rule.Of.Count || k < 1))
                        errors.Add($"regime {regime.Code} category {category.Code} asks for {k} of {rule.Of?.Count ?? 0} criteria");
                    if (rule.Streak is { } streak && streak.Years < 1)
                        errors.Add($"regime {regime.Code} category {category.Code} has a streak of {streak.Years} years");
                    // This year's link of the streak is read from the categories already judged.
                    if (rule.Streak is { } current && !earlier.Contains(current.Category))
                        errors.Add($"regime {regime.Code} category {category.Code} counts '{current.Category}', which is not defined before it");
                }
                earlier.Add(category.Code);
            }
            foreach (var criterion in regime.Criteria.Where(c => c.WindowYears < 1))
                errors.Add($"regime {regime.Code} criterion {criterion.Code} has a window of {criterion.WindowYears} years");
        }
        return errors;
    }
}
