using Monitoring.Core.Model;
using Monitoring.Ingest.Import.Formats;

namespace Monitoring.Ingest.Import;

/// <summary>
/// What an import did, or would do in a dry run. A rejected import carries its row errors and
/// wrote nothing; an already-imported file names the batch that first brought it.
/// </summary>
public sealed record ImportReport(
    long? BatchId,
    ImportStatus Status,
    string FileName,
    string ContentHash,
    string Format,
    int RowsRead,
    int RowsAccepted,
    int RowsRejected,
    int Created,
    int Changed,
    int Unchanged,
    IReadOnlyList<RowError> Errors,
    int ErrorCount,
    IReadOnlyList<string> IgnoredColumns,
    long? AlreadyImportedAs = null,
    ImportFormat? Detected = null,
    int SkippedCount = 0,
    IReadOnlyList<SkippedRow>? Skipped = null,
    IReadOnlyList<PreviewRow>? Preview = null)
{
    /// <summary>Skipped rows listed in a report are capped like errors; <see cref="SkippedCount"/> is the full count.</summary>
    public const int MaxListedSkipped = 1000;

    /// <summary>Rows shown as they will be stored, in a dry run and a commit alike.</summary>
    public const int PreviewRows = 20;

    /// <summary>Errors listed in a report are capped; <see cref="ErrorCount"/> is the full count.</summary>
    public const int MaxListedErrors = 1000;
}
