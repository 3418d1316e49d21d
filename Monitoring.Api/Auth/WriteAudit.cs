using System.Globalization;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Auth;

/// <summary>
/// Records every write that went through (status below 400) in the audit log: who, the route, the
/// path and what came back. One place for imports, reverts, corrections, framework edits, comments,
/// keys and sign-in links, over the API and from the dashboard's forms. Previews are not writes:
/// <c>dryRun=true</c> on the API, and the forms' preview buttons (<c>dryRun=on</c>, a <c>handling</c>
/// other than "gem", a revert without <c>confirm=ja</c>). Sign-ins record themselves, with the person.
/// </summary>
public static class WriteAudit
{
    public static IApplicationBuilder UseWriteAudit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            await next(context);
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
                || context.Response.StatusCode >= 400 || context.Items.ContainsKey(Recorded)
                || IsSignInTraffic(request) || await IsPreviewAsync(request))
                return;
            await RecordNowAsync(context, context.Response.StatusCode, context.Response.Headers.Location.ToString());
        });

    private static readonly object Recorded = new();
    private static readonly object Described = new();

    /// <summary>
    /// What the route, path and status leave out, for the entry of this request's write: the role and
    /// plan scope a key or link grants, the batch and file an import made. Call before the answer (and
    /// before <see cref="RecordNowAsync"/>); never a secret.
    /// </summary>
    public static void Describe(HttpContext context, string what) => context.Items[Described] = what;

    /// <summary>"role viewer, plans a,b" ("plans all" for no scope), as keys and sign-in links are described.</summary>
    public static string Grant(string role, IReadOnlyCollection<string>? planScope) =>
        $"role {role}, plans {(planScope is not { Count: > 0 } ? "all" : string.Join(",", planScope))}";

    /// <summary>
    /// Records this request's write now, before its response, and not again afterwards: for a
    /// handler that starts work (a background import) whose write lock would hold the entry back.
    /// </summary>
    public static async Task RecordNowAsync(HttpContext context, int status, string location)
    {
        if (context.GetEndpoint() is not RouteEndpoint endpoint)
            return;
        context.Items[Recorded] = true;
        var request = context.Request;
        var detail = string.Create(CultureInfo.InvariantCulture, $"{status}") + (location.Length > 0 ? " " + location : "")
            + (context.Items[Described] is string what ? ": " + what : "");
        await context.RequestServices.GetRequiredService<AuditLog>().RecordAsync(
            context.User.ActorName(), $"{request.Method} {endpoint.RoutePattern.RawText}", request.Path.Value ?? "", detail, CancellationToken.None);
    }

    private static bool IsSignInTraffic(HttpRequest request) =>
        request.Path.StartsWithSegments(SessionCookie.SignInPath) || request.Path.StartsWithSegments("/log-ud") || request.Path.StartsWithSegments("/signin-oidc");

    private static async Task<bool> IsPreviewAsync(HttpRequest request)
    {
        if (string.Equals(request.Query["dryRun"], "true", StringComparison.OrdinalIgnoreCase))
            return true;
        if (!request.HasFormContentType)
            return false;
        // The endpoint has read the form already; this reads the cached copy.
        var form = await request.ReadFormAsync();
        return form["dryRun"] == "on"
            || (form.ContainsKey("handling") && form["handling"] != "gem")
            || (request.Path.Value?.EndsWith("/fortryd", StringComparison.Ordinal) == true && form["confirm"] != "ja");
    }
}
