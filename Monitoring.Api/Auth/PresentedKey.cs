using System.Text;
using Microsoft.Net.Http.Headers;

namespace Monitoring.Api.Auth;

/// <summary>
/// Where a caller's API key can be: the <c>X-Api-Key</c> header everywhere; and, on the BI routes
/// (the OData feed and the CSV extracts), also the ways Power BI and Excel can send it — Power Query's
/// "Web API" credential as the query parameter <c>api_key</c>, and "Basic" with the key as the password
/// (any user name). Request URLs are not logged at the configured levels, so a key in the query stays out of the logs.
/// </summary>
public static class PresentedKey
{
    public const string QueryParameter = "api_key";

    private static readonly string[] BiPaths = ["/odata", "/api/v1/extracts"];

    public static bool TryRead(HttpRequest request, out string key)
    {
        key = "";
        if (request.Headers.TryGetValue(ApiKeyAuthenticationHandler.HeaderName, out var header) && !string.IsNullOrWhiteSpace(header.ToString()))
        {
            key = header.ToString().Trim();
            return true;
        }
        if (!BiPaths.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            return false;
        if (request.Query.TryGetValue(QueryParameter, out var values) && values.Count > 0)
        {
            // Power Query may add the parameter to a next link that already carries it: the same key twice is one key.
            var distinct = values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct(StringComparer.Ordinal).ToList();
            key = distinct.Count == 1 ? distinct[0] : string.Join(",", distinct);
            return key.Length > 0;
        }
        return TryReadBasicPassword(request, out key);
    }

    private static bool TryReadBasicPassword(HttpRequest request, out string key)
    {
        key = "";
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return false;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            key = (colon < 0 ? decoded : decoded[(colon + 1)..]).Trim();
        }
        catch (FormatException)
        {
            // Not base64: a credential was presented and is wrong, which must answer 401, not anonymous.
            key = authorization;
        }
        return key.Length > 0;
    }
}
