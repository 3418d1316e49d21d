using Monitoring.Core.Model;

namespace Monitoring.Ingest.Import.Rules;

/// <summary>
/// A subgroup is empty (the whole population) or <c>dimension:value</c> from the declared
/// dimensions, matched without regard to case and stored in the declared spelling
/// (<c>koen:Mand</c> → <c>koen:mand</c>), so one breakdown never splits in two. Anything else —
/// a typo, a formula, HTML, SQL, a control character — is simply not a declared value, and is told
/// the nearest declared code.
/// </summary>
public sealed class SubgroupRule(IEnumerable<Dimension> dimensions)
{
    private readonly Dictionary<string, Dimension> _dimensions =
        dimensions.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);

    // Danish exports name a dimension by its label (køn:kvinde for koen:kvinde); codes are tried
    // first, and a label two dimensions share is not used.
    private readonly Dictionary<string, Dimension> _byLabel = dimensions
        .GroupBy(d => d.Label.Trim(), StringComparer.OrdinalIgnoreCase)
        .Where(g => g.Count() == 1)
        .ToDictionary(g => g.Key, g => g.Single(), StringComparer.OrdinalIgnoreCase);

    // A file repeats a handful of subgroups over many rows: each accepted spelling is resolved once
    // (bounded, so a file of endless case variants cannot grow it without limit).
    private readonly Dictionary<string, string> _accepted = new(StringComparer.Ordinal);
    private const int MaxRemembered = 1024;

    /// <summary>The canonical subgroup, or null with an error recorded.</summary>
    public string? Check(int row, string text, List<RowError> errors)
    {
        if (text.Length == 0)
            return "";
        if (_accepted.TryGetValue(text, out var remembered))
            return remembered;
        if (text.Contains(SubgroupText.CrossingSeparator, StringComparison.Ordinal))
            return CheckCrossing(row, text, errors);
        return CheckPart(row, text, errors);
    }

    /// <summary>A crossing (<c>alder:65+&amp;koen:kvinde</c>, as survey aggregates write them): each part checked, in the order given, no dimension twice.</summary>
    private string? CheckCrossing(int row, string text, List<RowError> errors)
    {
        var parts = text.Split(SubgroupText.CrossingSeparator).Select(p => CheckPart(row, p.Trim(), errors)).ToList();
        if (parts.Any(p => p is null))
            return null;
        var canonical = string.Join(SubgroupText.CrossingSeparator, parts);
        if (SubgroupText.Parts(canonical).Select(p => p.Dimension).Distinct().Count() != parts.Count)
        {
            errors.Add(RuleText.Error(row, "subgroup", text,
                "En krydsning nævner hver dimension én gang (fx alder:65+&koen:kvinde).",
                "A crossing names each dimension once (e.g. alder:65+&koen:kvinde)."));
            return null;
        }
        if (_accepted.Count < MaxRemembered)
            _accepted[text] = canonical;
        return canonical;
    }

    private string? CheckPart(int row, string text, List<RowError> errors)
    {
        if (_accepted.TryGetValue(text, out var remembered))
            return remembered;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            errors.Add(RuleText.Error(row, "subgroup", text,
                "Skriv undergruppen som dimension:værdi (fx koen:kvinde), eller lad feltet stå tomt for hele befolkningen.",
                "Write the subgroup as dimension:value (e.g. koen:kvinde), or leave it empty for the whole population."));
            return null;
        }
        var dimensionText = text[..colon].Trim();
        var valueText = text[(colon + 1)..].Trim();
        if (!_dimensions.TryGetValue(dimensionText, out var dimension) && !_byLabel.TryGetValue(dimensionText, out dimension))
        {
            var known = _dimensions.Values.Select(d => d.Code).Order(StringComparer.Ordinal).ToList();
            var nearest = EditDistance.Nearest(dimensionText, known);
            var echo = RuleText.Echo(dimensionText);
            errors.Add(RuleText.Error(row, "subgroup", text,
                $"Ukendt dimension '{echo}'" + (nearest is null ? "" : $"; mente du '{nearest}'?") + $" Kendte dimensioner: {List(known, "ingen")}.",
                $"Unknown dimension '{echo}'" + (nearest is null ? "" : $"; did you mean '{nearest}'?") + $" Known dimensions: {List(known, "none")}."));
            return null;
        }
        var value = dimension.Values.FirstOrDefault(v => string.Equals(v.Code, valueText, StringComparison.OrdinalIgnoreCase));
        if (value is null)
        {
            var allowed = dimension.Values.Select(v => v.Code).ToList();
            var nearest = EditDistance.Nearest(valueText, allowed);
            var echo = RuleText.Echo(valueText);
            errors.Add(RuleText.Error(row, "subgroup", text,
                $"'{echo}' er ikke en værdi af {dimension.Code}" + (nearest is null ? "" : $"; mente du '{dimension.Code}:{nearest}'?") + $" Tilladte værdier: {List(allowed, "ingen")}.",
                $"'{echo}' is not a value of {dimension.Code}" + (nearest is null ? "" : $"; did you mean '{dimension.Code}:{nearest}'?") + $" Allowed values: {List(allowed, "none")}."));
            return null;
        }
        var canonical = dimension.Code + ":" + value.Code;
        if (_accepted.Count < MaxRemembered)
            _accepted[text] = canonical;
        return canonical;
    }

    private static string List(List<string> codes, string none) => codes.Count == 0 ? none : string.Join(", ", codes);
}
