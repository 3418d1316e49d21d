namespace Monitoring.Core.Model;

/// <summary>The record of one committed import: where it came from and what it changed.</summary>
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
    DateTimeOffset CreatedAt);

public enum ImportStatus
{
    Committed,
    Rejected,
    DryRun,
    AlreadyImported,
}
