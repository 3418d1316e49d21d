namespace Monitoring.Ingest.Jobs;

/// <summary>One recurring job from configuration: <c>Monitoring:Jobs:Recurring:&lt;id&gt;</c>.</summary>
public sealed class RecurringJobSettings
{
    /// <summary>Cron expression (5 fields, or 6 with seconds), in <see cref="JobsOptions.TimeZone"/>.</summary>
    public string? Cron { get; set; }

    /// <summary><c>inbox</c>, <c>pull</c>, <c>snapshot</c> or <c>brief</c>; the id when it is one of these.</summary>
    public string? Job { get; set; }

    /// <summary>Inbox: the folder watched.</summary>
    public string? Folder { get; set; }

    /// <summary>Pull: the URL fetched.</summary>
    public string? Url { get; set; }

    /// <summary>Brief: the plan's slug.</summary>
    public string? Plan { get; set; }
}
