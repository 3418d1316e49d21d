namespace Monitoring.Ingest.Import.Formats;

/// <summary>What the importer made of a file, for the report and the preview: so an analyst sees a wrong guess before committing.</summary>
/// <param name="Kind">csv, xlsx or xls.</param>
/// <param name="Encoding">The text encoding read (utf-8, utf-8 (bom), utf-16 (bom), windows-1252); empty for spreadsheets.</param>
/// <param name="Dialect">Separator and decimal convention.</param>
/// <param name="Layout">long, or a wide layout.</param>
/// <param name="Columns">Each header of the file and the column it was read as.</param>
public sealed record ImportFormat(string Kind, string Encoding, string Dialect, string Layout, IReadOnlyList<ColumnMapping> Columns)
{
    /// <summary>The short form stored as the batch's <c>format</c>.</summary>
    public string Summary => string.Join("; ", new[] { Kind, Encoding, Dialect, Layout == "long" ? "" : Layout }.Where(p => p.Length > 0));
}

/// <summary>A row left out because its value is marked missing (<c>..</c>, <c>-</c>, empty).</summary>
public sealed record SkippedRow(int Row, string Indicator, string Area, string Period, string Subgroup, string Value);

/// <summary>A row as it will be stored: canonical codes, period and subgroup.</summary>
public sealed record PreviewRow(
    int Row, string Indicator, string Area, string Period, string Subgroup, double Value, double? Numerator, double? Denominator);
