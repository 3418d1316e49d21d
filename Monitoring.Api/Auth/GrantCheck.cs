using Monitoring.Api.Http;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Auth;

/// <summary>
/// What keys and sign-in links grant, checked the same way for both: a known role and plan slugs
/// that exist (a misspelt slug would otherwise grant nothing, silently).
/// </summary>
public static class GrantCheck
{
    public static async Task<IResult?> ProblemAsync(
        string? name, string? role, IReadOnlyList<string>? planScope, PlanStore plans, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name))
            return Problems.BadParameter("name", name, "Give a name that says who or what holds it.");
        if (role is null || !Roles.All.Contains(role))
            return Problems.BadParameter("role", role, $"Use one of the roles {string.Join(", ", Roles.All)}.");
        if (role == Roles.Admin && planScope is { Count: > 0 })
            return Problems.BadParameter("planScope", string.Join(",", planScope), "An admin manages every plan; give an admin no plan scope.");
        foreach (var slug in planScope ?? [])
        {
            if (await plans.FindAsync(slug, cancellationToken) is null)
                return Problems.BadParameter("planScope", slug, $"There is no plan '{slug}'.");
        }
        return null;
    }
}
