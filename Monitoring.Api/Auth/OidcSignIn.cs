using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Auth;

/// <summary>
/// Sign-in through the organisation's OpenID Connect provider (authorization code with PKCE). The
/// provider's claims are turned into the same role, plan scope and actor claims a sign-in link gives,
/// and the session is the same cookie.
/// </summary>
public static class OidcSignIn
{
    public const string SchemeName = "oidc";

    public static void Configure(OpenIdConnectOptions options, OidcOptions settings)
    {
        options.Authority = settings.Authority;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        options.ResponseType = "code";
        options.UsePkce = true;
        options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.GetClaimsFromUserInfoEndpoint = true;
        foreach (var scope in settings.Scopes)
            options.Scope.Add(scope);
        options.ClaimActions.MapJsonKey(settings.RoleClaim, settings.RoleClaim);
        options.ClaimActions.MapJsonKey(settings.PlanClaim, settings.PlanClaim);
        options.Events.OnTicketReceived = context => MapClaimsAsync(context, settings);
        options.Events.OnRemoteFailure = context =>
        {
            // The provider's error text is not shown: the sign-in page words the failure by its code.
            context.Response.Redirect(SessionCookie.SignInPath + "?grund=oidc");
            context.HandleResponse();
            return Task.CompletedTask;
        };
    }

    private static async Task MapClaimsAsync(TicketReceivedContext context, OidcOptions settings)
    {
        var provider = context.Principal!;
        var role = provider.FindAll(settings.RoleClaim).Select(c => MapRole(c.Value, settings)).FirstOrDefault(r => r is not null)
            ?? (string.IsNullOrEmpty(settings.DefaultRole) ? null : settings.DefaultRole);
        if (role is null)
        {
            context.Response.Redirect(SessionCookie.SignInPath + "?grund=ingen-rolle");
            context.HandleResponse();
            return;
        }
        var plans = provider.FindAll(settings.PlanClaim)
            .SelectMany(c => c.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct(StringComparer.Ordinal).ToList();
        var subject = provider.FindFirst("sub")?.Value ?? "?";
        var name = provider.FindFirst(settings.NameClaim)?.Value ?? subject;
        var actor = $"{name} (oidc:{subject})";
        context.Principal = new ClaimsPrincipal(CallerClaims.Identity("Session", name, role, plans, actor));
        await context.HttpContext.RequestServices.GetRequiredService<AuditLog>().RecordAsync(
            actor, "sign-in", name, $"oidc, role {role}, plans {(plans.Count == 0 ? "all" : string.Join(",", plans))}", context.HttpContext.RequestAborted);
    }

    private static string? MapRole(string value, OidcOptions settings) =>
        settings.RoleMap.TryGetValue(value, out var mapped) ? mapped : Roles.All.FirstOrDefault(r => string.Equals(r, value, StringComparison.OrdinalIgnoreCase));
}
