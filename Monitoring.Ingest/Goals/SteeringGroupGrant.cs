using Monitoring.Ingest.Data;

namespace Monitoring.Ingest.Goals;

/// <summary>
/// Whether a sign-in for one steering group (styregruppe) may be made: it signs in a viewer (the
/// group's rights are reporting its own activities, nothing more) for a group that owns a
/// sub-agreement in the plans the person may see. The API and the command line ask the same.
/// </summary>
public static class SteeringGroupGrant
{
    public sealed record Problem(string Field, string Value, string Message);

    public static async Task<Problem?> ProblemAsync(
        string steeringGroup, string role, IReadOnlyList<string>? planScope, PlanStore plans, ChainStore chain, CancellationToken cancellationToken)
    {
        if (role != AccessRoles.Viewer)
            return new Problem("role", role, "A steering-group sign-in is for a viewer: use role 'viewer' with a steering group.");
        var slugs = planScope is { Count: > 0 } ? planScope : (await plans.ListAsync(cancellationToken)).Select(p => p.Slug).ToList();
        foreach (var slug in slugs)
        {
            if ((await chain.ForPlanAsync(slug, null, cancellationToken)).Any(s => s.SteeringGroup == steeringGroup))
                return null;
        }
        return new Problem("steeringGroup", steeringGroup, "No sub-agreement in the plans of this sign-in is owned by this steering group.");
    }
}
