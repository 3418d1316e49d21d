using System.Globalization;
using Monitoring.Core.Model;

namespace Monitoring.Ingest.Import.Formats;

/// <summary>
/// A table read row by row, whatever the file: a CSV or a spreadsheet's sheet. The header is the
/// first row; the layout (long or wide) is decided from it afterwards by <see cref="TableRows"/>.
/// </summary>
public interface ITableReader : IDisposable
{
    /// <summary>Separator and decimal convention, or the sheet read.</summary>
    string Dialect { get; }

    /// <summary>How numbers written as text are read.</summary>
    CultureInfo NumberCulture { get; }

    IReadOnlyList<string> Headers { get; }

    /// <summary>Problems with the table as such (too many columns), reported against the header.</summary>
    IReadOnlyList<RowError> TableErrors { get; }

    /// <summary>The data rows, with their row numbers as a spreadsheet shows them (header = 1).</summary>
    IEnumerable<TableRow> Rows(ICollection<RowError> errors);
}

/// <summary>One data row's fields as text.</summary>
public readonly record struct TableRow(int Row, IReadOnlyList<string> Fields);
