using System.Globalization;
using Hangfire;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;

namespace Monitoring.Ingest.Jobs;

/// <summary>Stores every plan's evaluation as the day's snapshot, so the picture of a past date can be shown later.</summary>
public sealed class EvaluationSnapshotJob(PlanStore plans, IPlanSnapshotSource source, PlanSnapshotStore snapshots, JobClock clock)
{
    public const string Kind = "snapshot";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 10 * 60)]
    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var all = await plans.ListAsync(cancellationToken);
        foreach (var plan in all)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var json = await source.SnapshotJsonAsync(plan.Slug, cancellationToken);
            await snapshots.SaveAsync(plan.Slug, today, json, cancellationToken);
        }
        return string.Create(CultureInfo.InvariantCulture, $"{all.Count} plans as of {today:yyyy-MM-dd}");
    }
}
