using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Monitoring.Api.Http;
using Monitoring.Api.OData.Entities;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Api.OData.Controllers;

/// <summary>
/// <c>/odata/Evaluations</c>: every target of the plans the caller may see, evaluated now; as of an
/// earlier period with <c>?asOf=2021</c> (the data up to then, as <c>/api/v1/plans/{slug}/status?asOf=</c>
/// evaluates it); or as of a date with <c>?asOf=2021-06-30</c>: the picture the board saw that day, read
/// from each plan's latest nightly snapshot on or before it (as <c>/api/v1/plans/{slug}/snapshots/{date}</c>
/// serves it), <c>AsOf</c> naming the snapshot's date. A plan with no snapshot by then has no rows.
/// <c>asOf</c> is a custom query option, kept in every next link.
/// </summary>
public sealed class EvaluationsController(
    PlanStore plans, IndicatorStore indicators, ScopeStore scopes, PlanEvaluationCache evaluations, PlanSnapshotStore snapshots) : ODataController
{
    private const string AsOfHelp = "a period (2021, 2021H1, 2021Q3 or 2021-05) or a date (2021-06-30) for the stored snapshot on or before it";

    [FeedQuery]
    public async Task<ActionResult<IQueryable<EvaluationEntity>>> Get([FromQuery] string? asOf, CancellationToken cancellationToken)
    {
        if (!TryAsOf(asOf, out var period, out var date))
            return BadRequest($"asOf '{asOf}' is neither {AsOfHelp}.");
        return Ok((await EvaluateAsync(period, date, cancellationToken)).AsQueryable());
    }

    [FeedQuery]
    public async Task<ActionResult<EvaluationEntity>> Get(long key, [FromQuery] string? asOf, CancellationToken cancellationToken)
    {
        if (!TryAsOf(asOf, out var period, out var date))
            return BadRequest($"asOf '{asOf}' is neither {AsOfHelp}.");
        return (await EvaluateAsync(period, date, cancellationToken)).FirstOrDefault(e => e.TargetId == key) is { } found ? found : NotFound();
    }

    /// <summary>A date is tried first: 2021-06 is a month, 2021-06-30 a day, and neither reads as the other.</summary>
    private static bool TryAsOf(string? text, out Period? period, out DateOnly? date)
    {
        period = null;
        date = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            date = day;
            return true;
        }
        if (!Period.TryParse(text.Trim(), out var parsed))
            return false;
        period = parsed;
        return true;
    }

    private async Task<List<EvaluationEntity>> EvaluateAsync(Period? asOf, DateOnly? date, CancellationToken cancellationToken)
    {
        if (date is { } day)
            return await FromSnapshotsAsync(day, cancellationToken);
        return await EvaluateAsync(asOf, cancellationToken);
    }

    private async Task<List<EvaluationEntity>> FromSnapshotsAsync(DateOnly date, CancellationToken cancellationToken)
    {
        var catalog = await FeedCatalog.LoadAsync(plans, indicators, scopes, PlanVisibility.VisiblePlanSlugs(User), cancellationToken);
        var targets = catalog.Targets.ToDictionary(t => t.Id);
        var result = new List<EvaluationEntity>();
        foreach (var plan in catalog.Plans)
        {
            if (await snapshots.FindAsync(plan.Slug, date, cancellationToken) is not { } snapshot)
                continue;
            var asOf = snapshot.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            using var document = JsonDocument.Parse(snapshot.Content);
            if (!document.RootElement.TryGetProperty("goals", out var goals))
                continue;
            foreach (var (goalKey, target) in SnapshotTargets(goals))
            {
                var evaluation = target.Deserialize<SnapshotTarget>(MetadataJson.Options);
                if (evaluation is null)
                    continue;
                result.Add(ToEntity(plan.Slug, goalKey, evaluation, asOf, targets.GetValueOrDefault(evaluation.TargetId)));
            }
        }
        return result;
    }

    /// <summary>The snapshot's targets with their goal's key, strategic goals before their sub-goals, as the feed orders them now.</summary>
    private static IEnumerable<(string GoalKey, JsonElement Target)> SnapshotTargets(JsonElement goals)
    {
        foreach (var goal in goals.EnumerateArray())
        {
            var key = goal.TryGetProperty("key", out var k) ? k.GetString() ?? "" : "";
            if (goal.TryGetProperty("targets", out var targets))
            {
                foreach (var target in targets.EnumerateArray())
                    yield return (key, target);
            }
            if (goal.TryGetProperty("subGoals", out var subGoals))
            {
                foreach (var nested in SnapshotTargets(subGoals))
                    yield return nested;
            }
        }
    }

    private async Task<List<EvaluationEntity>> EvaluateAsync(Period? asOf, CancellationToken cancellationToken)
    {
        var catalog = await FeedCatalog.LoadAsync(plans, indicators, scopes, PlanVisibility.VisiblePlanSlugs(User), cancellationToken);
        var targets = catalog.Targets.ToDictionary(t => t.Id);
        var result = new List<EvaluationEntity>();
        foreach (var plan in catalog.Plans)
        {
            var version = await evaluations.VersionAsync(cancellationToken);
            if (await evaluations.EvaluatePlanAsync(plan.Slug, asOf, version, cancellationToken) is not { } evaluation)
                continue;
            foreach (var goal in evaluation.Goals.SelectMany(g => g.SubGoals.Prepend(g)))
            {
                foreach (var target in goal.Targets)
                    result.Add(ToEntity(plan.Slug, goal.Goal.Key, SnapshotTarget.From(target), asOf?.ToString(), targets.GetValueOrDefault(target.TargetId)));
            }
        }
        return result;
    }

    private static EvaluationEntity ToEntity(string planSlug, string goalKey, SnapshotTarget e, string? asOf, TargetEntity? target) => new()
    {
        TargetId = e.TargetId,
        GoalId = e.GoalId,
        PlanSlug = planSlug,
        GoalKey = goalKey,
        IndicatorCode = e.IndicatorCode,
        AreaCode = e.ScopeCode,
        Subgroup = e.Subgroup,
        AsOf = asOf,
        Status = EnumText.ToText(e.Status),
        StatusDa = TargetStatusText.Danish(e.Status),
        Uncertain = e.Uncertain,
        BaselinePeriod = e.Baseline?.Period,
        BaselineValue = e.Baseline?.Value,
        LatestPeriod = e.Latest?.Period,
        LatestValue = e.Latest?.Value,
        TargetPeriod = e.Target?.Period,
        TargetValue = e.Target?.Value,
        Progress = e.Progress,
        ExpectedProgress = e.ExpectedProgress,
        Projection = e.ProjectionAtTarget,
        ExplanationDa = e.ExplanationDa,
        Target = target,
    };

    /// <summary>
    /// The fields of a target's evaluation the feed shows, read alike from a fresh evaluation and from
    /// a snapshot's JSON (which stores <see cref="TargetEvaluation"/> as the status route serves it);
    /// only these are read back, so a statistic added to the evaluation later never breaks old snapshots.
    /// </summary>
    private sealed record SnapshotTarget(
        long TargetId, long GoalId, string IndicatorCode, string ScopeCode, string Subgroup, TargetStatus Status, bool Uncertain,
        SnapshotValue? Baseline, SnapshotValue? Latest, SnapshotValue? Target, double? Progress, double? ExpectedProgress,
        double? ProjectionAtTarget, string ExplanationDa)
    {
        public static SnapshotTarget From(TargetEvaluation e) => new(
            e.TargetId, e.GoalId, e.IndicatorCode, e.ScopeCode, e.Subgroup, e.Status, e.Uncertain,
            SnapshotValue.From(e.Baseline), SnapshotValue.From(e.Latest), SnapshotValue.From(e.Target),
            e.Progress, e.ExpectedProgress, e.ProjectionAtTarget, e.ExplanationDa);
    }

    private sealed record SnapshotValue(string Period, double Value)
    {
        public static SnapshotValue? From(PeriodValue? value) => value is null ? null : new(value.Period.ToString(), value.Value);
    }
}
