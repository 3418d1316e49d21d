namespace Monitoring.Api.Http;

/// <summary>
/// Links the service hands out: absolute from <c>Monitoring:PublicUrl</c> when an operator set one
/// (the address people reach the service at, behind a proxy), else relative to this host. Never
/// built from the request's Host header, which the caller chooses.
/// </summary>
public static class PublicUrl
{
    public const string SettingKey = "Monitoring:PublicUrl";

    /// <summary><paramref name="pathAndQuery"/> (starting with '/') as the link to give out.</summary>
    public static string Link(HttpRequest request, string pathAndQuery)
    {
        ArgumentNullException.ThrowIfNull(request);
        var configured = request.HttpContext.RequestServices.GetService<IConfiguration>()?[SettingKey];
        var path = $"{request.PathBase}{pathAndQuery}";
        return string.IsNullOrWhiteSpace(configured) ? path : configured.TrimEnd('/') + path;
    }
}
