using System.Text;
using Hangfire;
using Monitoring.Ingest.Storage;

namespace Monitoring.Ingest.Jobs;

/// <summary>
/// Generates and stores a plan's board brief. Until the one-page PDF exists the brief is the
/// plan's status document (JSON).
/// </summary>
public sealed class BoardBriefJob(IPlanSnapshotSource source, BoardBriefStore briefs, JobClock clock)
{
    public const string Kind = "brief";

    [AutomaticRetry(Attempts = 2)]
    public async Task<string> RunAsync(string planSlug, CancellationToken cancellationToken)
    {
        var json = await source.SnapshotJsonAsync(planSlug, cancellationToken);
        var fileName = $"brief-{planSlug}-{clock.Today:yyyy-MM-dd}.json";
        var id = await briefs.AddAsync(planSlug, "application/json", fileName, Encoding.UTF8.GetBytes(json), cancellationToken);
        return $"brief {id} for {planSlug}";
    }
}
