namespace Monitoring.Ingest.Metadata;

/// <summary>
/// A plan with its goal framework as written by a person: in <c>samples/plans/*.json</c> or posted
/// to <c>/api/v1/plans</c>. Validated by <see cref="PlanDefinitionValidator"/> before it is stored.
/// </summary>
public sealed record PlanDefinition(
    string Slug,
    string Name,
    string MunicipalityCode,
    string FundingPeriod,
    string? Status,
    IReadOnlyList<string>? Areas,
    IReadOnlyList<GoalDefinition>? Goals);

public sealed record GoalDefinition(
    string Key,
    string Title,
    string? Kind,
    string? Description,
    string? FocusArea,
    string? OwningBody,
    IReadOnlyList<TargetDefinition>? Targets,
    IReadOnlyList<GoalDefinition>? SubGoals);

/// <summary>A target as written; absent tolerance and weight take the documented defaults when stored.</summary>
public sealed record TargetDefinition(
    string Indicator,
    string Scope,
    string? Subgroup,
    string? BaselinePeriod,
    double? BaselineValue,
    string? TargetPeriod,
    double? TargetValue,
    double? Tolerance,
    double? Weight,
    string? BenchmarkScope,
    IReadOnlyList<MilestoneDefinition>? Milestones)
{
    /// <summary>No slack unless the plan states one (README: Goal status); stored, so what is shown is what was judged.</summary>
    public const double DefaultTolerance = 0;
}

public sealed record MilestoneDefinition(string Period, double Value);
