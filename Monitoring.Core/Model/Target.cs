using Monitoring.Core.Periods;

namespace Monitoring.Core.Model;

/// <summary>
/// What a goal wants of one indicator in one scope: from a baseline to a target value by a target
/// period. A missing baseline value is taken from the data at the baseline period.
/// </summary>
public sealed record Target(
    long Id,
    long GoalId,
    string IndicatorCode,
    string ScopeCode,
    string Subgroup,
    Period? BaselinePeriod,
    double? BaselineValue,
    Period? TargetPeriod,
    double? TargetValue,
    double Tolerance,
    double Weight,
    string? BenchmarkScopeCode,
    IReadOnlyList<Milestone> Milestones);

public sealed record Milestone(Period Period, double Value);
