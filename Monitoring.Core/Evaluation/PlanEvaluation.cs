using Monitoring.Core.Model;
using Monitoring.Core.Periods;

namespace Monitoring.Core.Evaluation;

/// <summary>
/// A plan's strategic goals in the order the board should take them: lowest score first (off
/// track before at risk), then the most targets off track, then goals without data, then the rest.
/// </summary>
public sealed record PlanEvaluation(string PlanSlug, Period? AsOf, IReadOnlyList<GoalEvaluation> Goals, StatusCounts Counts)
{
    public IReadOnlyList<GoalEvaluation> NeedsAction => Goals.Where(g => g.NeedsAction).ToList();

    public static PlanEvaluation Evaluate(
        Plan plan, IReadOnlyList<Goal> goals, IReadOnlyList<Target> targets, IReadOnlyDictionary<string, Indicator> indicators,
        Func<Target, (IReadOnlyList<Observation> Series, IReadOnlyList<Observation>? Benchmark)> data, Period? asOf,
        IReadOnlyDictionary<string, string>? scopeNames = null)
    {
        var evaluations = targets
            .Where(t => indicators.ContainsKey(t.IndicatorCode))
            .Select(t =>
            {
                var (series, benchmark) = data(t);
                return TargetEvaluator.Evaluate(t, indicators[t.IndicatorCode], series, asOf, benchmark,
                    scopeNames?.GetValueOrDefault(t.ScopeCode));
            })
            .ToLookup(e => e.GoalId);
        var children = goals.Where(g => g.ParentGoalId is not null).ToLookup(g => g.ParentGoalId!.Value);
        GoalEvaluation Roll(Goal goal) =>
            GoalEvaluation.Roll(goal, evaluations[goal.Id].ToList(), children[goal.Id].Select(Roll).ToList());
        var strategic = goals.Where(g => g.ParentGoalId is null).Select(Roll).ToList();
        var ordered = strategic
            .OrderBy(g => g.Score ?? double.MaxValue)
            .ThenByDescending(g => g.Counts.OffTrack)
            .ThenBy(g => g.Goal.Key, StringComparer.Ordinal)
            .ToList();
        return new PlanEvaluation(plan.Slug, asOf, ordered, StatusCounts.Of(ordered.SelectMany(g => g.Targets.Concat(g.SubGoals.SelectMany(s => s.Targets)))));
    }
}
