using System.Globalization;
using ExcelDataReader;
using Monitoring.Core.Model;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Ingest.Import.Formats;

/// <summary>
/// One sheet of an <c>.xlsx</c> or <c>.xls</c> file, read row by row with ExcelDataReader: the
/// first sheet, or the one named. A workbook must be seekable (a zip's directory is at its end),
/// so the upload is first copied to a temporary file that is deleted on close — disk, not memory.
/// Numbers in cells are read as numbers; formulas give their stored result. Bounded: at most
/// <see cref="TableLimits.MaxColumns"/> columns, whatever the sheet declares, and
/// <see cref="MaxEmptyRows"/> empty rows in a row end the sheet (a declared million empty rows).
/// </summary>
public sealed class SpreadsheetReader : ITableReader
{
    public const int MaxEmptyRows = 10_000;

    private readonly FileStream _copy;
    private readonly IExcelDataReader? _reader;
    private readonly string _dateFormat;

    /// <param name="content">The workbook.</param>
    /// <param name="sheet">The sheet's name, or null for the first.</param>
    /// <param name="dateFormat">How a date cell is written as text: a month (<c>yyyy-MM</c>) is a period of observations; a list of activities needs the day.</param>
    public SpreadsheetReader(Stream content, string? sheet, string dateFormat = "yyyy-MM")
    {
        _dateFormat = dateFormat;
        _copy = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.DeleteOnClose);
        content.CopyTo(_copy);
        _copy.Position = 0;
        Headers = [];
        Dialect = "";
        if (ZipBombCheck.Check(_copy) is { } bomb)
        {
            TableErrors = [bomb];
            return;
        }
        try
        {
            _reader = ExcelReaderFactory.CreateReader(_copy, new ExcelReaderConfiguration { LeaveOpen = true });
            if (!SelectSheet(sheet))
            {
                TableErrors = [RuleText.Error(1, "*", sheet, $"Arket '{RuleText.Echo(sheet!)}' findes ikke i regnearket.", $"The workbook has no sheet '{RuleText.Echo(sheet!)}'.")];
                return;
            }
            Dialect = $"sheet '{_reader.Name}'";
            if (_reader.FieldCount > TableLimits.MaxColumns)
            {
                TableErrors = TableLimits.Check(_reader.FieldCount);
                return;
            }
            Headers = _reader.Read() ? Cells(_reader, _dateFormat) : [];
            TableErrors = Headers.Count == 0
                ? [RuleText.Error(1, "*", null, "Arket er tomt.", "The sheet is empty.")]
                : TableLimits.Check(Headers.Count);
        }
        catch (Exception ex) when (ex is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or System.Xml.XmlException or NotSupportedException or IOException)
        {
            TableErrors = [RuleText.Error(1, "*", null, $"Regnearket kan ikke læses: {RuleText.Echo(ex.Message)}", $"The spreadsheet cannot be read: {RuleText.Echo(ex.Message)}")];
        }
    }

    public string Dialect { get; private set; }

    /// <summary>Cells are typed: numbers come as numbers, so no decimal convention applies to them.</summary>
    public CultureInfo NumberCulture => CultureInfo.InvariantCulture;

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<RowError> TableErrors { get; } = [];

    public IEnumerable<TableRow> Rows(ICollection<RowError> errors)
    {
        if (TableErrors.Count > 0 || _reader is null)
            yield break;
        var row = 1;
        var empty = 0;
        while (_reader.Read())
        {
            row++;
            var fields = Cells(_reader, _dateFormat);
            if (fields.All(f => f.Length == 0))
            {
                if (++empty >= MaxEmptyRows)
                    yield break;
                continue;
            }
            empty = 0;
            var width = fields.Count;
            var padded = new string[Headers.Count];
            for (var i = 0; i < padded.Length; i++)
                padded[i] = i < width ? fields[i] : "";
            yield return new TableRow(row, padded);
        }
    }

    private bool SelectSheet(string? sheet)
    {
        if (sheet is not { Length: > 0 })
            return true;
        do
        {
            if (string.Equals(_reader!.Name, sheet.Trim(), StringComparison.OrdinalIgnoreCase))
                return true;
        }
        while (_reader.NextResult());
        return false;
    }

    private static List<string> Cells(IExcelDataReader reader, string dateFormat)
    {
        var count = Math.Min(reader.FieldCount, TableLimits.MaxColumns);
        var cells = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            cells.Add(reader.GetValue(i) switch
            {
                null => "",
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                DateTime t => t.ToString(dateFormat, CultureInfo.InvariantCulture),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var other => other.ToString() ?? "",
            });
            cells[i] = cells[i].Trim();
        }
        return cells;
    }

    public void Dispose()
    {
        _reader?.Dispose();
        _copy.Dispose();
    }
}
