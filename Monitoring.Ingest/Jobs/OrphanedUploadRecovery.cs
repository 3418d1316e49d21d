using Hangfire;
using Microsoft.Extensions.Logging;
using Monitoring.Ingest.Data;

namespace Monitoring.Ingest.Jobs;

/// <summary>
/// At start, takes back the background uploads a killed process left behind. On the embedded
/// default, jobs live in this process's memory: an upload still queued or running when the
/// service starts has no job any more and would stay "running" for ever. Its import is one
/// transaction, so nothing of it was written: it is enqueued again when its file is still there,
/// and marked failed otherwise. With shared job storage (PostgreSQL) Hangfire itself hands a dead
/// server's job to another, and another process may be running the upload now: nothing is touched.
/// An upload whose import committed is marked committed in that same transaction, so it is never
/// taken for an orphan; only its file may be left, and that is removed here.
/// </summary>
public sealed class OrphanedUploadRecovery(
    UploadStore uploads, MonitoringDatabase database, IBackgroundJobClient jobs, ILogger<OrphanedUploadRecovery> logger)
{
    public async Task<int> RecoverAsync(CancellationToken cancellationToken = default)
    {
        if (HangfireStorageSetup.IsShared(database))
            return 0;
        // Killed after an import committed (its outcome is committed with it) but before its file went.
        foreach (var ended in await uploads.ListEndedWithFileAsync(cancellationToken))
        {
            File.Delete(ended.StoredPath);
            logger.LogInformation("Upload {Upload} ({File}) was {Status}; its leftover file is removed.", ended.Id, ended.FileName, ended.Status);
        }
        var orphans = await uploads.ListUnfinishedAsync(cancellationToken);
        foreach (var upload in orphans)
        {
            if (File.Exists(upload.StoredPath))
            {
                await uploads.RequeueAsync(upload.Id, cancellationToken);
                var jobId = jobs.Enqueue<UploadImportJob>(job => job.RunAsync(upload.Id, null, CancellationToken.None));
                logger.LogWarning("Upload {Upload} ({File}) was {Status} when the service stopped; imported again as job {Job}.",
                    upload.Id, upload.FileName, upload.Status, jobId);
            }
            else
            {
                await uploads.RecordErrorAsync(upload.Id,
                    "The service stopped while this upload waited or ran, and its file is gone; nothing was imported. Upload the file again.",
                    cancellationToken);
                logger.LogWarning("Upload {Upload} ({File}) was {Status} when the service stopped and its file is gone; marked failed.",
                    upload.Id, upload.FileName, upload.Status);
            }
        }
        return orphans.Count;
    }
}
