namespace Monitoring.Ingest.Goals;

/// <summary>
/// What the nightly snapshot stores for a plan, as a JSON document: the goal
/// evaluation (<see cref="PlanEvaluationSnapshotSource"/>).
/// </summary>
public interface IPlanSnapshotSource
{
    Task<string> SnapshotJsonAsync(string planSlug, CancellationToken cancellationToken);
}

/// <summary>The plan named by a job does not exist (any more).</summary>
public sealed class PlanNotFoundException(string planSlug) : Exception($"Plan '{planSlug}' does not exist.")
{
    public string PlanSlug { get; } = planSlug;
}
