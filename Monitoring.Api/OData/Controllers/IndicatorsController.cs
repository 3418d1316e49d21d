using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Monitoring.Api.OData.Entities;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.OData.Controllers;

/// <summary><c>/odata/Indicators</c>: every indicator (shared by all plans).</summary>
public sealed class IndicatorsController(IndicatorStore indicators) : ODataController
{
    [FeedQuery]
    public async Task<IQueryable<IndicatorEntity>> Get(CancellationToken cancellationToken) =>
        (await indicators.ListAsync(cancellationToken)).Select(FeedCatalog.ToEntity).AsQueryable();

    [FeedQuery]
    public async Task<ActionResult<IndicatorEntity>> Get(string key, CancellationToken cancellationToken) =>
        await indicators.FindAsync(key, cancellationToken) is { } indicator ? FeedCatalog.ToEntity(indicator) : NotFound();
}
