using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Auth;

/// <summary>Authenticates a request by its <c>X-Api-Key</c> header against the stored key hashes.</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string PlanScopeClaim = "monitoring:plan";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
            return AuthenticateResult.NoResult();
        var holder = await keys.FindAsync(values.ToString().Trim(), Context.RequestAborted);
        if (holder is null)
            return AuthenticateResult.Fail("The API key is not valid or has been revoked.");
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, holder.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, holder.Name),
            new(ClaimTypes.Role, holder.Role),
        };
        claims.AddRange((holder.PlanScope ?? []).Select(slug => new Claim(PlanScopeClaim, slug)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{HeaderName}\"";
        return Task.CompletedTask;
    }
}
