using Monitoring.Core.Model;

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
    long? AlreadyImportedAs = null)
{
    /// <summary>Errors listed in a report are capped; <see cref="ErrorCount"/> is the full count.</summary>
    public const int MaxListedErrors = 1000;
}
