using System.Globalization;
using CsvHelper;
using Monitoring.Core.Model;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Ingest.Import.Formats;

/// <summary>
/// A CSV table from UTF-8 (the <see cref="EncodingSniffer"/> has decoded it), read with CsvHelper
/// row by row. The separator is detected, and a semicolon file is taken to be Danish Excel's,
/// with decimal commas.
/// </summary>
public sealed class CsvTableReader : ITableReader
{
    /// <summary>
    /// Longest record read, so an unclosed quote cannot pull a whole file into memory. Above 10 MB on
    /// purpose: a 10 MB cell is still read and refused by the rules with a short message naming its
    /// row and column, which tells the analyst more than "the record is too long".
    /// </summary>
    public const int MaxRecordBytes = 16 << 20;

    private readonly CsvReader _reader;

    public CsvTableReader(Stream utf8Content)
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
        Headers = [.. _reader.Headers];
        var separator = _reader.Separator;
        NumberCulture = separator == ';' ? CultureInfo.GetCultureInfo("da-DK") : CultureInfo.InvariantCulture;
        Dialect = separator == ';' ? "semicolon, decimal comma" : $"separator '{separator}', decimal point";
        TableErrors = TableLimits.Check(Headers.Count);
    }

    public string Dialect { get; }

    public CultureInfo NumberCulture { get; }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<RowError> TableErrors { get; }

    public IEnumerable<TableRow> Rows(ICollection<RowError> errors)
    {
        if (TableErrors.Count > 0)
            yield break;
        var fields = new string[Headers.Count];
        while (_reader.Read())
        {
            var row = (int)_reader.LineNumber;
            if (_reader.FieldCount != Headers.Count)
            {
                errors.Add(RuleText.Error(row, "*", null,
                    $"Rækken har {_reader.FieldCount} felter; overskriften har {Headers.Count}.",
                    $"The row has {_reader.FieldCount} fields; the header has {Headers.Count}."));
                continue;
            }
            // One array reused for every row: the consumer turns a row into observations before the next.
            for (var i = 0; i < fields.Length; i++)
                fields[i] = _reader.GetString(i).Trim();
            yield return new TableRow(row, fields);
        }
    }

    public void Dispose() => _reader.Dispose();
}

/// <summary>Bounds every table reader keeps.</summary>
public static class TableLimits
{
    /// <summary>Most header columns: the long format has 7; a wide table a few dozen years or indicators.</summary>
    public const int MaxColumns = 1000;

    public static IReadOnlyList<RowError> Check(int columns) => columns <= MaxColumns
        ? []
        : [RuleText.Error(1, "*", null,
            $"Overskriften har {columns} kolonner; højst {MaxColumns} læses.",
            $"The header has {columns} columns; at most {MaxColumns} are read.")];
}
