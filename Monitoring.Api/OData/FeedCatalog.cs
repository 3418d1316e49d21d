using Monitoring.Api.Http;
using Monitoring.Api.OData.Entities;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.OData;

/// <summary>
/// The small entity sets, read whole for one request and linked to each other so <c>$expand</c>
/// works in memory: the plans the caller may see with their goals and targets, and every indicator
/// and area. A few hundred rows at most, so filtering them in memory is cheap.
/// </summary>
public sealed record FeedCatalog(
    IReadOnlyList<PlanEntity> Plans,
    IReadOnlyList<GoalEntity> Goals,
    IReadOnlyList<TargetEntity> Targets,
    IReadOnlyDictionary<string, IndicatorEntity> Indicators,
    IReadOnlyDictionary<string, AreaEntity> Areas)
{
    public static async Task<FeedCatalog> LoadAsync(
        PlanStore plans, IndicatorStore indicators, ScopeStore scopes, IReadOnlySet<string>? visiblePlans,
        CancellationToken cancellationToken)
    {
        var indicatorsByCode = (await indicators.ListAsync(cancellationToken)).ToDictionary(i => i.Code, ToEntity, StringComparer.Ordinal);
        var areasByCode = (await scopes.ListAsync(cancellationToken)).ToDictionary(s => s.Code, ToEntity, StringComparer.Ordinal);
        var planEntities = new List<PlanEntity>();
        var goalEntities = new List<GoalEntity>();
        var targetEntities = new List<TargetEntity>();
        foreach (var plan in (await plans.ListAsync(cancellationToken)).Where(p => visiblePlans.CanSee(p.Slug)))
        {
            var planEntity = ToEntity(plan);
            planEntities.Add(planEntity);
            var goals = (await plans.GoalsAsync(plan.Id, cancellationToken)).Select(g => ToEntity(g, planEntity)).ToDictionary(g => g.Id);
            planEntity.Goals.AddRange(goals.Values);
            goalEntities.AddRange(goals.Values);
            foreach (var target in await plans.TargetsAsync(plan.Id, cancellationToken))
            {
                if (!goals.TryGetValue(target.GoalId, out var goal))
                    continue;
                var entity = ToEntity(target, goal, indicatorsByCode.GetValueOrDefault(target.IndicatorCode), areasByCode.GetValueOrDefault(target.ScopeCode));
                goal.Targets.Add(entity);
                targetEntities.Add(entity);
            }
        }
        return new FeedCatalog(planEntities, goalEntities, targetEntities, indicatorsByCode, areasByCode);
    }

    public static IndicatorEntity ToEntity(Indicator i) => new()
    {
        Code = i.Code,
        Name = i.Name,
        NameEn = i.NameEn,
        Unit = EnumText.ToText(i.Unit),
        Direction = EnumText.ToText(i.Direction),
        Source = EnumText.ToText(i.Source),
        Periodicity = EnumText.ToText(i.Periodicity),
        Decimals = i.Decimals,
        Definition = i.Definition,
        Influenceable = i.Influenceable,
    };

    public static AreaEntity ToEntity(Scope s) => new()
    {
        Code = s.Code,
        Name = s.Name,
        Kind = EnumText.ToText(s.Kind),
        MunicipalityCode = s.MunicipalityCode,
    };

    private static PlanEntity ToEntity(Plan p) => new()
    {
        Id = p.Id,
        Slug = p.Slug,
        Name = p.Name,
        MunicipalityCode = p.MunicipalityCode,
        FundingPeriod = p.FundingPeriod,
        Status = EnumText.ToText(p.Status),
    };

    private static GoalEntity ToEntity(Goal g, PlanEntity plan) => new()
    {
        Id = g.Id,
        PlanId = plan.Id,
        PlanSlug = plan.Slug,
        ParentGoalId = g.ParentGoalId,
        Kind = EnumText.ToText(g.Kind),
        Key = g.Key,
        Title = g.Title,
        Description = g.Description,
        FocusArea = g.FocusArea,
        OwningBody = g.OwningBody,
        Plan = plan,
    };

    private static TargetEntity ToEntity(Target t, GoalEntity goal, IndicatorEntity? indicator, AreaEntity? area) => new()
    {
        Id = t.Id,
        GoalId = goal.Id,
        PlanId = goal.PlanId,
        PlanSlug = goal.PlanSlug,
        IndicatorCode = t.IndicatorCode,
        AreaCode = t.ScopeCode,
        Subgroup = t.Subgroup,
        BaselinePeriod = t.BaselinePeriod?.ToString(),
        BaselineValue = t.BaselineValue,
        TargetPeriod = t.TargetPeriod?.ToString(),
        TargetValue = t.TargetValue,
        Tolerance = t.Tolerance,
        Weight = t.Weight,
        BenchmarkAreaCode = t.BenchmarkScopeCode,
        Goal = goal,
        Indicator = indicator,
        Area = area,
    };
}
