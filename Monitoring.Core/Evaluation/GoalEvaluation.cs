using Monitoring.Core.Model;

namespace Monitoring.Core.Evaluation;

/// <summary>How many targets stand where.</summary>
public sealed record StatusCounts(int Achieved, int OnTrack, int AtRisk, int OffTrack, int InsufficientData)
{
    public static StatusCounts Of(IEnumerable<TargetEvaluation> evaluations)
    {
        var list = evaluations.ToList();
        int Count(TargetStatus s) => list.Count(e => e.Status == s);
        return new(Count(TargetStatus.Achieved), Count(TargetStatus.OnTrack), Count(TargetStatus.AtRisk),
            Count(TargetStatus.OffTrack), Count(TargetStatus.InsufficientData));
    }
}

/// <summary>
/// A goal's standing: the weighted mean of its targets' scores (its sub-goals' targets included),
/// the counts per status, and the evaluations it rests on. A goal status is read off the score:
/// ≥ 0.75 on track, ≥ 0.4 at risk, below that off track. A goal is achieved only when every measured
/// target is, and has insufficient data when more than half of its targets lack data (or none is scored).
/// </summary>
public sealed record GoalEvaluation(
    Goal Goal,
    double? Score,
    TargetStatus Status,
    StatusCounts Counts,
    IReadOnlyList<TargetEvaluation> Targets,
    IReadOnlyList<GoalEvaluation> SubGoals)
{
    public const double OnTrackFrom = 0.75;
    public const double AtRiskFrom = 0.4;

    public bool NeedsAction => Status is TargetStatus.OffTrack or TargetStatus.AtRisk;

    public static GoalEvaluation Roll(Goal goal, IReadOnlyList<TargetEvaluation> own, IReadOnlyList<GoalEvaluation> subGoals)
    {
        var all = own.Concat(subGoals.SelectMany(s => s.Targets)).ToList();
        var scored = all.Where(e => e.Score is not null).ToList();
        var weight = scored.Sum(e => e.Weight);
        double? score = weight > 0 ? scored.Sum(e => e.Score!.Value * e.Weight) / weight : null;
        var withoutData = all.Count(e => e.Status == TargetStatus.InsufficientData);
        // One achieved target next to three without data says little about the goal: the board is told data are missing.
        var status = score is null || 2 * withoutData > all.Count ? TargetStatus.InsufficientData
            : scored.All(e => e.Status == TargetStatus.Achieved) ? TargetStatus.Achieved
            : score >= OnTrackFrom ? TargetStatus.OnTrack
            : score >= AtRiskFrom ? TargetStatus.AtRisk
            : TargetStatus.OffTrack;
        return new GoalEvaluation(goal, score, status, StatusCounts.Of(all), own, subGoals);
    }
}
