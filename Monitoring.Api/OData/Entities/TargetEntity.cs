namespace Monitoring.Api.OData.Entities;

/// <summary>A target (entity set <c>Targets</c>), with the codes and names a report joins on.</summary>
public sealed class TargetEntity
{
    public long Id { get; set; }
    public long GoalId { get; set; }
    public long PlanId { get; set; }
    public string PlanSlug { get; set; } = "";
    public string IndicatorCode { get; set; } = "";
    public string AreaCode { get; set; } = "";
    public string Subgroup { get; set; } = "";
    public string? BaselinePeriod { get; set; }
    public double? BaselineValue { get; set; }
    public string? TargetPeriod { get; set; }
    public double? TargetValue { get; set; }
    public double Tolerance { get; set; }
    public double Weight { get; set; }
    public string? BenchmarkAreaCode { get; set; }
    public GoalEntity? Goal { get; set; }
    public IndicatorEntity? Indicator { get; set; }
    public AreaEntity? Area { get; set; }
}
