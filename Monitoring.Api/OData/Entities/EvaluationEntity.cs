namespace Monitoring.Api.OData.Entities;

/// <summary>
/// A target's evaluation (entity set <c>Evaluations</c>, keyed by the target): status in the API's
/// words and in Danish, the figures behind it, and the period it was judged as of (null = now).
/// </summary>
public sealed class EvaluationEntity
{
    public long TargetId { get; set; }
    public long GoalId { get; set; }
    public string PlanSlug { get; set; } = "";
    public string GoalKey { get; set; } = "";
    public string IndicatorCode { get; set; } = "";
    public string AreaCode { get; set; } = "";
    public string Subgroup { get; set; } = "";
    public string? AsOf { get; set; }
    public string Status { get; set; } = "";
    public string StatusDa { get; set; } = "";
    public bool Uncertain { get; set; }
    public string? BaselinePeriod { get; set; }
    public double? BaselineValue { get; set; }
    public string? LatestPeriod { get; set; }
    public double? LatestValue { get; set; }
    public string? TargetPeriod { get; set; }
    public double? TargetValue { get; set; }
    public double? Progress { get; set; }
    public double? ExpectedProgress { get; set; }
    public double? Projection { get; set; }
    public string ExplanationDa { get; set; } = "";
    public TargetEntity? Target { get; set; }
}
