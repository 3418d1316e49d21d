using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Monitoring.Api.Http;
using Monitoring.Api.OData.Entities;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.OData.Controllers;

/// <summary>
/// <c>/odata/Areas</c>: every area and benchmark population, or for a caller scoped to plans the areas
/// its plans reach (their own areas and the scopes their targets measure or compare with), as
/// <c>/api/v1/areas</c> answers; another area is not found, as there.
/// </summary>
public sealed class AreasController(ScopeStore scopes, PlanScopeLookup lookup) : ODataController
{
    [FeedQuery]
    public async Task<IQueryable<AreaEntity>> Get(CancellationToken cancellationToken)
    {
        var reachable = await ReachableAsync(cancellationToken);
        return (await scopes.ListAsync(cancellationToken)).Where(s => reachable?.Contains(s.Code) != false).Select(FeedCatalog.ToEntity).AsQueryable();
    }

    [FeedQuery]
    public async Task<ActionResult<AreaEntity>> Get(string key, CancellationToken cancellationToken) =>
        (await ReachableAsync(cancellationToken))?.Contains(key) != false && await scopes.FindAsync(key, cancellationToken) is { } area
            ? FeedCatalog.ToEntity(area)
            : NotFound();

    /// <summary>The codes a scoped caller may see, or null for every area.</summary>
    private async Task<IReadOnlySet<string>?> ReachableAsync(CancellationToken cancellationToken) =>
        PlanVisibility.VisiblePlanSlugs(User) is { } plans ? await lookup.AreasOfAsync(plans, cancellationToken) : null;
}
