using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Monitoring.Api.Http;
using Monitoring.Api.OData.Entities;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.OData.Controllers;

/// <summary><c>/odata/Goals</c>: goals and sub-goals of the plans the caller may see.</summary>
public sealed class GoalsController(PlanStore plans, IndicatorStore indicators, ScopeStore scopes) : ODataController
{
    [FeedQuery]
    public async Task<IQueryable<GoalEntity>> Get(CancellationToken cancellationToken) =>
        (await FeedCatalog.LoadAsync(plans, indicators, scopes, PlanVisibility.VisiblePlanSlugs(User), cancellationToken)).Goals.AsQueryable();

    [FeedQuery]
    public async Task<ActionResult<GoalEntity>> Get(long key, CancellationToken cancellationToken) =>
        (await FeedCatalog.LoadAsync(plans, indicators, scopes, PlanVisibility.VisiblePlanSlugs(User), cancellationToken)).Goals
            .FirstOrDefault(g => g.Id == key) is { } goal ? goal : NotFound();
}
