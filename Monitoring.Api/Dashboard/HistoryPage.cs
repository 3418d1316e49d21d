using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Api.Dashboard.Views;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Dashboard;

/// <summary>The plan's framework history page (<see cref="HistoryView"/>).</summary>
public static class HistoryPage
{
    public static async Task<IResult> RenderAsync(
        string slug, PlanStore plans, FrameworkHistoryStore history, IndicatorStore indicators, ScopeStore scopes, DimensionStore dimensions,
        CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan || await history.ForPlanAsync(slug, cancellationToken) is not { } entries)
            return Results.NotFound();
        var words = await BoardWords.LoadAsync(indicators, scopes, dimensions, cancellationToken);
        return new RazorComponentResult<HistoryView>(new { Plan = plan, Entries = entries, Words = words });
    }
}
