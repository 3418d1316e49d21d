using System.Globalization;
using CsvHelper;

namespace Monitoring.Ingest.Import;

/// <summary>
/// Reads the canonical long CSV (<c>indicator, area, period, value, numerator, denominator,
/// subgroup</c>) with CsvHelper. Header names match case-insensitively; the separator is
/// detected, and a semicolon file is taken to be Danish Excel's, with decimal commas.
/// </summary>
public sealed class CanonicalCsvReader
{
    public static readonly string[] RequiredColumns = ["indicator", "area", "period", "value"];
    public static readonly string[] OptionalColumns = ["numerator", "denominator", "subgroup"];

    public CanonicalCsvFile Read(ReadOnlyMemory<byte> content)
    {
        using var reader = CsvReader.Create(content, new CsvReaderOptions
        {
            SkipEmptyLines = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            DetectSeparatorHint = true,
        });
        var headers = reader.Headers.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList();
        var headerErrors = RequiredColumns
            .Where(c => !headers.Contains(c))
            .Select(c => new RowError(1, c, null,
                $"Missing column '{c}'. The header must name {string.Join(", ", RequiredColumns)} (and optionally {string.Join(", ", OptionalColumns)})."))
            .ToList();
        var separator = reader.Separator;
        var culture = separator == ';' ? CultureInfo.GetCultureInfo("da-DK") : CultureInfo.InvariantCulture;
        var format = separator == ';' ? "csv; semicolon, decimal comma" : $"csv; separator '{separator}', decimal point";
        if (headerErrors.Count > 0)
            return new CanonicalCsvFile(format, culture, [], headerErrors, IgnoredColumns(headers));

        int Index(string column) => headers.IndexOf(column);
        var columns = RequiredColumns.Concat(OptionalColumns).ToDictionary(c => c, Index);
        var rows = new List<CanonicalCsvRow>();
        var errors = new List<RowError>();
        while (reader.Read())
        {
            var row = (int)reader.LineNumber;
            if (reader.FieldCount != headers.Count)
            {
                errors.Add(new RowError(row, "*", null,
                    $"The row has {reader.FieldCount} fields; the header has {headers.Count}."));
                continue;
            }
            string Field(string column) => columns[column] < 0 ? "" : reader.GetString(columns[column]).Trim();
            rows.Add(new CanonicalCsvRow(
                row, Field("indicator"), Field("area"), Field("period"), Field("value"),
                Field("numerator"), Field("denominator"), Field("subgroup")));
        }
        return new CanonicalCsvFile(format, culture, rows, errors, IgnoredColumns(headers));
    }

    private static IReadOnlyList<string> IgnoredColumns(IEnumerable<string> headers) =>
        headers.Where(h => !RequiredColumns.Contains(h) && !OptionalColumns.Contains(h)).ToList();
}

/// <summary>The rows of a file and the problems found while reading it, before any value is checked.</summary>
public sealed record CanonicalCsvFile(
    string Format,
    CultureInfo NumberCulture,
    IReadOnlyList<CanonicalCsvRow> Rows,
    IReadOnlyList<RowError> Errors,
    IReadOnlyList<string> IgnoredColumns);
