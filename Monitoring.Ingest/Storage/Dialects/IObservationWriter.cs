using System.Data.Common;
using Monitoring.Core.Model;
using Monitoring.Ingest.Import;

namespace Monitoring.Ingest.Storage.Dialects;

/// <summary>
/// The provider-specific half of committing a batch: the bulk paths differ (prepared statements
/// on SQLite, binary COPY on PostgreSQL); the rules do not.
/// </summary>
public interface IObservationWriter
{
    /// <summary>Marks the given versions as no longer current.</summary>
    Task RetireAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<long> ids);

    /// <summary>Inserts new current versions for the batch, reporting the count written as it goes.</summary>
    Task InsertAsync(
        DbConnection connection, DbTransaction transaction, long batchId,
        IReadOnlyCollection<(IncomingObservation Row, ObservationFlags Flags)> observations, Action<int>? progress);
}
