using Microsoft.Extensions.Options;

namespace Monitoring.Ingest.Jobs;

/// <summary>Today's date where the plans are (the jobs' time zone, Europe/Copenhagen by default).</summary>
public sealed class JobClock(TimeProvider clock, IOptions<JobsOptions> options)
{
    public TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZone).DateTime);
}
