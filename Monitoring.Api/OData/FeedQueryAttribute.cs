using Microsoft.AspNetCore.OData.Query;

namespace Monitoring.Api.OData;

/// <summary>
/// The query options every in-memory entity set takes, and the server-driven page size. Anything
/// else (<c>$apply</c>, <c>$search</c>, <c>$compute</c>, …) is refused with an OData error rather
/// than ignored, so a report never silently shows other rows than it asked for.
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
}
