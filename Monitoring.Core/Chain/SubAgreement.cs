namespace Monitoring.Core.Chain;

/// <summary>
/// A sub-agreement (<c>delaftale</c>) of a plan: one per focus area, owned by a steering group,
/// for a period, serving some of the plan's goals and sub-goals (<see cref="GoalIds"/>).
/// </summary>
public sealed record SubAgreement(
    long Id,
    string PlanSlug,
    string Title,
    string? FocusArea,
    string SteeringGroup,
    string Period,
    IReadOnlyList<long> GoalIds,
    IReadOnlyList<Activity> Activities);
