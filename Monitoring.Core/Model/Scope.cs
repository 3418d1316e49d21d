namespace Monitoring.Core.Model;

/// <summary>
/// Where an observation applies: a housing area (<c>boligområde</c>) or a benchmark population.
/// Benchmarks are scopes too, so a municipality total or the whole country is read the same way.
/// </summary>
public sealed record Scope(string Code, string Name, ScopeKind Kind, string? MunicipalityCode);

public enum ScopeKind
{
    Area,
    Municipality,
    DeprivedAreas,
    Country,

    /// <summary>A region (e.g. for the statutory criterion of income relative to the region).</summary>
    Region,
}
