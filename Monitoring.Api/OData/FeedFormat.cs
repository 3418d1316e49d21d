using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Results;

namespace Monitoring.Api.OData;

/// <summary>
/// The feed writes JSON only (and <c>$metadata</c> XML). OData's formatter answers any other
/// <c>$format</c> (<c>xml</c>, <c>atom</c>, <c>csv</c>) with JSON, which a client asking for something
/// else would misread; an OData error saying what to ask for is clearer.
/// </summary>
public sealed class FeedFormat : IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var request = context.HttpContext.Request;
        if (!request.Query.TryGetValue("$format", out var values) || request.Path.Value?.EndsWith("/$metadata", StringComparison.Ordinal) == true)
            return;
        foreach (var value in values)
        {
            var format = (value ?? "").Trim();
            if (!(format.Equals("json", StringComparison.OrdinalIgnoreCase)
                || format.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)))
            {
                context.Result = new BadRequestODataResult(
                    $"$format={format} is not served; the feed writes JSON ($format=json or leave it out), and /odata/$metadata XML. For CSV use /api/v1/extracts.");
                return;
            }
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }
}
