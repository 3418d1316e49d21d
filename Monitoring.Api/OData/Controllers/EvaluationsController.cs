using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Monitoring.Api.Http;
using Monitoring.Api.OData.Entities;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;

namespace Monitoring.Api.OData.Controllers;

/// <summary>
/// <c>/odata/Evaluations</c>: every target of the plans the caller may see, evaluated now, or as of
/// an earlier period with <c>?asOf=2021</c> (a custom query option, kept in every next link) to
/// reproduce the picture the board saw then.
/// </summary>
public sealed class EvaluationsController(
    PlanStore plans, IndicatorStore indicators, ScopeStore scopes, PlanEvaluationCache evaluations) : ODataController
{
    [FeedQuery]
    public async Task<ActionResult<IQueryable<EvaluationEntity>>> Get([FromQuery] string? asOf, CancellationToken cancellationToken)
    {
        if (!TryAsOf(asOf, out var period))
            return BadRequest($"asOf '{asOf}' is not a period (2021, 2021H1, 2021Q3 or 2021-05).");
        return Ok((await EvaluateAsync(period, cancellationToken)).AsQueryable());
    }

    [FeedQuery]
    public async Task<ActionResult<EvaluationEntity>> Get(long key, [FromQuery] string? asOf, CancellationToken cancellationToken)
    {
        if (!TryAsOf(asOf, out var period))
            return BadRequest($"asOf '{asOf}' is not a period (2021, 2021H1, 2021Q3 or 2021-05).");
        return (await EvaluateAsync(period, cancellationToken)).FirstOrDefault(e => e.TargetId == key) is { } found ? found : NotFound();
    }

    private static bool TryAsOf(string? text, out Period? period)
    {
        period = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (!Period.TryParse(text.Trim(), out var parsed))
            return false;
        period = parsed;
        return true;
    }

    private async Task<List<EvaluationEntity>> EvaluateAsync(Period? asOf, CancellationToken cancellationToken)
    {
        var catalog = await FeedCatalog.LoadAsync(plans, indicators, scopes, PlanVisibility.VisiblePlanSlugs(User), cancellationToken);
        var targets = catalog.Targets.ToDictionary(t => t.Id);
        var result = new List<EvaluationEntity>();
        foreach (var plan in catalog.Plans)
        {
            var version = await evaluations.VersionAsync(cancellationToken);
            if (await evaluations.EvaluatePlanAsync(plan.Slug, asOf, version, cancellationToken) is not { } evaluation)
                continue;
            foreach (var goal in evaluation.Goals.SelectMany(g => g.SubGoals.Prepend(g)))
            {
                foreach (var target in goal.Targets)
                    result.Add(ToEntity(plan.Slug, goal.Goal, target, asOf, targets.GetValueOrDefault(target.TargetId)));
            }
        }
        return result;
    }

    private static EvaluationEntity ToEntity(string planSlug, Goal goal, TargetEvaluation e, Period? asOf, TargetEntity? target) => new()
    {
        TargetId = e.TargetId,
        GoalId = e.GoalId,
        PlanSlug = planSlug,
        GoalKey = goal.Key,
        IndicatorCode = e.IndicatorCode,
        AreaCode = e.ScopeCode,
        Subgroup = e.Subgroup,
        AsOf = asOf?.ToString(),
        Status = EnumText.ToText(e.Status),
        StatusDa = TargetStatusText.Danish(e.Status),
        Uncertain = e.Uncertain,
        BaselinePeriod = e.Baseline?.Period.ToString(),
        BaselineValue = e.Baseline?.Value,
        LatestPeriod = e.Latest?.Period.ToString(),
        LatestValue = e.Latest?.Value,
        TargetPeriod = e.Target?.Period.ToString(),
        TargetValue = e.Target?.Value,
        Progress = e.Progress,
        ExpectedProgress = e.ExpectedProgress,
        Projection = e.ProjectionAtTarget,
        ExplanationDa = e.ExplanationDa,
        Target = target,
    };
}
