using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monitoring.Ingest.Jobs;

/// <summary>
/// Makes Hangfire's recurring jobs what configuration says: each configured job is added or
/// updated with its cron (in the jobs' time zone), and every recurring job Hangfire knows that is
/// no longer configured is removed.
/// </summary>
public sealed class RecurringJobsSync(
    JobStorage storage, IRecurringJobManager manager, IOptions<JobsOptions> options, ILogger<RecurringJobsSync> logger)
{
    public RecurringJobsResult Apply()
    {
        var settings = options.Value;
        var timeZone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone);
        var configured = new List<string>();
        foreach (var (id, job) in settings.Recurring.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(job.Cron))
                continue; // Taken out of configuration by clearing its cron.
            manager.AddOrUpdate(id, ToHangfireJob(id, job), job.Cron, new RecurringJobOptions { TimeZone = timeZone });
            configured.Add(id);
        }

        using var connection = storage.GetConnection();
        var removed = new List<string>();
        foreach (var existing in connection.GetRecurringJobs())
        {
            if (configured.Contains(existing.Id, StringComparer.OrdinalIgnoreCase))
                continue;
            manager.RemoveIfExists(existing.Id);
            removed.Add(existing.Id);
        }
        logger.LogInformation("Recurring jobs: {Configured}; removed: {Removed}",
            configured.Count == 0 ? "none" : string.Join(", ", configured), removed.Count == 0 ? "none" : string.Join(", ", removed));
        return new RecurringJobsResult(configured, removed);
    }

    /// <summary>The Hangfire job for a configured recurring job: which class runs, with ids and paths as arguments.</summary>
    public static Job ToHangfireJob(string id, RecurringJobSettings job)
    {
        var kind = (job.Job ?? id).Trim().ToLowerInvariant();
        return kind switch
        {
            InboxJob.Kind => Job.FromExpression<InboxJob>(j => j.RunAsync(
                Required(id, "Folder", job.Folder), CancellationToken.None)),
            ScheduledPullJob.Kind => Job.FromExpression<ScheduledPullJob>(j => j.RunAsync(
                id, Required(id, "Url", job.Url), CancellationToken.None)),
            EvaluationSnapshotJob.Kind => Job.FromExpression<EvaluationSnapshotJob>(j => j.RunAsync(CancellationToken.None)),
            BoardBriefJob.Kind => Job.FromExpression<BoardBriefJob>(j => j.RunAsync(
                Required(id, "Plan", job.Plan), CancellationToken.None)),
            UploadCleanupJob.Kind => Job.FromExpression<UploadCleanupJob>(j => j.RunAsync(CancellationToken.None)),
            _ => throw new InvalidOperationException(
                $"Monitoring:Jobs:Recurring:{id}:Job is '{kind}'; use one of {InboxJob.Kind}, {ScheduledPullJob.Kind}, " +
                $"{EvaluationSnapshotJob.Kind}, {BoardBriefJob.Kind}, {UploadCleanupJob.Kind}."),
        };
    }

    private static string Required(string id, string key, string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new InvalidOperationException($"Monitoring:Jobs:Recurring:{id}:{key} is required for this job.")
            : value;
}

public sealed record RecurringJobsResult(IReadOnlyList<string> Configured, IReadOnlyList<string> Removed);

/// <summary>
/// Applies the recurring jobs from configuration when the host starts, in the one process that owns
/// the schedule (<c>Monitoring:Jobs:ManageSchedule</c>: the API by default, never the worker). Before,
/// every process applied its own configuration and removed what it did not know, so whichever started
/// last decided the schedule: a worker without the API's settings removed the API's jobs. Applying
/// is idempotent (Hangfire changes nothing for the same job, cron and time zone), so a second API with
/// the same configuration leaves the schedule, next runs included, as it was.
/// </summary>
public sealed class RecurringJobsStartup(RecurringJobsSync sync, IOptions<JobsOptions> options, ILogger<RecurringJobsStartup> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.ManageSchedule)
            sync.Apply();
        else
            logger.LogInformation("Recurring jobs are left as they are: Monitoring:Jobs:ManageSchedule is false in this process.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
