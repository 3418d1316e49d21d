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
    /// Called once after the last row of a file that is clean so far: every row that repeats an
    /// earlier row's key. The batch finds them because it knows keys as integers (and, on
    /// PostgreSQL, holds the rows in the database), so the client keeps no key per row.
    /// </summary>
    Task<IReadOnlyList<RowError>> DuplicatesAsync(CancellationToken cancellationToken);

    /// <summary>Called once, after the last row: how many rows are new, changed and unchanged.</summary>
    Task<ChangeCounts> CompareAsync(CancellationToken cancellationToken);

    /// <summary>Called after <see cref="CompareAsync"/>: writes the changes as the batch this was begun for.</summary>
    Task CommitAsync(Action<int>? progress, CancellationToken cancellationToken);
}

public readonly record struct ChangeCounts(int Created, int Changed, int Unchanged);
