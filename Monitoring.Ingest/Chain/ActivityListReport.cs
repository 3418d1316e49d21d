using Monitoring.Core.Model;

namespace Monitoring.Ingest.Chain;

/// <summary>
/// What an activity-list upload did, or would do in a dry run (<see cref="ImportStatus.DryRun"/>).
/// A rejected list (<see cref="ImportStatus.Rejected"/>) carries every row error and wrote nothing.
/// <see cref="Rows"/> is the number of activity rows read; each ends up created, changed or unchanged.
/// </summary>
public sealed record ActivityListReport(
    ImportStatus Status,
    string FileName,
    string Format,
    int Rows,
    int Created,
    int Changed,
    int Unchanged,
    IReadOnlyList<ActivityListOutcome> Activities,
    IReadOnlyList<RowError> Errors,
    IReadOnlyList<string> IgnoredColumns);

/// <summary>What became of one row: <c>created</c>, <c>changed</c> or <c>unchanged</c>, with the activity's id (none for one a dry run would create).</summary>
public sealed record ActivityListOutcome(int Row, long SubAgreementId, string SubAgreement, string Title, string Outcome, long? ActivityId)
{
    public const string Created = "created";
    public const string Changed = "changed";
    public const string Unchanged = "unchanged";
}
