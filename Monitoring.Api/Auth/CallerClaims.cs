using System.Globalization;
using System.Security.Claims;

namespace Monitoring.Api.Auth;

/// <summary>
/// The claims every sign-in way (API key, sign-in link, OpenID Connect) gives a caller, and what the
/// rest of the service reads from them: role, plan scope and the name the audit log records.
/// </summary>
public static class CallerClaims
{
    /// <summary>One claim per plan slug the caller may see; none means every plan.</summary>
    public const string Plan = "monitoring:plan";

    /// <summary>How the audit log names the caller: "key 3 (BI-udtræk)", "Mette Hansen (link 7)", "oidc:…".</summary>
    public const string Actor = "monitoring:actor";

    public static ClaimsIdentity Identity(string authenticationType, string name, string role, IEnumerable<string> planScope, string actor)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.Role, role), new(Actor, actor) };
        claims.AddRange(planScope.Select(slug => new Claim(Plan, slug)));
        return new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role);
    }

    /// <summary>The steering group (styregruppe) a person signed in for; they may report its activities.</summary>
    public const string SteeringGroupClaim = "monitoring:steering-group";

    public static string? SteeringGroup(this ClaimsPrincipal user) => user.FindFirst(SteeringGroupClaim)?.Value;

    public static string KeyActor(long id, string name) => string.Create(CultureInfo.InvariantCulture, $"key {id} ({name})");

    /// <summary>The plans the caller may see; null when every plan (unscoped callers and anonymous reading).</summary>
    public static IReadOnlySet<string>? PlanScope(this ClaimsPrincipal user)
    {
        var slugs = user.FindAll(Plan).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return slugs.Count == 0 ? null : slugs;
    }

    public static bool MaySee(this ClaimsPrincipal user, string planSlug) => user.PlanScope() is not { } scope || scope.Contains(planSlug);

    public static string ActorName(this ClaimsPrincipal user) =>
        user.FindFirst(Actor)?.Value ?? (user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "unknown" : "anonymous");
}
