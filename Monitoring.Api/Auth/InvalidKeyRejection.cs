using Microsoft.AspNetCore.Authentication;

namespace Monitoring.Api.Auth;

/// <summary>
/// A request naming a wrong, revoked or expired key answers 401 on every route, before any policy
/// runs: with anonymous reading on, the read policy would otherwise let it through as anonymous and
/// hide the mistake from the caller.
/// </summary>
public static class InvalidKeyRejection
{
    public static IApplicationBuilder UseInvalidKeyRejection(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (ApiKeyAuthenticationHandler.Carries(context.Request)
                && !(await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName)).Succeeded)
            {
                await context.ChallengeAsync(ApiKeyAuthenticationHandler.SchemeName);
                return;
            }
            await next(context);
        });
}
