using System.Runtime.InteropServices;
using Monitoring.Ingest.Import.Formats;

namespace Monitoring.Ingest.Import;

/// <summary>
/// A file to import and who asked for it. The content is opened as a stream and read once, so a
/// large file never has to sit in memory whole.
/// </summary>
public sealed record ImportRequest(Func<Stream> OpenContent, string FileName, string Source, string RequestedBy, bool DryRun)
{
    /// <summary>What the analyst chose instead of detection (encoding).</summary>
    public ImportOptions Options { get; init; } = ImportOptions.Detect;

    /// <summary>The background upload this import finishes; its outcome is committed with the import.</summary>
    public string? UploadId { get; init; }

    /// <summary>
    /// Cells (indicator × area × period) the file delivers whole: any current value in them, in any
    /// subgroup, that the file does not bring is withdrawn by the same batch (history kept). A
    /// respondent file is the whole truth about its waves, so a share it no longer delivers (say,
    /// withheld after a correction) must not stay current beside the new ones.
    /// </summary>
    public IReadOnlyList<ReplacedCell>? ReplacesCells { get; init; }

    public ImportRequest(ReadOnlyMemory<byte> content, string fileName, string source, string requestedBy, bool dryRun)
        : this(() => AsStream(content), fileName, source, requestedBy, dryRun)
    {
    }

    public static ImportRequest FromFile(string path, string source, string requestedBy, bool dryRun) =>
        new(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
            Path.GetFileName(path), source, requestedBy, dryRun);

    private static MemoryStream AsStream(ReadOnlyMemory<byte> content) =>
        MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
}

/// <summary>An indicator's values for one area and period, across all subgroups.</summary>
public sealed record ReplacedCell(string Indicator, string Area, Monitoring.Core.Periods.Period Period);

/// <summary>Rows handled so far, for progress bars.</summary>
public sealed record ImportProgress(string Stage, int Done, int Total);
