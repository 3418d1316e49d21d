using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Monitoring.Api.Http;
using Monitoring.Api.OData.Entities;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.OData.Controllers;

/// <summary><c>/odata/Targets</c>: targets of the plans the caller may see.</summary>
public sealed class TargetsController(PlanStore plans, IndicatorStore indicators, ScopeStore scopes) : ODataController
{
    [FeedQuery]
    public async Task<IQueryable<TargetEntity>> Get(CancellationToken cancellationToken) =>
        (await FeedCatalog.LoadAsync(plans, indicators, scopes, PlanVisibility.VisiblePlanSlugs(User), cancellationToken)).Targets.AsQueryable();

    [FeedQuery]
    public async Task<ActionResult<TargetEntity>> Get(long key, CancellationToken cancellationToken) =>
        (await FeedCatalog.LoadAsync(plans, indicators, scopes, PlanVisibility.VisiblePlanSlugs(User), cancellationToken)).Targets
            .FirstOrDefault(t => t.Id == key) is { } target ? target : NotFound();
}
