using System.Security.Claims;
using Monitoring.Api.Auth;

namespace Monitoring.Api.Http;

/// <summary>
/// Which plans a caller may see: the one decision every plan-shaped read (the OData feed, the
/// extracts) asks, so a change to how scopes are granted is made here once.
/// </summary>
public static class PlanVisibility
{
    /// <summary>The slugs of the plans the caller may read, or null for every plan (no plan scope on the key).</summary>
    public static IReadOnlySet<string>? VisiblePlanSlugs(ClaimsPrincipal user)
    {
        var slugs = user.FindAll(ApiKeyAuthenticationHandler.PlanScopeClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return slugs.Count == 0 ? null : slugs;
    }

    public static bool CanSee(this IReadOnlySet<string>? visible, string planSlug) => visible is null || visible.Contains(planSlug);
}
