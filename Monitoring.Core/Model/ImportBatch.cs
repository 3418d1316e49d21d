namespace Monitoring.Core.Model;

/// <summary>
/// The record of one committed import: where it came from and what it changed. A revert or a
/// correction is a batch too: it names the batch it reverts, the batch that reverted it, and why.
/// </summary>
public sealed record ImportBatch(
    long Id,
    string Source,
    string FileName,
    string ContentHash,
    string Format,
    int RowsRead,
    int RowsAccepted,
    int RowsRejected,
    int Created,
    int Changed,
    int Unchanged,
    ImportStatus Status,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    int Withdrawn = 0,
    int Skipped = 0,
    long? RevertsBatchId = null,
    long? RevertedByBatchId = null,
    string? Reason = null);

public enum ImportStatus
{
    Committed,
    Rejected,
    DryRun,
    AlreadyImported,
}
