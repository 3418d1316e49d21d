using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Ingest.Goals;

/// <summary>
/// What a snapshot or stored brief keeps: the plan and its goal evaluation exactly as
/// <c>/api/v1/plans/{slug}/status</c> serves it, so "the picture the board saw" can be shown later.
/// </summary>
public sealed class PlanEvaluationSnapshotSource(PlanStore plans, PlanEvaluationReader evaluations, TimeProvider clock) : IPlanSnapshotSource
{
    /// <summary>The API's JSON conventions, with Danish letters kept as they are (the document is read by people too).</summary>
    private static readonly JsonSerializerOptions Json = new(MetadataJson.Options) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public async Task<string> SnapshotJsonAsync(string planSlug, CancellationToken cancellationToken)
    {
        var plan = await plans.FindAsync(planSlug, cancellationToken) ?? throw new PlanNotFoundException(planSlug);
        var evaluation = await evaluations.EvaluatePlanAsync(planSlug, asOf: null, cancellationToken)
            ?? throw new PlanNotFoundException(planSlug);
        var status = PlanStatusDto.From(evaluation);
        var document = new
        {
            kind = "planEvaluation",
            generatedAt = clock.GetUtcNow(),
            plan = new { plan.Slug, plan.Name, plan.MunicipalityCode, plan.FundingPeriod, plan.Status, plan.AreaCodes },
            status.Counts,
            status.NeedsAction,
            status.Goals,
        };
        return JsonSerializer.Serialize(document, Json);
    }
}
