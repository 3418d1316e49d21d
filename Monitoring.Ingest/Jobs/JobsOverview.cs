using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;

namespace Monitoring.Ingest.Jobs;

/// <summary>What operators see of the jobs, read from Hangfire's storage and monitoring API.</summary>
public sealed class JobsOverview(JobStorage storage, IRecurringJobManager manager)
{
    /// <summary>How many of the latest jobs in each state are searched for a recurring job's runs.</summary>
    private const int SearchDepth = 500;

    public IReadOnlyList<RecurringJobInfo> Recurring()
    {
        using var connection = storage.GetConnection();
        var monitoring = storage.GetMonitoringApi();
        return connection.GetRecurringJobs()
            .OrderBy(j => j.Id, StringComparer.Ordinal)
            .Select(j => new RecurringJobInfo(
                j.Id, j.Cron, j.TimeZoneId, j.NextExecution, j.LastExecution, j.LastJobId,
                j.LastJobId is null ? null : Describe(j.LastJobId, monitoring.JobDetails(j.LastJobId)),
                j.Error))
            .ToList();
    }

    public bool Exists(string recurringJobId)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([recurringJobId]).Any(j => !j.Removed);
    }

    /// <summary>Triggers a recurring job now; the id of the job enqueued.</summary>
    public string Trigger(string recurringJobId) =>
        ((IRecurringJobManagerV2)manager).TriggerJob(recurringJobId);

    /// <summary>A recurring job's runs, newest first, with state, duration and result or failure reason.</summary>
    public IReadOnlyList<JobRun> Runs(string recurringJobId, int limit)
    {
        using var connection = storage.GetConnection();
        var recurring = connection.GetRecurringJobs([recurringJobId]).FirstOrDefault(j => !j.Removed);
        if (recurring is null)
            return [];
        // Candidates: the latest jobs in each state that run the same method; their RecurringJobId parameter decides.
        var monitoring = storage.GetMonitoringApi();
        var candidates = monitoring.ProcessingJobs(0, SearchDepth).Select(j => (j.Key, j.Value?.Job))
            .Concat(monitoring.SucceededJobs(0, SearchDepth).Select(j => (j.Key, j.Value?.Job)))
            .Concat(monitoring.FailedJobs(0, SearchDepth).Select(j => (j.Key, j.Value?.Job)))
            .Concat(monitoring.ScheduledJobs(0, SearchDepth).Select(j => (j.Key, j.Value?.Job)))
            .Concat(monitoring.Queues().SelectMany(q => monitoring.EnqueuedJobs(q.Name, 0, SearchDepth)).Select(j => (j.Key, j.Value?.Job)))
            .Where(j => recurring.Job is null || j.Job is null || (j.Job.Type == recurring.Job.Type && j.Job.Method == recurring.Job.Method))
            .Select(j => j.Key)
            .Distinct()
            .ToList();
        var runs = new List<JobRun>();
        foreach (var id in candidates)
        {
            var parameter = connection.GetJobParameter(id, "RecurringJobId")?.Trim('"');
            if (!string.Equals(parameter, recurringJobId, StringComparison.OrdinalIgnoreCase))
                continue;
            if (Describe(id, monitoring.JobDetails(id)) is { } run)
                runs.Add(run);
        }
        return runs.OrderByDescending(r => r.CreatedAt).Take(limit).ToList();
    }

    /// <summary>One job's run from its state history (newest state first).</summary>
    public static JobRun? Describe(string jobId, JobDetailsDto? details)
    {
        if (details is null)
            return null;
        var history = details.History ?? [];
        var current = history.FirstOrDefault();
        var processing = history.Where(h => h.StateName == ProcessingState.StateName).ToList();
        var started = processing.FirstOrDefault()?.CreatedAt;
        DateTime? finished = current is not null && (current.StateName == SucceededState.StateName
            || current.StateName == FailedState.StateName || current.StateName == DeletedState.StateName)
            ? current.CreatedAt
            : null;
        double? durationMs = null;
        string? result = null;
        string? reason = null;
        if (current?.StateName == SucceededState.StateName)
        {
            if (Value(current, "PerformanceDuration") is { } ms && double.TryParse(ms, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
                durationMs = parsed;
            result = Value(current, "Result")?.Trim('"');
        }
        else if (started is not null && finished is not null)
        {
            durationMs = (finished.Value - started.Value).TotalMilliseconds;
        }
        // The latest failure: the failed state itself, or the failure a scheduled retry names.
        var failure = history.FirstOrDefault(h => h.StateName == FailedState.StateName);
        if (current?.StateName != SucceededState.StateName && failure is not null)
            reason = $"{Value(failure, "ExceptionType")}: {Value(failure, "ExceptionMessage")}";
        else if (current?.StateName == ScheduledState.StateName && current.Reason is { Length: > 0 })
            reason = current.Reason;
        return new JobRun(
            jobId,
            current?.StateName ?? "Unknown",
            details.CreatedAt is { } created ? ToUtc(created) : null,
            started is { } s ? ToUtc(s) : null,
            finished is { } f ? ToUtc(f) : null,
            durationMs,
            processing.Count,
            processing.FirstOrDefault() is { } p ? Value(p, "ServerId") : null,
            result,
            reason);
    }

    private static string? Value(StateHistoryDto state, string key) =>
        state.Data is not null && state.Data.TryGetValue(key, out var value) ? value : null;

    private static DateTimeOffset ToUtc(DateTime value) =>
        new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}

public sealed record RecurringJobInfo(
    string Id, string Cron, string? TimeZone, DateTime? NextRun, DateTime? LastRun, string? LastJobId, JobRun? LastOutcome,
    string? Error);

/// <summary>One run of a job. <see cref="Attempts"/> counts the times a server started it (retries and hand-overs included).</summary>
public sealed record JobRun(
    string JobId, string State, DateTimeOffset? CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, double? DurationMs,
    int Attempts, string? Server, string? Result, string? FailureReason);
