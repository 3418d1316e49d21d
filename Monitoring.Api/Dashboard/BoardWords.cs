using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// Codes turned into the words a board reads: indicator, area and municipality names from the
/// metadata, subgroups by the dimensions' Danish labels ("Køn: Kvinder", not <c>koen:kvinde</c>),
/// Danish unit words and values with their unit. A code stands only where metadata has no name.
/// </summary>
public sealed class BoardWords(
    IReadOnlyDictionary<string, Indicator> indicators, IReadOnlyDictionary<string, Scope> scopes, IReadOnlyList<Dimension> dimensions)
{
    public static async Task<BoardWords> LoadAsync(
        IndicatorStore indicators, ScopeStore scopes, DimensionStore dimensions, CancellationToken cancellationToken) =>
        new((await indicators.ListAsync(cancellationToken)).ToDictionary(i => i.Code, StringComparer.Ordinal),
            (await scopes.ListAsync(cancellationToken)).ToDictionary(s => s.Code, StringComparer.Ordinal),
            await dimensions.ListAsync(cancellationToken));

    public Indicator? Indicator(string code) => indicators.GetValueOrDefault(code);

    public string IndicatorName(string code) => indicators.TryGetValue(code, out var i) ? i.Name : code;

    public string AreaName(string code) => scopes.TryGetValue(code, out var s) ? s.Name : code;

    /// <summary>The municipality's name from its scope (kind municipality), e.g. "Østerby Kommune".</summary>
    public string MunicipalityName(string municipalityCode) =>
        scopes.Values.FirstOrDefault(s => s.Kind == ScopeKind.Municipality && s.MunicipalityCode == municipalityCode)?.Name
        ?? $"kommune {municipalityCode}";

    public bool Influenceable(string indicatorCode) => Indicator(indicatorCode)?.Influenceable ?? true;

    /// <summary>"koen:kvinde" as "Køn: Kvinder"; several parts joined by commas; the whole population as "alle".</summary>
    public string SubgroupName(string subgroup)
    {
        if (string.IsNullOrEmpty(subgroup))
            return "alle";
        return string.Join(", ", subgroup.Split(['|', ';'], StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
                return part;
            var dimension = dimensions.FirstOrDefault(d => string.Equals(d.Code, part[..colon], StringComparison.OrdinalIgnoreCase));
            var value = dimension?.Values.FirstOrDefault(v => string.Equals(v.Code, part[(colon + 1)..], StringComparison.OrdinalIgnoreCase));
            return dimension is null ? part : $"{dimension.Label}: {value?.Label ?? part[(colon + 1)..]}";
        }));
    }

    /// <summary>What the indicator is measured in, in Danish ("procent", "pr. 1.000 beboere").</summary>
    public static string UnitName(IndicatorUnit unit) => unit switch
    {
        IndicatorUnit.Percent => "procent",
        IndicatorUnit.Count => "antal",
        IndicatorUnit.Rate => "pr. 1.000 beboere",
        IndicatorUnit.Grade => "karakter (7-trinsskalaen)",
        IndicatorUnit.Index => "indeks",
        IndicatorUnit.Dkk => "kroner",
        _ => unit.ToString(),
    };

    /// <summary>A value with its unit, through the one formatter: "41,0 %", "18,2 pr. 1.000", "7,45".</summary>
    public string Value(double? value, string indicatorCode)
    {
        if (value is null)
            return "–";
        if (Indicator(indicatorCode) is not { } indicator)
            return ValueFormat.Da(value.Value, 1);
        var text = ValueFormat.Da(value.Value, indicator);
        return indicator.Unit == IndicatorUnit.Rate ? text + " pr. 1.000" : text;
    }

    /// <summary>A value and the period it belongs to: "41,0 % (2024)".</summary>
    public string Figure(PeriodValue? value, string indicatorCode) =>
        value is null ? "–" : $"{Value(value.Value, indicatorCode)} ({value.Period.ToDanishString()})";

    /// <summary>What a target aims at: the value, or the band for a target-band indicator, by the target period.</summary>
    public string TargetFigure(TargetEvaluation target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Target is not { } goal)
            return "–";
        // A band's half-width is the tolerance's share of the way from baseline to target, as the evaluator reads it.
        var halfWidth = target.Direction == Direction.TargetBand && target.Baseline is { } b ? target.Tolerance * Math.Abs(goal.Value - b.Value) : 0;
        var what = halfWidth > 0
            ? $"{Value(goal.Value - halfWidth, target.IndicatorCode)}–{Value(goal.Value + halfWidth, target.IndicatorCode)}"
            : Value(goal.Value, target.IndicatorCode);
        return $"{what} i {goal.Period.ToDanishString()}";
    }
}
