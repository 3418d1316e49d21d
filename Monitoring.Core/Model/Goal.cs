namespace Monitoring.Core.Model;

/// <summary>
/// A strategic goal owned by the board, or a sub-goal (<c>delmål</c>) owned by a steering group
/// under a focus area (<c>indsatsområde</c>) and rolled up into its parent.
/// </summary>
public sealed record Goal(
    long Id,
    long PlanId,
    long? ParentGoalId,
    GoalKind Kind,
    string Key,
    string Title,
    string? Description,
    string? FocusArea,
    string OwningBody);

public enum GoalKind
{
    Strategic,
    SubGoal,
}
