using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Monitoring.Api.Auth;

/// <summary>
/// The browser session: HttpOnly, Secure whenever the request came over HTTPS, SameSite=Lax, sliding
/// expiry. Pages send a visitor without the needed role to the Danish sign-in page; the API and
/// Swagger answer 401/403 as they do for keys, never a redirect a program would follow.
/// </summary>
public static class SessionCookie
{
    public const string Name = "monitoring.session";
    public const string SignInPath = "/log-ind";

    public static void Configure(CookieAuthenticationOptions options, IOptions<SignInSessionOptions> sessions)
    {
        options.Cookie.Name = Name;
        options.Cookie.HttpOnly = true;
        options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.SlidingExpiration = true;
        options.ExpireTimeSpan = sessions.Value.IdleTimeout;
        options.LoginPath = SignInPath;
        options.AccessDeniedPath = SignInPath;
        options.ReturnUrlParameter = "tilbage";
        options.Events.OnRedirectToLogin = context => Redirect(context, StatusCodes.Status401Unauthorized, null);
        options.Events.OnRedirectToAccessDenied = context => Redirect(context, StatusCodes.Status403Forbidden, "rolle");
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int apiStatus, string? reason)
    {
        if (IsForPrograms(context.Request))
        {
            context.Response.StatusCode = apiStatus;
            if (apiStatus == StatusCodes.Status401Unauthorized)
                context.Response.Headers.WWWAuthenticate = $"{ApiKeyAuthenticationHandler.SchemeName} header=\"{ApiKeyAuthenticationHandler.HeaderName}\"";
            return Task.CompletedTask;
        }
        // Relative, so the Host header never decides where the browser goes; the reason is a code the page words.
        var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        var target = SignInPath + "?tilbage=" + Uri.EscapeDataString(returnUrl) + (reason is null ? "" : "&grund=" + reason);
        context.Response.Redirect(target);
        return Task.CompletedTask;
    }

    public static bool IsForPrograms(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/odata") || request.Path.StartsWithSegments("/problems") || request.Path.StartsWithSegments("/swagger/v1") || request.Path.StartsWithSegments("/health");
}
