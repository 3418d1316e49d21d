namespace Monitoring.Ingest.Import.Rules;

/// <summary>Levenshtein distance, to suggest the declared code an analyst most likely meant.</summary>
public static class EditDistance
{
    public static int Between(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    /// <summary>The candidate nearest to <paramref name="text"/> (compared on its first few characters, so a huge value costs nothing).</summary>
    public static string? Nearest(string text, IEnumerable<string> candidates)
    {
        var probe = text.Length > RuleText.MaxEchoLength ? text[..RuleText.MaxEchoLength] : text;
        return candidates.OrderBy(c => Between(probe, c)).ThenBy(c => c, StringComparer.Ordinal).FirstOrDefault();
    }
}
