using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Auth;

/// <summary>Authenticates a request by its API key (<see cref="PresentedKey"/>: the header, or on BI routes the query or Basic) against the stored key hashes.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string PlanScopeClaim = CallerClaims.Plan;

    /// <summary>Whether the request names a key at all; a named key that fails is refused, never read as anonymous.</summary>
    public static bool Carries(HttpRequest request) => PresentedKey.TryRead(request, out _);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!PresentedKey.TryRead(Request, out var key))
            return AuthenticateResult.NoResult();
        var holder = await keys.FindAsync(key, Context.RequestAborted);
        if (holder is null)
            return AuthenticateResult.Fail("The API key is not valid, has expired or has been revoked.");
        var identity = CallerClaims.Identity(
            SchemeName, holder.Name, holder.Role, holder.PlanScope ?? [], CallerClaims.KeyActor(holder.Id, holder.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Request.Path.StartsWithSegments("/odata", StringComparison.OrdinalIgnoreCase)
            ? "Basic realm=\"Monitoring\""
            : $"{SchemeName} header=\"{HeaderName}\"";
        return Task.CompletedTask;
    }
}
