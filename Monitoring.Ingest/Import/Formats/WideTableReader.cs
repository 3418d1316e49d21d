using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Ingest.Import.Formats;

/// <summary>
/// Turns any table into long rows, streaming. Three layouts, detected from the header or chosen:
/// <list type="bullet">
/// <item><c>long</c>: one observation per row (indicator, area, period, value, …);</item>
/// <item><c>wide-periods</c>: years (or other periods) as columns — indicator, area[, subgroup], 2019, 2020, …
/// — as Statistics Denmark's and Landsbyggefonden's portals export;</item>
/// <item><c>wide-indicators</c>: indicators as columns — area, period[, subgroup], IND_A, IND_B, ….</item>
/// </list>
/// A wide row gives one long row per filled cell; its errors name the file row and the cell's header.
/// </summary>
public sealed class WideTableReader
{
    public const string LongLayout = "long";
    public const string WidePeriods = "wide-periods";
    public const string WideIndicators = "wide-indicators";

    private readonly ITableReader _table;
    private readonly HeaderMap _map;
    private readonly List<(int Index, string Header)> _valueColumns = [];

    public WideTableReader(ITableReader table, ImportCatalog catalog, string? layout, IReadOnlyDictionary<string, string>? aliases)
    {
        _table = table;
        var headers = table.TableErrors.Count > 0 ? [] : table.Headers.Select(h => h.Trim().TrimStart('\uFEFF').Trim()).ToList();
        var known = HeaderMap.RequiredColumns.Concat(HeaderMap.OptionalColumns).ToHashSet(StringComparer.Ordinal);
        var named = headers.Select(h => HeaderMap.Canonical(h, known, aliases)).ToList();
        var periods = Enumerable.Range(0, headers.Count).Where(i => named[i] is null && Period.TryParse(PeriodRule.Compact(headers[i]), out _)).ToList();
        var indicators = Enumerable.Range(0, headers.Count).Where(i => named[i] is null && catalog.Indicator(headers[i]) is not null).ToList();
        Layout = layout is { Length: > 0 } chosen ? chosen.Trim().ToLowerInvariant() : Detect(named, periods, indicators);
        var errors = new List<RowError>(table.TableErrors);
        switch (Layout)
        {
            case LongLayout:
                _map = new HeaderMap(headers, aliases);
                break;
            case WidePeriods:
                _map = new HeaderMap(headers, aliases, required: ["indicator", "area"], allowed: ["indicator", "area", "subgroup"]);
                _valueColumns.AddRange(periods.Select(i => (i, headers[i])));
                break;
            case WideIndicators:
                _map = new HeaderMap(headers, aliases, required: ["area", "period"], allowed: ["area", "period", "subgroup"]);
                _valueColumns.AddRange(indicators.Select(i => (i, headers[i])));
                break;
            default:
                _map = new HeaderMap([], aliases, required: [], allowed: []);
                errors.Add(RuleText.Error(1, "*", layout, $"Ukendt layout '{RuleText.Echo(Layout)}'; brug long, wide-periods eller wide-indicators.",
                    $"Unknown layout '{RuleText.Echo(Layout)}'; use long, wide-periods or wide-indicators."));
                break;
        }
        // A table that could not be read has no header to find columns in: its own error says enough.
        if (table.TableErrors.Count == 0)
            errors.AddRange(_map.Errors);
        if (Layout is WidePeriods or WideIndicators && _valueColumns.Count == 0 && errors.Count == 0)
        {
            var (da, en) = Layout == WidePeriods ? ("perioder (fx 2019, 2020)", "periods (e.g. 2019, 2020)") : ("indikatorkoder", "indicator codes");
            errors.Add(RuleText.Error(1, "*", null, $"En bred tabel skal have kolonner med {da}; der er ingen.",
                $"A wide table needs columns named by {en}; there are none."));
        }
        Errors = errors;
        Ignored = Layout == LongLayout ? _map.Ignored : _map.Ignored.Where(h => !_valueColumns.Any(c => c.Header == h)).ToList();
        Mapping = Layout == LongLayout
            ? _map.Mapping
            : [.. _map.Mapping, .. _valueColumns.Select(c => new ColumnMapping(c.Header, Layout == WidePeriods ? "value (period)" : "value (indicator)"))];
    }

    public string Layout { get; }

    public IReadOnlyList<RowError> Errors { get; }

    public IReadOnlyList<string> Ignored { get; }

    public IReadOnlyList<ColumnMapping> Mapping { get; }

    private static string Detect(List<string?> named, List<int> periods, List<int> indicators)
    {
        if (named.Contains("value"))
            return LongLayout;
        if (periods.Count > 0 && named.Contains("indicator") && named.Contains("area") && !named.Contains("period"))
            return WidePeriods;
        if (indicators.Count > 0 && named.Contains("area") && named.Contains("period") && !named.Contains("indicator"))
            return WideIndicators;
        return LongLayout;
    }

    /// <summary>The long rows; rows the table reader could not read go to <paramref name="errors"/>.</summary>
    public IEnumerable<CanonicalCsvRow> Rows(ICollection<RowError> errors)
    {
        if (Errors.Count > 0)
            yield break;
        foreach (var row in _table.Rows(errors))
        {
            if (Layout == LongLayout)
            {
                yield return new CanonicalCsvRow(row.Row, Field(row, "indicator"), Field(row, "area"), Field(row, "period"),
                    Field(row, "value"), Field(row, "numerator"), Field(row, "denominator"), Field(row, "subgroup"));
                continue;
            }
            var area = Field(row, "area");
            var subgroup = Field(row, "subgroup");
            var fixedCode = Layout == WidePeriods ? Field(row, "indicator") : Field(row, "period");
            foreach (var (index, header) in _valueColumns)
            {
                var value = row.Fields[index];
                yield return Layout == WidePeriods
                    ? new CanonicalCsvRow(row.Row, fixedCode, area, header, value, "", "", subgroup)
                    : new CanonicalCsvRow(row.Row, header, area, fixedCode, value, "", "", subgroup);
            }
        }
    }

    private string Field(TableRow row, string column) => _map.IndexOf(column) is var i && i >= 0 && i < row.Fields.Count ? row.Fields[i] : "";
}
