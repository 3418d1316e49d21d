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

    public Scope? Scope(string code) => _scopes.GetValueOrDefault(code);
}
