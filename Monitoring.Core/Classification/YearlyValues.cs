namespace Monitoring.Core.Classification;

/// <summary>Yearly values per indicator code, unrounded; a year that is absent is missing.</summary>
public sealed class YearlyValues
{
    private readonly Dictionary<string, SortedDictionary<int, double>> _values = new(StringComparer.Ordinal);

    public static YearlyValues Empty => new();

    public YearlyValues Set(string indicator, int year, double value)
    {
        if (!_values.TryGetValue(indicator, out var series))
            _values[indicator] = series = [];
        series[year] = value;
        return this;
    }

    public double? Get(string indicator, int year) =>
        _values.TryGetValue(indicator, out var series) && series.TryGetValue(year, out var value) ? value : null;

    public IReadOnlyDictionary<int, double> Series(string indicator) =>
        _values.TryGetValue(indicator, out var series) ? series : new SortedDictionary<int, double>();

    public IEnumerable<string> Indicators => _values.Keys;

    public YearlyValues Copy()
    {
        var copy = new YearlyValues();
        foreach (var (indicator, series) in _values)
        {
            foreach (var (year, value) in series)
                copy.Set(indicator, year, value);
        }
        return copy;
    }
}

/// <summary>What the engine reads for one area: its own yearly values and the national and regional references.</summary>
public sealed record ClassificationInput(YearlyValues Area, YearlyValues National, YearlyValues Region)
{
    public YearlyValues Reference(ReferenceScope scope) => scope switch
    {
        ReferenceScope.National => National,
        ReferenceScope.Region => Region,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Only national and region are references."),
    };
}
