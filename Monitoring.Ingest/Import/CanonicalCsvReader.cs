using System.Globalization;
using CsvHelper;
using Monitoring.Core.Model;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Ingest.Import;

/// <summary>
/// Reads the canonical long CSV (<c>indicator, area, period, value, numerator, denominator,
/// subgroup</c>) with CsvHelper, row by row. Header names match case-insensitively; the separator
/// is detected, and a semicolon file is taken to be Danish Excel's, with decimal commas.
/// </summary>
public sealed class CanonicalCsvReader : IDisposable
{
    public static readonly string[] RequiredColumns = ["indicator", "area", "period", "value"];
    public static readonly string[] OptionalColumns = ["numerator", "denominator", "subgroup"];

    private readonly CsvReader _reader;
    private readonly List<string> _headers;
    private readonly Dictionary<string, int> _columns;

    public CanonicalCsvReader(Stream content)
    {
        _reader = CsvReader.Create(content, new CsvReaderOptions
        {
            SkipEmptyLines = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            DetectSeparatorHint = true,
            PoolStrings = true,
        }, leaveOpen: true);
        _headers = _reader.Headers.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        _columns = RequiredColumns.Concat(OptionalColumns).ToDictionary(c => c, c => _headers.IndexOf(c));
        var separator = _reader.Separator;
        NumberCulture = separator == ';' ? CultureInfo.GetCultureInfo("da-DK") : CultureInfo.InvariantCulture;
        Format = separator == ';' ? "csv; semicolon, decimal comma" : $"csv; separator '{separator}', decimal point";
        HeaderErrors = RequiredColumns
            .Where(c => !_headers.Contains(c))
            .Select(c => RuleText.Error(1, c, null,
                $"Kolonnen '{c}' mangler. Overskriften skal nævne {string.Join(", ", RequiredColumns)} (og kan nævne {string.Join(", ", OptionalColumns)}).",
                $"Missing column '{c}'. The header must name {string.Join(", ", RequiredColumns)} (and optionally {string.Join(", ", OptionalColumns)})."))
            .ToList();
        IgnoredColumns = _headers.Where(h => !RequiredColumns.Contains(h) && !OptionalColumns.Contains(h)).ToList();
    }

    public string Format { get; }

    public CultureInfo NumberCulture { get; }

    public IReadOnlyList<RowError> HeaderErrors { get; }

    public IReadOnlyList<string> IgnoredColumns { get; }

    /// <summary>The data rows; a row with the wrong number of fields is reported to <paramref name="errors"/> and skipped.</summary>
    public IEnumerable<CanonicalCsvRow> Rows(ICollection<RowError> errors)
    {
        if (HeaderErrors.Count > 0)
            yield break;
        while (_reader.Read())
        {
            var row = (int)_reader.LineNumber;
            if (_reader.FieldCount != _headers.Count)
            {
                errors.Add(RuleText.Error(row, "*", null,
                    $"Rækken har {_reader.FieldCount} felter; overskriften har {_headers.Count}.",
                    $"The row has {_reader.FieldCount} fields; the header has {_headers.Count}."));
                continue;
            }
            yield return new CanonicalCsvRow(
                row, Field("indicator"), Field("area"), Field("period"), Field("value"),
                Field("numerator"), Field("denominator"), Field("subgroup"));
        }
    }

    private string Field(string column) => _columns[column] < 0 ? "" : _reader.GetString(_columns[column]).Trim();

    public void Dispose() => _reader.Dispose();
}
