using System.Text.Json;
using Hangfire;
using Hangfire.Server;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Ingest.Jobs;

/// <summary>
/// Imports an upload saved by the API, reporting rows processed as it goes. A delivery of a job
/// whose upload already finished does nothing, so a retried or re-delivered job never imports twice.
/// </summary>
public sealed class UploadImportJob(UploadStore uploads, ObservationImporter importer)
{
    [AutomaticRetry(Attempts = 3)]
    public Task<string> RunAsync(string uploadId, CancellationToken cancellationToken) => RunAsync(uploadId, null, cancellationToken);

    /// <summary>
    /// The job notes its own id when it starts: whoever enqueued it writes nothing after enqueueing,
    /// since on SQLite the import may already hold the only write lock by then.
    /// </summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task<string> RunAsync(string uploadId, PerformContext? context, CancellationToken cancellationToken)
    {
        var upload = await uploads.FindAsync(uploadId, cancellationToken)
            ?? throw new InvalidOperationException($"Upload {uploadId} does not exist.");
        if (upload.IsFinished)
            return $"already {upload.Status}";
        await uploads.MarkRunningAsync(uploadId, context?.BackgroundJob.Id, cancellationToken);
        try
        {
            var progress = new StoreProgress(uploads, uploadId);
            var report = await importer.ImportAsync(
                ImportRequest.FromFile(upload.StoredPath, "upload", upload.RequestedBy, dryRun: false) with { FileName = upload.FileName, Options = upload.Options, UploadId = uploadId }, progress, cancellationToken);
            await progress.FlushAsync();
            var status = report.Status == ImportStatus.Rejected ? UploadStatus.Rejected : UploadStatus.Committed;
            await uploads.FinishAsync(uploadId, status, report.BatchId, JsonSerializer.Serialize(report, MetadataJson.Options), report.RowsRead,
                cancellationToken);
            File.Delete(upload.StoredPath);
            return $"{status}: batch {report.BatchId}, {report.RowsRead} rows";
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await uploads.RecordErrorAsync(uploadId, ex.Message, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Writes the importer's progress reports to the upload, one at a time and in order. Progress
    /// is best effort: a report that cannot be written (e.g. SQLite busy) does not fail the import.
    /// </summary>
    private sealed class StoreProgress(UploadStore uploads, string uploadId) : IProgress<ImportProgress>
    {
        private readonly Lock _gate = new();
        private Task _writing = Task.CompletedTask;

        public void Report(ImportProgress value)
        {
            lock (_gate)
                _writing = _writing.ContinueWith(_ => WriteAsync(value), TaskScheduler.Default).Unwrap();
        }

        private async Task WriteAsync(ImportProgress value)
        {
            try
            {
                await uploads.ReportProgressAsync(uploadId, value.Stage, value.Done, value.Total);
            }
            catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException)
            {
                // The final status is written after the import; a lost progress report only delays the count.
            }
        }

        public Task FlushAsync()
        {
            lock (_gate)
                return _writing;
        }
    }
}
