namespace Monitoring.Api.OData.Entities;

/// <summary>A plan as the feed serves it (entity set <c>Plans</c>).</summary>
public sealed class PlanEntity
{
    public long Id { get; set; }
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string MunicipalityCode { get; set; } = "";
    public string FundingPeriod { get; set; } = "";
    public string Status { get; set; } = "";
    public List<GoalEntity> Goals { get; set; } = [];
}
