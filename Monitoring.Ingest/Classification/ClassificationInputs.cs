using Monitoring.Core.Classification;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;

namespace Monitoring.Ingest.Classification;

/// <summary>One area's classification input with the reference scopes it was read against.</summary>
public sealed record AreaClassificationInput(Scope Area, string? NationalScope, string? RegionScope, ClassificationInput Input);

/// <summary>
/// Reads what the classification engine needs: the yearly values of every criterion indicator in the regime
/// table for an area, and for the country and the area's region as references. Criterion indicators are
/// ordinary indicators, read through <see cref="SeriesQuery"/> like any chart, small numbers withheld.
/// </summary>
public sealed class ClassificationInputs(ScopeStore scopes, SeriesQuery series)
{
    public static RegimeTable Table => RegimeTable.Default;

    /// <summary>The area's input, or null when there is no area with that code.</summary>
    public async Task<AreaClassificationInput?> ForAreaAsync(string areaCode, CancellationToken cancellationToken = default)
    {
        var all = await scopes.ListAsync(cancellationToken);
        var area = all.FirstOrDefault(s => s.Kind == ScopeKind.Area && string.Equals(s.Code, areaCode, StringComparison.OrdinalIgnoreCase));
        return area is null ? null : await ReadAsync(area, all, new Dictionary<string, YearlyValues>(StringComparer.Ordinal), cancellationToken);
    }

    /// <summary>Every area's input; the references are read once.</summary>
    public async Task<IReadOnlyList<AreaClassificationInput>> ForAllAreasAsync(CancellationToken cancellationToken = default)
    {
        var all = await scopes.ListAsync(cancellationToken);
        var references = new Dictionary<string, YearlyValues>(StringComparer.Ordinal);
        var inputs = new List<AreaClassificationInput>();
        foreach (var area in all.Where(s => s.Kind == ScopeKind.Area).OrderBy(s => s.Code, StringComparer.Ordinal))
            inputs.Add(await ReadAsync(area, all, references, cancellationToken));
        return inputs;
    }

    /// <summary>
    /// The region an area is compared with: the region scope of the area's municipality when several regions
    /// are stored (a region scope may carry the municipality code it answers for), or the only one.
    /// </summary>
    public static Scope? RegionOf(Scope area, IReadOnlyList<Scope> all)
    {
        var regions = all.Where(s => s.Kind == ScopeKind.Region).ToList();
        return regions.Count == 1
            ? regions[0]
            : regions.FirstOrDefault(r => r.MunicipalityCode is not null && string.Equals(r.MunicipalityCode, area.MunicipalityCode, StringComparison.Ordinal));
    }

    private async Task<AreaClassificationInput> ReadAsync(
        Scope area, IReadOnlyList<Scope> all, Dictionary<string, YearlyValues> references, CancellationToken cancellationToken)
    {
        var national = all.FirstOrDefault(s => s.Kind == ScopeKind.Country);
        var region = RegionOf(area, all);
        var input = new ClassificationInput(
            await ValuesAsync(area.Code, cancellationToken),
            national is null ? YearlyValues.Empty : await ReferenceAsync(national.Code, references, cancellationToken),
            region is null ? YearlyValues.Empty : await ReferenceAsync(region.Code, references, cancellationToken));
        return new AreaClassificationInput(area, national?.Code, region?.Code, input);
    }

    private async Task<YearlyValues> ReferenceAsync(string scope, Dictionary<string, YearlyValues> references, CancellationToken cancellationToken)
    {
        if (!references.TryGetValue(scope, out var values))
            references[scope] = values = await ValuesAsync(scope, cancellationToken);
        return values;
    }

    /// <summary>The yearly, shown (not withheld) values of every criterion indicator for the whole population of a scope.</summary>
    private async Task<YearlyValues> ValuesAsync(string scope, CancellationToken cancellationToken)
    {
        var values = new YearlyValues();
        foreach (var indicator in Table.Indicators)
        {
            foreach (var observation in await series.SeriesAsync(new SeriesKey(indicator, scope, ""), cancellationToken))
            {
                if (observation.Period.Kind == PeriodKind.Year && observation.Value is { } value && !observation.Flags.HasFlag(ObservationFlags.Suppressed))
                    values.Set(indicator, observation.Period.Year, value);
            }
        }
        return values;
    }
}
