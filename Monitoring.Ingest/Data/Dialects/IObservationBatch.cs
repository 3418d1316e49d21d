using Monitoring.Core.Model;

namespace Monitoring.Ingest.Data.Dialects;

/// <summary>
/// The provider-specific half of committing a batch, inside the import's transaction: stage the
/// validated rows, compare them with the current versions, then move what changed to the history
/// and write the new versions. The bulk paths differ (row by row in place on SQLite, binary COPY and a
/// set-based merge on PostgreSQL); the rules do not.
/// </summary>
public interface IObservationBatch : IAsyncDisposable
{
    Task AddAsync(IncomingObservation row, CancellationToken cancellationToken);

    /// <summary>
    /// Whether this provider finds keys given twice in the file itself, from the staged rows, so the
    /// client need not remember every key of a large file.
    /// </summary>
    bool FindsDuplicates { get; }

    /// <summary>Called once after the last row when <see cref="FindsDuplicates"/>: every row that repeats an earlier row's key.</summary>
    Task<IReadOnlyList<RowError>> DuplicatesAsync(CancellationToken cancellationToken);

    /// <summary>Called once, after the last row: how many rows are new, changed and unchanged.</summary>
    Task<ChangeCounts> CompareAsync(CancellationToken cancellationToken);

    /// <summary>Called after <see cref="CompareAsync"/>: writes the changes as the batch this was begun for.</summary>
    Task CommitAsync(Action<int>? progress, CancellationToken cancellationToken);
}

public readonly record struct ChangeCounts(int Created, int Changed, int Unchanged);
