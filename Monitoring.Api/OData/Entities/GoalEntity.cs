namespace Monitoring.Api.OData.Entities;

/// <summary>A strategic goal or sub-goal (entity set <c>Goals</c>); sub-goals name their parent.</summary>
public sealed class GoalEntity
{
    public long Id { get; set; }
    public long PlanId { get; set; }
    public string PlanSlug { get; set; } = "";
    public long? ParentGoalId { get; set; }
    public string Kind { get; set; } = "";
    public string Key { get; set; } = "";
    public string Title { get; set; } = "";
    public string? Description { get; set; }
    public string? FocusArea { get; set; }
    public string OwningBody { get; set; } = "";
    public PlanEntity? Plan { get; set; }
    public List<TargetEntity> Targets { get; set; } = [];
}
