using System.Globalization;
using CsvHelper;
using Monitoring.Core.Model;
using Monitoring.Ingest.Import.Formats;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Ingest.Import;

/// <summary>
/// Reads the canonical long CSV (<c>indicator, area, period, value, numerator, denominator,
/// subgroup</c>, or their Danish names — see <see cref="HeaderMap"/>) with CsvHelper, row by row,
/// from UTF-8 (the <see cref="EncodingSniffer"/> has decoded it). The separator is detected, and a
/// semicolon file is taken to be Danish Excel's, with decimal commas.
/// </summary>
public sealed class CanonicalCsvReader : IDisposable
{
    public static readonly string[] RequiredColumns = HeaderMap.RequiredColumns;
    public static readonly string[] OptionalColumns = HeaderMap.OptionalColumns;

    /// <summary>
    /// Longest record read, so an unclosed quote cannot pull a whole file into memory. Above 10 MB on
    /// purpose: a 10 MB cell is still read and refused by the rules with a short message naming its
    /// row and column, which tells the analyst more than "the record is too long".
    /// </summary>
    public const int MaxRecordBytes = 16 << 20;

    /// <summary>Most header columns: the long format has 7; a wide table a few dozen years or indicators.</summary>
    public const int MaxColumns = 1000;

    private readonly CsvReader _reader;
    private readonly HeaderMap _map;
    private readonly int _headerCount;

    public CanonicalCsvReader(Stream utf8Content, IReadOnlyDictionary<string, string>? aliases = null)
    {
        _reader = CsvReader.Create(utf8Content, new CsvReaderOptions
        {
            SkipEmptyLines = true,
            TrimWhitespace = true,
            TrackLineNumbers = true,
            DetectSeparatorHint = true,
            PoolStrings = true,
            MaxRecordSize = MaxRecordBytes,
        }, leaveOpen: true);
        var headers = _reader.Headers;
        _headerCount = headers.Count;
        var separator = _reader.Separator;
        NumberCulture = separator == ';' ? CultureInfo.GetCultureInfo("da-DK") : CultureInfo.InvariantCulture;
        Dialect = separator == ';' ? "semicolon, decimal comma" : $"separator '{separator}', decimal point";
        if (_headerCount > MaxColumns)
        {
            _map = new HeaderMap([], aliases);
            HeaderErrors =
            [
                RuleText.Error(1, "*", null,
                    $"Overskriften har {_headerCount} kolonner; højst {MaxColumns} læses.",
                    $"The header has {_headerCount} columns; at most {MaxColumns} are read."),
            ];
            return;
        }
        _map = new HeaderMap(headers.ToList(), aliases);
        HeaderErrors = _map.Errors;
    }

    public string Dialect { get; }

    public CultureInfo NumberCulture { get; }

    public IReadOnlyList<RowError> HeaderErrors { get; }

    public IReadOnlyList<string> IgnoredColumns => _map.Ignored;

    public IReadOnlyList<ColumnMapping> Mapping => _map.Mapping;

    /// <summary>The data rows; a row with the wrong number of fields is reported to <paramref name="errors"/> and skipped.</summary>
    public IEnumerable<CanonicalCsvRow> Rows(ICollection<RowError> errors)
    {
        if (HeaderErrors.Count > 0)
            yield break;
        while (_reader.Read())
        {
            var row = (int)_reader.LineNumber;
            if (_reader.FieldCount != _headerCount)
            {
                errors.Add(RuleText.Error(row, "*", null,
                    $"Rækken har {_reader.FieldCount} felter; overskriften har {_headerCount}.",
                    $"The row has {_reader.FieldCount} fields; the header has {_headerCount}."));
                continue;
            }
            yield return new CanonicalCsvRow(
                row, Field("indicator"), Field("area"), Field("period"), Field("value"),
                Field("numerator"), Field("denominator"), Field("subgroup"));
        }
    }

    private string Field(string column) => _map.IndexOf(column) is var i && i < 0 ? "" : _reader.GetString(i).Trim();

    public void Dispose() => _reader.Dispose();
}
