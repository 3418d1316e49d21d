using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Monitoring.Api.Dashboard.Views;
using Monitoring.Api.Endpoints;
using Monitoring.Core.Evaluation;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;

namespace Monitoring.Api.Dashboard;

/// <summary>The framework check (<c>/api/v1/plans/{slug}/checks</c>) as a Danish page, with the same limits.</summary>
public static class ChecksPage
{
    public static async Task<IResult> RenderAsync(
        string slug, PlanStore plans, PlanEvaluationReader reader, IOptions<CheckOptions> options, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan)
            return Results.NotFound();
        var limits = new FrameworkLimits(options.Value.MaxStrategicGoals, options.Value.MaxIndicatorsPerGoal);
        var warnings = await reader.CheckPlanAsync(slug, limits, cancellationToken) ?? [];
        var titles = (await plans.GoalsAsync(plan.Id, cancellationToken)).ToDictionary(g => g.Id, g => g.Title);
        return new RazorComponentResult<ChecksView>(new { Plan = plan, Warnings = warnings, GoalTitles = titles, Limits = limits });
    }
}
