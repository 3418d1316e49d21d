using Cronos;
using Microsoft.Extensions.Options;

namespace Monitoring.Ingest.Jobs;

/// <summary>
/// Checks <c>Monitoring:Jobs</c> when a process starts, so a bad setting stops the API, the worker
/// or a command at once with the full key to fix, instead of failing a job at night or leaving it
/// unscheduled. Every process checks, not only the one that applies the schedule: they share it.
/// </summary>
public sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    private const string Key = JobsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, JobsOptions options)
    {
        var errors = new List<string>();
        if (options.WorkerCount < 1)
            errors.Add($"{Key}:WorkerCount must be at least 1 (it is {options.WorkerCount}).");
        if (string.IsNullOrWhiteSpace(options.Schema))
            errors.Add($"{Key}:Schema must name the PostgreSQL schema for Hangfire's tables.");
        Positive(errors, "InvisibilityTimeout", options.InvisibilityTimeout);
        Positive(errors, "QueuePollInterval", options.QueuePollInterval);
        Positive(errors, "SchedulePollingInterval", options.SchedulePollingInterval);
        Positive(errors, "DistributedLockTimeout", options.DistributedLockTimeout);
        if (options.BackgroundUploadBytes < 0)
            errors.Add($"{Key}:BackgroundUploadBytes must be 0 or more (it is {options.BackgroundUploadBytes}).");
        if (string.IsNullOrWhiteSpace(options.UploadFolder))
            errors.Add($"{Key}:UploadFolder must name a folder.");
        if (options.Inbox.SettleTime < TimeSpan.Zero)
            errors.Add($"{Key}:Inbox:SettleTime must not be negative (it is {options.Inbox.SettleTime}).");
        // The retry pipeline needs at least one attempt; a run that fails after them is retried by Hangfire.
        if (options.Pull.RetryAttempts < 1)
            errors.Add($"{Key}:Pull:RetryAttempts must be at least 1 (it is {options.Pull.RetryAttempts}).");
        if (options.Pull.RetryDelay < TimeSpan.Zero)
            errors.Add($"{Key}:Pull:RetryDelay must not be negative (it is {options.Pull.RetryDelay}).");
        Positive(errors, "Pull:Timeout", options.Pull.Timeout);

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone ?? "", out _))
            errors.Add($"{Key}:TimeZone '{options.TimeZone}' is not a time zone known here (e.g. Europe/Copenhagen).");
        errors.AddRange(ValidateRecurring(options.Recurring));

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<string> ValidateRecurring(Dictionary<string, RecurringJobSettings> recurring)
    {
        foreach (var (id, settings) in recurring.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(settings.Cron))
                continue; // Taken out of the schedule.
            if (CronError(settings.Cron) is { } cronError)
                yield return $"{Key}:Recurring:{id}:Cron '{settings.Cron}' is not a cron expression: {cronError}";
            // Making the job names the key at fault (Job, Folder, Url or Plan), as applying it would.
            string? jobError = null;
            try
            {
                RecurringJobsSync.ToHangfireJob(id, settings);
            }
            catch (InvalidOperationException e)
            {
                jobError = e.Message;
            }
            if (jobError is not null)
                yield return jobError;
        }
    }

    /// <summary>
    /// Parsed as Hangfire parses it (its parser is Cronos, kept internal): 5 fields, or 6 with seconds.
    /// </summary>
    private static string? CronError(string cron)
    {
        var fields = cron.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
            return $"use 5 fields, or 6 with seconds first (it has {fields}).";
        try
        {
            CronExpression.Parse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return null;
        }
        catch (CronFormatException e)
        {
            return e.Message;
        }
    }

    private static void Positive(List<string> errors, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
            errors.Add($"{Key}:{key} must be longer than zero (it is {value}).");
    }
}
