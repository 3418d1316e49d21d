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

/// <summary>Rows handled so far, for progress bars.</summary>
public sealed record ImportProgress(string Stage, int Done, int Total);
