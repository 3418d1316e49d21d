using System.Collections.Concurrent;
using System.Globalization;
using Dapper;
using Monitoring.Ingest.Import.Formats;

namespace Monitoring.Ingest.Data;

/// <summary>Uploads imported in the background: the saved file, its status and progress, and the outcome.</summary>
public sealed class UploadStore(MonitoringDatabase database, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, (string Stage, int Done, int Total)> _liveProgress = new();

    private const string Select =
        """
        SELECT id AS Id, file_name AS FileName, stored_path AS StoredPath, size_bytes AS SizeBytes, status AS Status,
               stage AS Stage, rows_done AS RowsDone, rows_total AS RowsTotal, batch_id AS BatchId,
               report_json AS ReportJson, error AS Error, job_id AS JobId, requested_by AS RequestedBy,
               created_at AS CreatedAt, updated_at AS UpdatedAt, encoding AS Encoding, layout AS Layout, sheet AS Sheet
        FROM uploads
        """;

    public async Task CreateAsync(string id, string fileName, string storedPath, long sizeBytes, string requestedBy,
        ImportOptions options, CancellationToken cancellationToken = default)
    {
        var now = Now();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO uploads (id, file_name, stored_path, size_bytes, status, requested_by, created_at, updated_at, encoding, layout, sheet)
            VALUES (@id, @fileName, @storedPath, @sizeBytes, 'queued', @requestedBy, @now, @now, @encoding, @layout, @sheet)
            """,
            new { id, fileName, storedPath, sizeBytes, requestedBy, now, encoding = options.Encoding, layout = options.Layout, sheet = options.Sheet }, cancellationToken: cancellationToken));
    }

    public async Task<Upload?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UploadRow>(new CommandDefinition(
            Select + " WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        var upload = row?.ToUpload();
        if (upload is null || !_liveProgress.TryGetValue(id, out var live))
            return upload;
        if (upload.Status != UploadStatus.Running)
        {
            _liveProgress.TryRemove(id, out _);
            return upload with { Stage = upload.Stage ?? live.Stage, RowsDone = Math.Max(upload.RowsDone, live.Done), RowsTotal = Math.Max(upload.RowsTotal, live.Total) };
        }
        return upload with { Stage = live.Stage, RowsDone = live.Done, RowsTotal = live.Total };
    }

    public Task MarkRunningAsync(string id, string? jobId, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE uploads SET status = 'running', job_id = COALESCE(@jobId, job_id), error = NULL, updated_at = @now WHERE id = @id",
            new { id, jobId, now = Now() }, cancellationToken);

    /// <summary>
    /// Rows handled so far. On SQLite the import holds the only write lock while it runs, so progress
    /// written to the table would wait for the import's end; there the job runs in this process, and
    /// progress is kept here instead. On PostgreSQL it is written, for every process to read.
    /// </summary>
    public Task ReportProgressAsync(string id, string stage, int done, int total, CancellationToken cancellationToken = default)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            _liveProgress[id] = (stage, done, total);
            return Task.CompletedTask;
        }
        return ExecuteAsync(
            "UPDATE uploads SET stage = @stage, rows_done = @done, rows_total = @total, updated_at = @now WHERE id = @id",
            new { id, stage, done, total, now = Now() }, cancellationToken);
    }

    private const string Finish =
        """
        UPDATE uploads SET status = @status, batch_id = @batchId, report_json = @reportJson, error = NULL, updated_at = @now,
                           rows_done = @rowsRead, rows_total = @rowsRead
        WHERE id = @id
        """;

    /// <summary>The final outcome: committed (with the batch) or rejected (with the report), and the rows read.</summary>
    public async Task FinishAsync(string id, string status, long? batchId, string reportJson, int rowsRead, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync(Finish, new { id, status, batchId, reportJson, rowsRead, now = Now() }, cancellationToken);
        _liveProgress.TryRemove(id, out _);
    }

    /// <summary>
    /// The outcome written inside the import's own transaction, so a process killed between the
    /// import's commit and a later status write cannot leave a committed upload "running" (and
    /// imported again after a restart).
    /// </summary>
    public static Task FinishWithinAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        string id, string status, long? batchId, string reportJson, int rowsRead, DateTimeOffset now) =>
        connection.ExecuteAsync(Finish, new { id, status, batchId, reportJson, rowsRead, now = Stamp(now) }, transaction);

    /// <summary>A failed attempt; Hangfire may retry, and the next attempt sets the status back to running.</summary>
    public async Task RecordErrorAsync(string id, string error, CancellationToken cancellationToken = default)
    {
        _liveProgress.TryRemove(id, out _);
        await ExecuteAsync("UPDATE uploads SET status = 'failed', error = @error, updated_at = @now WHERE id = @id",
            new { id, error, now = Now() }, cancellationToken);
    }

    /// <summary>Back to queued, progress and error cleared: the upload's import starts again from its file.</summary>
    public Task RequeueAsync(string id, CancellationToken cancellationToken = default) =>
        ExecuteAsync(
            "UPDATE uploads SET status = 'queued', stage = NULL, rows_done = 0, error = NULL, updated_at = @now WHERE id = @id",
            new { id, now = Now() }, cancellationToken);

    /// <summary>Uploads that ended (committed, rejected or failed) and were last touched before <paramref name="before"/>.</summary>
    public async Task<IReadOnlyList<Upload>> ListEndedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UploadRow>(new CommandDefinition(
            Select + " WHERE status IN ('committed', 'rejected', 'failed') AND updated_at < @before ORDER BY updated_at",
            new { before = Stamp(before) }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToUpload()).ToList();
    }

    /// <summary>Uploads that ended (committed or rejected) but whose file is still in the upload folder.</summary>
    public async Task<IReadOnlyList<Upload>> ListEndedWithFileAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UploadRow>(new CommandDefinition(
            Select + " WHERE status IN ('committed', 'rejected') ORDER BY created_at", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToUpload()).Where(u => File.Exists(u.StoredPath)).ToList();
    }

    /// <summary>Uploads not yet ended: queued or running.</summary>
    public async Task<IReadOnlyList<Upload>> ListUnfinishedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<UploadRow>(new CommandDefinition(
            Select + " WHERE status IN ('queued', 'running') ORDER BY created_at", cancellationToken: cancellationToken));
        return rows.Select(r => r.ToUpload()).ToList();
    }

    /// <summary>Forgets an upload: its row and report (its file is the caller's to remove).</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM uploads WHERE id = @id", new { id }, cancellationToken);

    private async Task ExecuteAsync(string sql, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    private string Now() => Stamp(clock.GetUtcNow());

    // One format for every stamp (UTC, round-trip), so stamps compare as text in both databases.
    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private sealed class UploadRow
    {
        public string Id { get; set; } = "";
        public string FileName { get; set; } = "";
        public string StoredPath { get; set; } = "";
        public long SizeBytes { get; set; }
        public string Status { get; set; } = "";
        public string? Stage { get; set; }
        public int RowsDone { get; set; }
        public int RowsTotal { get; set; }
        public long? BatchId { get; set; }
        public string? ReportJson { get; set; }
        public string? Error { get; set; }
        public string? JobId { get; set; }
        public string RequestedBy { get; set; } = "";
        public string CreatedAt { get; set; } = "";
        public string UpdatedAt { get; set; } = "";
        public string? Encoding { get; set; }
        public string? Layout { get; set; }
        public string? Sheet { get; set; }

        public Upload ToUpload() => new(Id, FileName, StoredPath, SizeBytes, Status, Stage, RowsDone, RowsTotal, BatchId,
            ReportJson, Error, JobId, RequestedBy,
            DateTimeOffset.Parse(CreatedAt, CultureInfo.InvariantCulture), DateTimeOffset.Parse(UpdatedAt, CultureInfo.InvariantCulture),
            new ImportOptions(Encoding, Layout, Sheet));
    }
}

/// <summary>One background upload as stored.</summary>
public sealed record Upload(
    string Id, string FileName, string StoredPath, long SizeBytes, string Status, string? Stage, int RowsDone, int RowsTotal,
    long? BatchId, string? ReportJson, string? Error, string? JobId, string RequestedBy, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, ImportOptions Options)
{
    public bool IsFinished => Status is UploadStatus.Committed or UploadStatus.Rejected;
}

public static class UploadStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Committed = "committed";
    public const string Rejected = "rejected";
    public const string Failed = "failed";
}
