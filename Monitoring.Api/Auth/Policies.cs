using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Monitoring.Api.Hosting;

namespace Monitoring.Api.Auth;

/// <summary>
/// Who may read and who may write, and how a caller is known: an <c>X-Api-Key</c> header (programs),
/// else a cookie session (people, signed in by a personal link or OpenID Connect).
/// </summary>
public static class Policies
{
    public const string Read = "read";
    public const string Dashboard = "dashboard";
    public const string Write = "write";
    public const string Admin = "admin";

    /// <summary>The default scheme: picks the API key when the request names one, the session cookie otherwise.</summary>
    public const string CallerScheme = "Caller";

    public static IServiceCollection AddMonitoringAuthorization(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SignInSessionOptions>().Bind(configuration.GetSection(SignInSessionOptions.SectionName));
        services.AddOptions<OidcOptions>().Bind(configuration.GetSection(OidcOptions.SectionName))
            .Validate(o => !o.Enabled || !string.IsNullOrWhiteSpace(o.ClientId), $"{OidcOptions.SectionName}:ClientId must be set when an Authority is.")
            .Validate(o => string.IsNullOrEmpty(o.DefaultRole) || Roles.All.Contains(o.DefaultRole), $"{OidcOptions.SectionName}:DefaultRole must be one of {string.Join(", ", Roles.All)}.")
            .Validate(o => o.RoleMap.Values.All(Roles.All.Contains), $"{OidcOptions.SectionName}:RoleMap must map to the roles {string.Join(", ", Roles.All)}.")
            .ValidateOnStart();

        var authentication = services.AddAuthentication(CallerScheme)
            .AddPolicyScheme(CallerScheme, "API key or session", options =>
                options.ForwardDefaultSelector = context => ApiKeyAuthenticationHandler.Carries(context.Request)
                    ? ApiKeyAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie();
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<SignInSessionOptions>>(SessionCookie.Configure);

        var oidc = configuration.GetSection(OidcOptions.SectionName).Get<OidcOptions>() ?? new OidcOptions();
        if (oidc.Enabled)
            authentication.AddOpenIdConnect(OidcSignIn.SchemeName, options => OidcSignIn.Configure(options, oidc));

        services.AddSingleton<IAuthorizationHandler, ReadAccessHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Read, policy => policy.AddRequirements(new ReadAccessRequirement(Dashboard: false)))
            .AddPolicy(Dashboard, policy => policy.AddRequirements(new ReadAccessRequirement(Dashboard: true)))
            .AddPolicy(Write, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Analyst))
            .AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        return services;
    }
}

/// <summary>A read; <paramref name="Dashboard"/> when it is a dashboard page, which BI callers do not get.</summary>
public sealed record ReadAccessRequirement(bool Dashboard) : IAuthorizationRequirement;

/// <summary>
/// Reads are open when <c>Monitoring:Auth:AnonymousRead</c> is on, otherwise they need a signed-in
/// caller; the dashboard's pages are for people, so a BI caller (a program reading the API and the
/// feeds) is refused them.
/// </summary>
public sealed class ReadAccessHandler(IOptionsMonitor<AuthOptions> options) : AuthorizationHandler<ReadAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadAccessRequirement requirement)
    {
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        if (requirement.Dashboard && signedIn && context.User.IsInRole(Roles.BiReader))
            return Task.CompletedTask;
        if (options.CurrentValue.AnonymousRead || signedIn)
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
