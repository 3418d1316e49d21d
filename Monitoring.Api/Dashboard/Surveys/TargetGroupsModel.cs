using Monitoring.Core.Model;
using Monitoring.Core.Surveys;

namespace Monitoring.Api.Dashboard.Surveys;

/// <summary>What the target-group page shows: the comparison, and the plan's other areas and the indicator's waves to move between.</summary>
public sealed record TargetGroupsModel(string PlanSlug, string PlanName, TargetGroupComparison Comparison, IReadOnlyList<Scope> Areas)
{
    public string Link(string area, string wave) =>
        $"/planer/{Uri.EscapeDataString(PlanSlug)}/undersoegelser/{Uri.EscapeDataString(Comparison.Indicator.Code)}?area={Uri.EscapeDataString(area)}&wave={Uri.EscapeDataString(wave)}";

    public string ChartUrl =>
        $"/api/v1/charts/surveys/{Uri.EscapeDataString(Comparison.Indicator.Code)}.svg?area={Uri.EscapeDataString(Comparison.Area.Code)}&wave={Uri.EscapeDataString(Comparison.Wave.ToString())}";
}
