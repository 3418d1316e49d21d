using System.Net;
using Microsoft.AspNetCore.Mvc.Filters;
using Monitoring.Api.Auth;
using Monitoring.Api.Http;

namespace Monitoring.Api.OData;

/// <summary>
/// The addresses the feed writes (<c>@odata.context</c>, <c>@odata.nextLink</c>). OData builds them
/// from the request (when it serialises, for every paged set), and the request's Host header is the
/// caller's to choose, so before the feed's controllers run the request is set to the address links may
/// name — after authentication and authorisation, which have already read the key:
/// <list type="bullet">
/// <item>with <c>Monitoring:PublicUrl</c> set, scheme, host and base path are the public URL's, as the
/// rest of the service's links are, and a next link keeps the caller's query (<c>api_key</c> included)
/// because it points at the service's own address;</item>
/// <item>unset (the embedded default), links stay absolute from the request, since Excel and Power BI
/// do not follow relative ones, but <c>api_key</c> stays in a next link only when the request named
/// this machine (localhost, a loopback address); for any other host the client sends its key again as
/// it did on the first page (Power Query's Web API credential, Basic or the header).</item>
/// </list>
/// </summary>
public sealed class FeedLinks : IResourceFilter
{
    public void OnResourceExecuting(ResourceExecutingContext context)
    {
        var request = context.HttpContext.Request;
        var configured = context.HttpContext.RequestServices.GetService<IConfiguration>()?[PublicUrl.SettingKey];
        if (!string.IsNullOrWhiteSpace(configured) && Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var publicUrl))
        {
            request.Scheme = publicUrl.Scheme;
            request.Host = HostString.FromUriComponent(publicUrl);
            request.PathBase = PathString.FromUriComponent(publicUrl.AbsolutePath.TrimEnd('/')).Add(request.PathBase);
        }
        else if (!IsLoopback(request.Host.Host) && request.Query.ContainsKey(PresentedKey.QueryParameter))
        {
            request.QueryString = QueryString.Create(request.Query
                .Where(q => !q.Key.Equals(PresentedKey.QueryParameter, StringComparison.OrdinalIgnoreCase))
                .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))));
        }
    }

    public void OnResourceExecuted(ResourceExecutedContext context)
    {
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
