using System.Data.Common;
using Dapper;
using Monitoring.Core.Model;

namespace Monitoring.Ingest.Data;

/// <summary>The journal of committed imports.</summary>
public sealed class ImportBatchStore(MonitoringDatabase database)
{
    private const string SelectBatches =
        """
        SELECT id AS Id, source AS Source, file_name AS FileName, content_hash AS ContentHash, format AS Format,
               rows_read AS RowsRead, rows_accepted AS RowsAccepted, rows_rejected AS RowsRejected,
               created_count AS Created, changed_count AS Changed, unchanged_count AS Unchanged,
               status AS Status, created_by AS CreatedBy, created_at AS CreatedAt,
               withdrawn_count AS Withdrawn, skipped_count AS Skipped, reverts_batch_id AS RevertsBatchId, reason AS Reason,
               (SELECT r.id FROM import_batches r WHERE r.reverts_batch_id = import_batches.id) AS RevertedByBatchId
        FROM import_batches
        """;

    public async Task<IReadOnlyList<ImportBatch>> ListAsync(int limit, long? beforeId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<BatchRow>(new CommandDefinition(
            SelectBatches + " WHERE (@beforeId IS NULL OR id < @beforeId) ORDER BY id DESC LIMIT @limit",
            new { limit, beforeId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToBatch()).ToList();
    }

    public async Task<ImportBatch?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<BatchRow>(new CommandDefinition(
            SelectBatches + " WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToBatch();
    }

    /// <summary>
    /// The batch that already brought this content, if it still stands: a file whose batch was
    /// reverted may be imported again (that is how an analyst redoes an import undone by mistake).
    /// </summary>
    public static Task<long?> FindByHashAsync(DbConnection connection, DbTransaction transaction, string contentHash) =>
        connection.ExecuteScalarAsync<long?>(
            """
            SELECT MIN(id) FROM import_batches b
            WHERE content_hash = @contentHash AND status = 'committed'
              AND NOT EXISTS (SELECT 1 FROM import_batches r WHERE r.reverts_batch_id = b.id)
            """,
            new { contentHash }, transaction);

    public static Task<long> InsertAsync(DbConnection connection, DbTransaction transaction, ImportBatch batch) =>
        connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO import_batches (source, file_name, content_hash, format, rows_read, rows_accepted, rows_rejected,
                                        created_count, changed_count, unchanged_count, status, created_by, created_at,
                                        withdrawn_count, skipped_count, reverts_batch_id, reason)
            VALUES (@Source, @FileName, @ContentHash, @Format, @RowsRead, @RowsAccepted, @RowsRejected,
                    @Created, @Changed, @Unchanged, @Status, @CreatedBy, @CreatedAt,
                    @Withdrawn, @Skipped, @RevertsBatchId, @Reason)
            RETURNING id
            """,
            new
            {
                batch.Source, batch.FileName, batch.ContentHash, batch.Format, batch.RowsRead, batch.RowsAccepted,
                batch.RowsRejected, batch.Created, batch.Changed, batch.Unchanged,
                Status = EnumText.ToText(batch.Status), batch.CreatedBy, CreatedAt = batch.CreatedAt.ToString("O"),
                batch.Withdrawn, batch.Skipped, batch.RevertsBatchId, batch.Reason,
            },
            transaction);

    /// <summary>Fills in the batch row reserved at the start of its import, once the counts are known.</summary>
    public static Task CompleteAsync(DbConnection connection, DbTransaction transaction, ImportBatch batch) =>
        connection.ExecuteAsync(
            """
            UPDATE import_batches
            SET content_hash = @ContentHash, format = @Format, rows_read = @RowsRead, rows_accepted = @RowsAccepted,
                rows_rejected = @RowsRejected, created_count = @Created, changed_count = @Changed,
                unchanged_count = @Unchanged, status = @Status, withdrawn_count = @Withdrawn, skipped_count = @Skipped
            WHERE id = @Id
            """,
            new
            {
                batch.Id, batch.ContentHash, batch.Format, batch.RowsRead, batch.RowsAccepted, batch.RowsRejected,
                batch.Created, batch.Changed, batch.Unchanged, Status = EnumText.ToText(batch.Status),
                batch.Withdrawn, batch.Skipped,
            },
            transaction);

    private sealed class BatchRow
    {
        public long Id { get; set; }
        public string Source { get; set; } = "";
        public string FileName { get; set; } = "";
        public string ContentHash { get; set; } = "";
        public string Format { get; set; } = "";
        public int RowsRead { get; set; }
        public int RowsAccepted { get; set; }
        public int RowsRejected { get; set; }
        public int Created { get; set; }
        public int Changed { get; set; }
        public int Unchanged { get; set; }
        public string Status { get; set; } = "";
        public string CreatedBy { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public int Withdrawn { get; set; }
        public int Skipped { get; set; }
        public long? RevertsBatchId { get; set; }
        public long? RevertedByBatchId { get; set; }
        public string? Reason { get; set; }

        public ImportBatch ToBatch() => new(
            Id, Source, FileName, ContentHash, Format, RowsRead, RowsAccepted, RowsRejected, Created, Changed, Unchanged,
            EnumText.Parse<ImportStatus>(Status), CreatedBy, DateTimeOffset.Parse(CreatedAt, System.Globalization.CultureInfo.InvariantCulture),
            Withdrawn, Skipped, RevertsBatchId, RevertedByBatchId, Reason);
    }
}
