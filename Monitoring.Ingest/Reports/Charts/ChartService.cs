using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Evaluation;
using Monitoring.Ingest.Storage;

namespace Monitoring.Ingest.Reports.Charts;

/// <summary>A rendered chart and its validator.</summary>
public sealed record RenderedChart(byte[] Content, string ContentType, string ETag);

/// <summary>
/// Builds chart descriptions from the stores and the goal engine, and renders them once per
/// distinct content: the cache key is a hash of the description, so a new import shows at once
/// while repeated requests cost nothing.
/// </summary>
public sealed class ChartService(
    PlanEvaluationReader evaluations, SeriesQuery series, IndicatorStore indicators, ScopeStore scopes,
    CommentStore comments, PlanStore plans, IMemoryCache cache)
{
    public async Task<ChartDescription?> ForTargetAsync(long targetId, Period? asOf, CancellationToken cancellationToken)
    {
        var evaluation = await evaluations.EvaluateTargetAsync(targetId, asOf, cancellationToken);
        if (evaluation is null || await indicators.FindAsync(evaluation.IndicatorCode, cancellationToken) is not { } indicator)
            return null;
        var found = await plans.FindTargetAsync(targetId, cancellationToken);
        var benchmarkCode = found?.Target.BenchmarkScopeCode;
        IReadOnlyList<Observation>? benchmark = benchmarkCode is null
            ? null
            : (await series.SeriesAsync(new SeriesKey(evaluation.IndicatorCode, benchmarkCode, evaluation.Subgroup), cancellationToken))
                .Where(o => asOf is null || o.Period.EndOrdinal <= asOf.Value.EndOrdinal).ToList();
        var scopeName = (await scopes.FindAsync(evaluation.ScopeCode, cancellationToken))?.Name ?? evaluation.ScopeCode;
        var notes = (await comments.ForIndicatorAsync(evaluation.IndicatorCode, cancellationToken)).ToList();
        var benchmarkName = benchmarkCode is null ? null : (await scopes.FindAsync(benchmarkCode, cancellationToken))?.Name ?? benchmarkCode;
        return ChartDescriptions.ForTarget(evaluation, indicator, scopeName, benchmark, benchmarkName, notes);
    }

    public async Task<ChartDescription?> ForIndicatorAsync(
        string code, string area, string subgroup, Period? from, Period? to, string? benchmarkArea, CancellationToken cancellationToken)
    {
        if (await indicators.FindAsync(code, cancellationToken) is not { } indicator)
            return null;
        if (await scopes.FindAsync(area, cancellationToken) is not { } scope)
            return null;
        bool InRange(Observation o) =>
            (from is null || o.Period.StartOrdinal >= from.Value.StartOrdinal) && (to is null || o.Period.EndOrdinal <= to.Value.EndOrdinal);
        var own = (await series.SeriesAsync(new SeriesKey(code, area, subgroup), cancellationToken)).Where(InRange).ToList();
        IReadOnlyList<Observation>? benchmark = null;
        string? benchmarkName = null;
        if (benchmarkArea is not null)
        {
            benchmark = (await series.SeriesAsync(new SeriesKey(code, benchmarkArea, subgroup), cancellationToken)).Where(InRange).ToList();
            benchmarkName = (await scopes.FindAsync(benchmarkArea, cancellationToken))?.Name ?? benchmarkArea;
        }
        var notes = await comments.ForIndicatorAsync(code, cancellationToken);
        return ChartDescriptions.ForSeries(indicator, scope.Name, own, benchmark, benchmarkName, notes);
    }

    /// <summary>The goal overview chart (every target's progress against the straight line), or null for an unknown goal.</summary>
    public async Task<RenderedChart?> GoalOverviewAsync(long goalId, Period? asOf, string format, int width, int height, CancellationToken cancellationToken)
    {
        if (await plans.PlanSlugOfGoalAsync(goalId, cancellationToken) is not { } slug)
            return null;
        var evaluation = await evaluations.EvaluatePlanAsync(slug, asOf, cancellationToken);
        var goal = evaluation?.Goals.Concat(evaluation.Goals.SelectMany(g => g.SubGoals)).FirstOrDefault(g => g.Goal.Id == goalId);
        if (goal is null)
            return null;
        var names = (await indicators.ListAsync(cancellationToken)).ToDictionary(i => i.Code, i => i.Name);
        var key = Hash($"goal|{JsonSerializer.Serialize(goal.Targets.Concat(goal.SubGoals.SelectMany(s => s.Targets)).Select(t => (t.TargetId, t.Status, t.Progress, t.ExpectedProgress)))}|{goal.Goal.Title}|{format}|{width}|{height}");
        return cache.GetOrCreate(key, entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            entry.Size = 1;
            var content = format == "svg"
                ? Encoding.UTF8.GetBytes(GoalOverviewChart.Svg(goal, names, width, height))
                : GoalOverviewChart.Build(goal, names).GetImageBytes(width, height, ScottPlot.ImageFormat.Png);
            return new RenderedChart(content, format == "svg" ? "image/svg+xml" : "image/png", $"\"{key[..32]}\"");
        })!;
    }

    public RenderedChart Render(ChartDescription chart, string format, int width, int height, ChartVariant variant)
    {
        var key = Hash($"{JsonSerializer.Serialize(chart)}|{format}|{width}|{height}|{variant}");
        return cache.GetOrCreate(key, entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            entry.Size = 1;
            var content = format == "svg"
                ? Encoding.UTF8.GetBytes(ChartRenderer.Svg(chart, width, height, variant))
                : ChartRenderer.Png(chart, width, height, variant);
            return new RenderedChart(content, format == "svg" ? "image/svg+xml" : "image/png", $"\"{key[..32]}\"");
        })!;
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
