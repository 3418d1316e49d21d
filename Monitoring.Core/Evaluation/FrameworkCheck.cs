using Monitoring.Core.Model;

namespace Monitoring.Core.Evaluation;

/// <summary>Limits for the goal-framework check; the handbook warns against too many goals.</summary>
public sealed record FrameworkLimits(int MaxStrategicGoals = 5, int MaxIndicatorsPerGoal = 4);

public enum WarningSeverity
{
    Info,
    Warning,
}

/// <summary>One finding of the goal-framework check, naming the goal or target and why.</summary>
public sealed record FrameworkWarning(string Code, WarningSeverity Severity, long? GoalId, long? TargetId, string MessageDa, string MessageEn);

/// <summary>
/// The handbook's three pitfalls made visible: too many goals, unclear (unmeasurable or
/// incomplete) goals, and goals the plan cannot influence.
/// </summary>
public static class FrameworkCheck
{
    public static IReadOnlyList<FrameworkWarning> Check(
        IReadOnlyList<Goal> goals, IReadOnlyList<Target> targets, IReadOnlyDictionary<string, Indicator> indicators,
        FrameworkLimits? limits = null)
    {
        limits ??= new FrameworkLimits();
        var warnings = new List<FrameworkWarning>();
        var strategic = goals.Where(g => g.Kind == GoalKind.Strategic).ToList();
        if (strategic.Count > limits.MaxStrategicGoals)
        {
            warnings.Add(new("tooManyGoals", WarningSeverity.Warning, null, null,
                $"Planen har {strategic.Count} strategiske mål; håndbogen anbefaler højst {limits.MaxStrategicGoals} få og klare mål.",
                $"The plan has {strategic.Count} strategic goals; the handbook advises at most {limits.MaxStrategicGoals} few, clear goals."));
        }
        var byGoal = targets.ToLookup(t => t.GoalId);
        foreach (var goal in goals)
        {
            var own = byGoal[goal.Id].ToList();
            var indicatorCount = own.Select(t => t.IndicatorCode).Distinct().Count();
            if (indicatorCount > limits.MaxIndicatorsPerGoal)
            {
                warnings.Add(new("tooManyIndicators", WarningSeverity.Warning, goal.Id, null,
                    $"Målet '{goal.Title}' har {indicatorCount} indikatorer; højst {limits.MaxIndicatorsPerGoal} anbefales.",
                    $"Goal '{goal.Title}' has {indicatorCount} indicators; at most {limits.MaxIndicatorsPerGoal} are advised."));
            }
            if (own.Count == 0)
            {
                warnings.Add(new("noMeasurableIndicator", WarningSeverity.Warning, goal.Id, null,
                    $"Målet '{goal.Title}' har ingen målbar indikator, så fremdriften kan ikke følges.",
                    $"Goal '{goal.Title}' has no measurable indicator, so its progress cannot be followed."));
            }
            foreach (var target in own)
                CheckTarget(goal, target, indicators, warnings);
        }
        return warnings;
    }

    private static void CheckTarget(Goal goal, Target target, IReadOnlyDictionary<string, Indicator> indicators, List<FrameworkWarning> warnings)
    {
        var name = indicators.TryGetValue(target.IndicatorCode, out var indicator) ? indicator.Name : target.IndicatorCode;
        if (target.BaselinePeriod is null && target.BaselineValue is null)
        {
            warnings.Add(new("missingBaseline", WarningSeverity.Warning, goal.Id, target.Id,
                $"Målet for '{name}' under '{goal.Title}' har ingen baseline.",
                $"The target for '{name}' under '{goal.Title}' has no baseline."));
        }
        if (target.TargetValue is null || target.TargetPeriod is null)
        {
            warnings.Add(new("missingTargetValue", WarningSeverity.Warning, goal.Id, target.Id,
                $"Målet for '{name}' under '{goal.Title}' mangler målværdi eller målperiode.",
                $"The target for '{name}' under '{goal.Title}' lacks a target value or period."));
        }
        if (indicator is { Influenceable: false })
        {
            warnings.Add(new("notInfluenceable", WarningSeverity.Warning, goal.Id, target.Id,
                $"'{name}' er markeret som en indikator, planen ikke selv kan påvirke; den bør ikke være et mål under '{goal.Title}'.",
                $"'{name}' is marked as an indicator the plan cannot influence; it should not be a target under '{goal.Title}'."));
        }
    }
}
