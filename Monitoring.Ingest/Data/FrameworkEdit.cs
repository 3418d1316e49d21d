using Monitoring.Ingest.Metadata;

namespace Monitoring.Ingest.Data;

public enum EditStatus
{
    /// <summary>Written and committed.</summary>
    Saved,

    /// <summary>Worked out in a transaction that was rolled back: the diff of what would change.</summary>
    DryRun,
    NotFound,

    /// <summary>The row has moved on since the ETag the edit was made against (412).</summary>
    Stale,

    /// <summary>The edit names fields that are wrong; nothing was written (400 or 422).</summary>
    Invalid,

    /// <summary>A delete refused because data, comments or snapshots depend on the row (409).</summary>
    Blocked,
}

/// <summary>What an edit of the framework did or would do.</summary>
public sealed record EditResult(
    EditStatus Status,
    IReadOnlyList<FrameworkChange> Changes,
    long? Version = null,
    IReadOnlyList<FieldError>? Errors = null,
    string? Blocker = null,
    bool Immutable = false)
{
    public static EditResult NotFound { get; } = new(EditStatus.NotFound, []);

    public static EditResult Stale { get; } = new(EditStatus.Stale, []);

    public static EditResult Invalid(params FieldError[] errors) => new(EditStatus.Invalid, [], Errors: errors);

    public static EditResult Refused(FieldError error) => new(EditStatus.Invalid, [], Errors: [error], Immutable: true);
}

/// <summary>Who makes an edit, and whether it is only a dry run.</summary>
public sealed record EditContext(string Actor, bool DryRun, long ExpectedVersion);
