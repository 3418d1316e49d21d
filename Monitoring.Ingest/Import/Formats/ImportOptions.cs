namespace Monitoring.Ingest.Import.Formats;

/// <summary>
/// What an analyst may tell the importer instead of letting it detect: the text encoding
/// (utf-8, utf-16, windows-1252, …), the layout (long, wide-periods, wide-indicators) and a
/// spreadsheet's sheet (by name; the first otherwise). Null means detect.
/// </summary>
public sealed record ImportOptions(string? Encoding = null, string? Layout = null, string? Sheet = null)
{
    public static readonly ImportOptions Detect = new();
}
