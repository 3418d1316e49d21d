namespace Monitoring.Ingest.Data;

/// <summary>A plan scope as stored: comma-separated plan slugs, null for every plan.</summary>
public static class PlanScopeText
{
    public static IReadOnlyList<string> Parse(string? stored) =>
        stored?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public static string? Format(IReadOnlyList<string>? slugs) =>
        slugs is null || slugs.Count == 0 ? null : string.Join(',', slugs.Select(s => s.Trim()).Distinct(StringComparer.Ordinal));
}
