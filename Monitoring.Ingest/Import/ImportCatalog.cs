using Monitoring.Core.Model;

namespace Monitoring.Ingest.Import;

/// <summary>The indicators, scopes and subgroup dimensions an upload may refer to, read once per import.</summary>
public sealed class ImportCatalog(IEnumerable<Indicator> indicators, IEnumerable<Scope> scopes, IEnumerable<Dimension>? dimensions = null)
{
    private readonly Dictionary<string, Indicator> _indicators =
        indicators.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, Scope> _scopes = scopes.ToDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<Dimension> Dimensions { get; } = dimensions?.ToList() ?? [];

    public Indicator? Indicator(string code) => _indicators.GetValueOrDefault(code);

    private readonly ILookup<string, Scope> _scopesByName = scopes.ToLookup(s => s.Name.Trim(), StringComparer.OrdinalIgnoreCase);

    public Scope? Scope(string code) => _scopes.GetValueOrDefault(code);

    /// <summary>The indicator codes, for "did you mean".</summary>
    public IEnumerable<string> IndicatorCodes => _indicators.Keys;

    /// <summary>The scopes whose name is <paramref name="name"/>, case-insensitively: one is a match, several are ambiguous.</summary>
    public IReadOnlyList<Scope> ScopesNamed(string name) => _scopesByName[name.Trim()].ToList();

    /// <summary>Codes and names, for "did you mean".</summary>
    public IEnumerable<string> ScopeCodesAndNames => _scopes.Values.SelectMany(s => new[] { s.Code, s.Name });
}
