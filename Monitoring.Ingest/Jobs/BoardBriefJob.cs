using System.Globalization;
using Hangfire;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;

namespace Monitoring.Ingest.Jobs;

/// <summary>Generates and stores a plan's one-page board brief (PDF), on the plan's own schedule before board meetings.</summary>
public sealed class BoardBriefJob(BoardBriefService brief, BoardBriefStore briefs, JobClock clock)
{
    public const string Kind = "brief";

    [AutomaticRetry(Attempts = 2)]
    public async Task<string> RunAsync(string planSlug, CancellationToken cancellationToken)
    {
        var pdf = await brief.RenderAsync(planSlug, asOf: null, cancellationToken) ?? throw new PlanNotFoundException(planSlug);
        var fileName = string.Create(CultureInfo.InvariantCulture, $"brief-{planSlug}-{clock.Today:yyyy-MM-dd}.pdf");
        var id = await briefs.AddAsync(planSlug, "application/pdf", fileName, pdf, cancellationToken);
        return $"brief {id} for {planSlug}";
    }
}
