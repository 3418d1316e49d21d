using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Monitoring.Api.Http;
using Monitoring.Api.OData.Entities;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.OData.Controllers;

/// <summary><c>/odata/Plans</c>: the plans the caller may see.</summary>
public sealed class PlansController(PlanStore plans, IndicatorStore indicators, ScopeStore scopes) : ODataController
{
    [FeedQuery]
    public async Task<IQueryable<PlanEntity>> Get(CancellationToken cancellationToken) =>
        (await FeedCatalog.LoadAsync(plans, indicators, scopes, PlanVisibility.VisiblePlanSlugs(User), cancellationToken)).Plans.AsQueryable();

    [FeedQuery]
    public async Task<ActionResult<PlanEntity>> Get(long key, CancellationToken cancellationToken) =>
        (await FeedCatalog.LoadAsync(plans, indicators, scopes, PlanVisibility.VisiblePlanSlugs(User), cancellationToken)).Plans
            .FirstOrDefault(p => p.Id == key) is { } plan ? plan : NotFound();
}
