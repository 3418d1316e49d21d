using Monitoring.Core.Evaluation;

namespace Monitoring.Ingest.Goals;

/// <summary>A plan's status as served: the board's order, what needs action, and every goal with its evaluations.</summary>
public sealed record PlanStatusDto(string Plan, string? AsOf, StatusCounts Counts, IReadOnlyList<string> NeedsAction, IReadOnlyList<GoalStatusDto> Goals)
{
    public static PlanStatusDto From(PlanEvaluation evaluation) => new(
        evaluation.PlanSlug, evaluation.AsOf?.ToString(), evaluation.Counts,
        evaluation.NeedsAction.Select(g => g.Goal.Key).ToList(),
        evaluation.Goals.Select(GoalStatusDto.From).ToList());
}

public sealed record GoalStatusDto(
    long Id, string Key, string Title, string? FocusArea, string OwningBody, double? Score, TargetStatus Status, bool NeedsAction,
    StatusCounts Counts, IReadOnlyList<TargetEvaluation> Targets, IReadOnlyList<GoalStatusDto> SubGoals)
{
    public static GoalStatusDto From(GoalEvaluation goal) => new(
        goal.Goal.Id, goal.Goal.Key, goal.Goal.Title, goal.Goal.FocusArea, goal.Goal.OwningBody, goal.Score, goal.Status,
        goal.NeedsAction, goal.Counts, goal.Targets, goal.SubGoals.Select(From).ToList());
}
