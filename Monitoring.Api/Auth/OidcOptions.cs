namespace Monitoring.Api.Auth;

/// <summary>
/// Bound from <c>Monitoring:Auth:Oidc</c>: sign-in through an OpenID Connect provider (a
/// municipality's Entra ID) for shared deployments. Off while <see cref="Authority"/> is empty.
/// Role and plan scope come from claims of the ID token or user info.
/// </summary>
public sealed class OidcOptions
{
    public const string SectionName = "Monitoring:Auth:Oidc";

    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Off only for a provider on loopback in tests; production authorities are HTTPS.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim carrying the role (Entra ID app roles arrive as <c>roles</c>).</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>
    /// Claim value → role (admin, analyst, viewer, bi), e.g. <c>"Monitoring.Admin": "admin"</c>; a
    /// value that is already a role name maps to itself.
    /// </summary>
    public Dictionary<string, string> RoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The role of a person whose claims map to none; empty refuses them the sign-in.</summary>
    public string? DefaultRole { get; set; }

    /// <summary>The claim listing the plan slugs a person may see (one claim per slug or a comma-separated value); absent = every plan.</summary>
    public string PlanClaim { get; set; } = "monitoring_plans";

    /// <summary>The claim naming the person on pages and in the audit log.</summary>
    public string NameClaim { get; set; } = "name";

    /// <summary>Scopes asked for besides <c>openid</c> and <c>profile</c>, e.g. the one that releases the role and plan claims.</summary>
    public List<string> Scopes { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority);
}
