namespace Monitoring.Ingest.Import.Rules;

/// <summary>Bounds of the import rules that are a matter of judgement rather than of the unit.</summary>
public sealed class ValidationOptions
{
    public const string SectionName = "Monitoring:Validation";

    /// <summary>
    /// Largest magnitude a rate, index or DKK value (or any count) may have. Real figures stay far
    /// below 10^12; the bound keeps sums and regressions over a series finite.
    /// </summary>
    public double MaxMagnitude { get; set; } = 1e12;

    /// <summary>
    /// Header names a deployment adds to the built-in Danish and English ones, header → canonical
    /// column (e.g. <c>"Afdeling": "area"</c>); see <see cref="Formats.HeaderMap"/>.
    /// </summary>
    public Dictionary<string, string> ColumnAliases { get; } = new(StringComparer.OrdinalIgnoreCase);
}
