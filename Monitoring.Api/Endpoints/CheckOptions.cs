namespace Monitoring.Api.Endpoints;

/// <summary>Limits for the goal-framework check, bound from <c>Monitoring:Checks</c>.</summary>
public sealed class CheckOptions
{
    public const string SectionName = "Monitoring:Checks";

    public int MaxStrategicGoals { get; set; } = 5;

    public int MaxIndicatorsPerGoal { get; set; } = 4;
}
