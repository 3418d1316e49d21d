using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Query;

namespace Monitoring.Api.OData;

/// <summary>
/// The query options every in-memory entity set takes, and the server-driven page size. Anything
/// else (<c>$apply</c>, <c>$search</c>, <c>$compute</c>, …) is refused with an OData error rather
/// than ignored, so a report never silently shows other rows than it asked for. The error carries
/// its message only (see <see cref="FeedErrorDetails"/>), never the exception's type.
/// </summary>
public sealed class FeedQueryAttribute : EnableQueryAttribute
{
    public const AllowedQueryOptions Supported =
        AllowedQueryOptions.Filter | AllowedQueryOptions.Select | AllowedQueryOptions.OrderBy | AllowedQueryOptions.Top
        | AllowedQueryOptions.Skip | AllowedQueryOptions.Count | AllowedQueryOptions.Expand | AllowedQueryOptions.SkipToken
        | AllowedQueryOptions.Format;

    public FeedQueryAttribute()
    {
        PageSize = FeedModel.MaxPageSize;
        AllowedQueryOptions = Supported;
        MaxExpansionDepth = 3;
    }

    public override void OnActionExecuting(ActionExecutingContext actionExecutingContext)
    {
        base.OnActionExecuting(actionExecutingContext);
        if (actionExecutingContext.Result is { } result)
            actionExecutingContext.Result = FeedErrorDetails.Plain(result);
    }

    public override void OnActionExecuted(ActionExecutedContext actionExecutedContext)
    {
        base.OnActionExecuted(actionExecutedContext);
        if (actionExecutedContext.Result is { } result)
            actionExecutedContext.Result = FeedErrorDetails.Plain(result);
    }
}
