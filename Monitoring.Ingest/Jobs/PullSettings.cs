namespace Monitoring.Ingest.Jobs;

/// <summary>Bound from <c>Monitoring:Jobs:Pull</c>.</summary>
public sealed class PullSettings
{
    /// <summary>Retries of a failed fetch inside one run, with exponential backoff, before the run fails (and Hangfire retries it).</summary>
    public int RetryAttempts { get; set; } = 3;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);
}
