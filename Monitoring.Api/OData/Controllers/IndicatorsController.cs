using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Monitoring.Api.Http;
using Monitoring.Api.OData.Entities;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.OData.Controllers;

/// <summary>
/// <c>/odata/Indicators</c>: every indicator, or for a caller scoped to plans the indicators its plans'
/// targets use, as <c>/api/v1/indicators</c> answers; another indicator is not found, as there.
/// </summary>
public sealed class IndicatorsController(IndicatorStore indicators, PlanScopeLookup lookup) : ODataController
{
    [FeedQuery]
    public async Task<IQueryable<IndicatorEntity>> Get(CancellationToken cancellationToken)
    {
        var reachable = await ReachableAsync(cancellationToken);
        return (await indicators.ListAsync(cancellationToken)).Where(i => reachable?.Contains(i.Code) != false).Select(FeedCatalog.ToEntity).AsQueryable();
    }

    [FeedQuery]
    public async Task<ActionResult<IndicatorEntity>> Get(string key, CancellationToken cancellationToken) =>
        (await ReachableAsync(cancellationToken))?.Contains(key) != false && await indicators.FindAsync(key, cancellationToken) is { } indicator
            ? FeedCatalog.ToEntity(indicator)
            : NotFound();

    private async Task<IReadOnlySet<string>?> ReachableAsync(CancellationToken cancellationToken) =>
        PlanVisibility.VisiblePlanSlugs(User) is { } plans ? await lookup.IndicatorsOfAsync(plans, cancellationToken) : null;
}
