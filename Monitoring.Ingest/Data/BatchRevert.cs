using Monitoring.Core.Model;

namespace Monitoring.Ingest.Data;

/// <summary>Undo batch <paramref name="BatchId"/>; a dry run answers what would change and writes nothing.</summary>
public sealed record RevertRequest(long BatchId, string? Reason, string RequestedBy, bool DryRun);

/// <summary>
/// One key a revert touches, as it reads to an analyst: its value now and after the revert (null
/// when it leaves the current data or is not there), and for a skipped key the later batch that
/// changed it since.
/// </summary>
public sealed record RevertedValue(
    string Indicator, string Area, string Period, string Subgroup, double? ValueNow, double? ValueAfter, long? ChangedSinceBy = null);

/// <summary>
/// What a revert did or would do: keys given their earlier version back, keys taken out of the
/// current data (the reverted batch created them), and keys left alone because a later batch
/// changed them. Counts are complete; the lists are capped at <see cref="MaxListed"/> each.
/// </summary>
public sealed record RevertReport(
    long? BatchId,
    long RevertsBatchId,
    ImportStatus Status,
    string? Reason,
    int Restored,
    int Withdrawn,
    int Skipped,
    IReadOnlyList<RevertedValue> RestoredValues,
    IReadOnlyList<RevertedValue> WithdrawnValues,
    IReadOnlyList<RevertedValue> SkippedValues)
{
    public const int MaxListed = 1000;
}

public enum RevertOutcome
{
    Reverted,
    NotFound,
    AlreadyReverted,
}

/// <summary>The outcome; <see cref="RevertedBy"/> names the batch that already reverted the target.</summary>
public sealed record RevertResult(RevertOutcome Outcome, RevertReport? Report = null, long? RevertedBy = null);
