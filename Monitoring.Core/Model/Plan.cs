namespace Monitoring.Core.Model;

/// <summary>A comprehensive plan (<c>boligsocial helhedsplan</c>) for one or more housing areas.</summary>
public sealed record Plan(
    long Id,
    string Slug,
    string Name,
    string MunicipalityCode,
    string FundingPeriod,
    PlanStatus Status,
    IReadOnlyList<string> AreaCodes);

public enum PlanStatus
{
    Draft,
    Active,
    Closed,
}
