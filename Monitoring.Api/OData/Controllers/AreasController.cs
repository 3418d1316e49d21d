using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Monitoring.Api.OData.Entities;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.OData.Controllers;

/// <summary><c>/odata/Areas</c>: every area and benchmark population (shared by all plans).</summary>
public sealed class AreasController(ScopeStore scopes) : ODataController
{
    [FeedQuery]
    public async Task<IQueryable<AreaEntity>> Get(CancellationToken cancellationToken) =>
        (await scopes.ListAsync(cancellationToken)).Select(FeedCatalog.ToEntity).AsQueryable();

    [FeedQuery]
    public async Task<ActionResult<AreaEntity>> Get(string key, CancellationToken cancellationToken) =>
        await scopes.FindAsync(key, cancellationToken) is { } area ? FeedCatalog.ToEntity(area) : NotFound();
}
