using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Monitoring.Api.Hosting;

namespace Monitoring.Api.Auth;

/// <summary>
/// Areas served by middleware rather than endpoints (the Hangfire dashboard, Swagger), so the
/// endpoint policies do not reach them: a visitor without the right is challenged (a browser is sent
/// to the sign-in page, a program gets 401) or forbidden. <c>/hangfire</c> needs an admin, by
/// session or key; <c>/swagger</c> is a read, open only while anonymous reading is on.
/// </summary>
public static class SignInGate
{
    public static IApplicationBuilder UseSignInFor(this IApplicationBuilder app, string path, bool admin) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments(path), branch => branch.Use(async (context, next) =>
        {
            var signedIn = context.User.Identity?.IsAuthenticated == true;
            var open = admin ? signedIn && context.User.IsInRole(Roles.Admin)
                : signedIn || context.RequestServices.GetRequiredService<IOptionsMonitor<AuthOptions>>().CurrentValue.AnonymousRead;
            if (open)
                await next(context);
            else if (signedIn)
                await context.ForbidAsync();
            else
                await context.ChallengeAsync();
        }));
}
