using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Monitoring.Api.Hosting;

namespace Monitoring.Api.Auth;

/// <summary>Who may read and who may write.</summary>
public static class Policies
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    public static IServiceCollection AddMonitoringAuthorization(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(
                ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddSingleton<IAuthorizationHandler, ReadAccessHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(Read, policy => policy.AddRequirements(new ReadAccessRequirement()))
            .AddPolicy(Write, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Analyst))
            .AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        return services;
    }
}

public sealed class ReadAccessRequirement : IAuthorizationRequirement;

/// <summary>Reads are open when <c>Monitoring:Auth:AnonymousRead</c> is on, otherwise they need any valid key.</summary>
public sealed class ReadAccessHandler(IOptionsMonitor<AuthOptions> options) : AuthorizationHandler<ReadAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ReadAccessRequirement requirement)
    {
        if (options.CurrentValue.AnonymousRead || context.User.Identity?.IsAuthenticated == true)
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
