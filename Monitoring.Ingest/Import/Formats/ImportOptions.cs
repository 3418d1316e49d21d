namespace Monitoring.Ingest.Import.Formats;

/// <summary>
/// What an analyst may tell the importer instead of letting it detect: the text encoding
/// (utf-8, utf-16, windows-1252, …). Null means detect.
/// </summary>
public sealed record ImportOptions(string? Encoding = null)
{
    public static readonly ImportOptions Detect = new();
}
