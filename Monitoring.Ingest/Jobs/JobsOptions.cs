namespace Monitoring.Ingest.Jobs;

/// <summary>Bound from <c>Monitoring:Jobs</c>; the same keys in the API and in the worker.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Monitoring:Jobs";

    /// <summary>Whether this process runs a Hangfire server (the API by default; the worker always).</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>
    /// Whether this process applies <see cref="Recurring"/> to the job storage at start, removing the
    /// recurring jobs it does not know. One owner (the API, by its appsettings.json; not the worker)
    /// keeps the shared schedule from depending on which process started last.
    /// </summary>
    public bool ManageSchedule { get; set; } = true;

    /// <summary>Jobs this process runs at once.</summary>
    public int WorkerCount { get; set; } = 4;

    /// <summary>The Hangfire server's name (shown in the dashboard and in each run); the machine name when empty.</summary>
    public string? ServerName { get; set; }

    /// <summary>The PostgreSQL schema holding Hangfire's tables, in the service's own database.</summary>
    public string Schema { get; set; } = "hangfire";

    /// <summary>How long a job fetched by a server that then vanished stays invisible before another server takes it.</summary>
    public TimeSpan InvisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often an idle server asks PostgreSQL for new jobs.</summary>
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a server looks for due recurring and delayed jobs.</summary>
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>After how long a distributed lock left by a dead server is released (PostgreSQL).</summary>
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Uploads larger than this are imported by a background job (202 Accepted).</summary>
    public long BackgroundUploadBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Where background uploads wait for their job.</summary>
    public string UploadFolder { get; set; } = "data/uploads";

    /// <summary>How long an ended background upload (its record, report and any file) is kept before the upload-cleanup job removes it.</summary>
    public TimeSpan UploadRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The time zone of every cron expression.</summary>
    public string TimeZone { get; set; } = "Europe/Copenhagen";

    public InboxSettings Inbox { get; set; } = new();

    public PullSettings Pull { get; set; } = new();

    /// <summary>Recurring jobs by id: <c>Monitoring:Jobs:Recurring:&lt;id&gt;:Cron</c> and the job's own keys.</summary>
    public Dictionary<string, RecurringJobSettings> Recurring { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
