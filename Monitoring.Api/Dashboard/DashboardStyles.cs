namespace Monitoring.Api.Dashboard;

/// <summary>
/// The dashboard's stylesheet, served from the assembly: the service runs from its build output
/// (tests, containers), where a wwwroot folder is not copied, and the pages must never lose their
/// print styles. A stylesheet link, not a style attribute, keeps the pages fit for a strict CSP.
/// </summary>
public static class DashboardStyles
{
    public const string Path = "/dashboard.css";

    private static readonly Lazy<byte[]> Css = new(() =>
    {
        using var stream = typeof(DashboardStyles).Assembly.GetManifestResourceStream("Monitoring.Api.Dashboard.Assets.dashboard.css")
            ?? throw new InvalidOperationException("dashboard.css is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static void MapDashboardStyles(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (HttpContext context) =>
            {
                context.Response.Headers.CacheControl = "public, max-age=300";
                return Results.Bytes(Css.Value, "text/css; charset=utf-8");
            })
            .ExcludeFromDescription()
            .AllowAnonymous();

    /// <summary>The stylesheet's text, for tests that check it against the palette.</summary>
    public static string Text => System.Text.Encoding.UTF8.GetString(Css.Value);
}
