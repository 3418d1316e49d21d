using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Monitoring.Ingest.Metadata;
using Monitoring.Ingest.Storage;

namespace Monitoring.Ingest.Jobs;

/// <summary>The plan's status document: its goals, each goal's targets, and the latest observation of each target's series.</summary>
public sealed class PlanStatusDocumentSource(PlanStore plans, PlanStatusQuery status, TimeProvider clock) : IPlanSnapshotSource
{
    /// <summary>The API's JSON conventions, with Danish letters kept as they are (the document is read by people too).</summary>
    private static readonly JsonSerializerOptions Json = new(MetadataJson.Options) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public async Task<string> SnapshotJsonAsync(string planSlug, CancellationToken cancellationToken)
    {
        var plan = await plans.FindAsync(planSlug, cancellationToken) ?? throw new PlanNotFoundException(planSlug);
        var goals = await plans.GoalsAsync(plan.Id, cancellationToken);
        var targets = (await plans.TargetsAsync(plan.Id, cancellationToken)).ToLookup(t => t.GoalId);
        var latest = await status.LatestPerTargetAsync(plan.Id, cancellationToken);
        var document = new
        {
            kind = "planStatus",
            generatedAt = clock.GetUtcNow(),
            plan = new { plan.Slug, plan.Name, plan.MunicipalityCode, plan.FundingPeriod, plan.Status, plan.AreaCodes },
            goals = goals.Select(g => new
            {
                g.Key, g.Kind, g.Title, g.FocusArea, g.OwningBody,
                parentGoal = goals.FirstOrDefault(p => p.Id == g.ParentGoalId)?.Key,
                targets = targets[g.Id].Select(t => new
                {
                    indicator = t.IndicatorCode,
                    scope = t.ScopeCode,
                    t.Subgroup,
                    baselinePeriod = t.BaselinePeriod?.ToString(),
                    t.BaselineValue,
                    targetPeriod = t.TargetPeriod?.ToString(),
                    t.TargetValue,
                    t.Tolerance,
                    t.Weight,
                    benchmarkScope = t.BenchmarkScopeCode,
                    latest = latest.GetValueOrDefault(t.Id),
                }),
            }),
        };
        return JsonSerializer.Serialize(document, Json);
    }
}
