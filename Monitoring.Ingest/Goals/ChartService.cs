using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Monitoring.Core.Charts;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Caching;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Reports;

namespace Monitoring.Ingest.Goals;

/// <summary>A rendered chart and its validator.</summary>
public sealed record RenderedChart(byte[] Content, string ContentType, string ETag);

/// <summary>
/// Builds chart descriptions from the stores and the goal engine, and renders them once per
/// distinct content: the cache key is everything that is drawn, so a new import shows at once
/// while repeated requests cost nothing. A request whose data version was seen before is answered
/// from <see cref="ForVersionAsync"/> without reading anything.
/// </summary>
public sealed class ChartService(
    PlanEvaluationCache evaluations, SeriesQuery series, IndicatorStore indicators, ScopeStore scopes,
    CommentStore comments, PlanStore plans, IMemoryCache cache)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The chart a request got at one data version, under a key that names the request and the
    /// version (the API uses its ETag): while nothing is written, the same request reads nothing.
    /// A chart that does not exist is not remembered.
    /// </summary>
    public async Task<RenderedChart?> ForVersionAsync(string requestKey, Func<Task<RenderedChart?>> render)
    {
        var key = "rendered|" + requestKey;
        if (cache.TryGetValue(key, out RenderedChart? hit) && hit is not null)
            return hit;
        var chart = await render();
        if (chart is not null)
            cache.Set(key, chart, new MemoryCacheEntryOptions { Size = CacheBytes.Of(chart.Content), SlidingExpiration = Idle });
        return chart;
    }

    public async Task<ChartDescription?> ForTargetAsync(long targetId, Period? asOf, CancellationToken cancellationToken, DataVersion? version = null)
    {
        var evaluation = version is { } known
            ? await evaluations.EvaluateTargetAsync(targetId, asOf, known, cancellationToken)
            : await evaluations.EvaluateTargetAsync(targetId, asOf, cancellationToken);
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
    public async Task<RenderedChart?> GoalOverviewAsync(
        long goalId, Period? asOf, string format, int width, int height, CancellationToken cancellationToken, DataVersion? version = null)
    {
        if (await plans.PlanSlugOfGoalAsync(goalId, cancellationToken) is not { } slug)
            return null;
        var evaluation = version is { } known
            ? await evaluations.EvaluatePlanAsync(slug, asOf, known, cancellationToken)
            : await evaluations.EvaluatePlanAsync(slug, asOf, cancellationToken);
        var goal = evaluation?.Goals.Concat(evaluation.Goals.SelectMany(g => g.SubGoals)).FirstOrDefault(g => g.Goal.Id == goalId);
        if (goal is null)
            return null;
        var names = (await indicators.ListAsync(cancellationToken)).ToDictionary(i => i.Code, i => i.Name);
        var key = Hash(GoalOverviewKey(goal, names, asOf, format, width, height));
        return cache.GetOrCreate(key, entry =>
        {
            entry.SlidingExpiration = Idle;
            var content = format == "svg"
                ? Encoding.UTF8.GetBytes(GoalOverviewChart.Svg(goal, names, width, height))
                : GoalOverviewChart.Build(goal, names).GetImageBytes(width, height, ScottPlot.ImageFormat.Png);
            entry.Size = CacheBytes.Of(content);
            return new RenderedChart(content, format == "svg" ? "image/svg+xml" : "image/png", $"\"{key[..32]}\"");
        })!;
    }

    public RenderedChart Render(ChartDescription chart, string format, int width, int height, ChartVariant variant)
    {
        var key = Hash(RenderKey(chart, format, width, height, variant));
        return cache.GetOrCreate(key, entry =>
        {
            entry.SlidingExpiration = Idle;
            var content = format == "svg"
                ? Encoding.UTF8.GetBytes(ChartRenderer.Svg(chart, width, height, variant))
                : ChartRenderer.Png(chart, width, height, variant);
            entry.Size = CacheBytes.Of(content);
            return new RenderedChart(content, format == "svg" ? "image/svg+xml" : "image/png", $"\"{key[..32]}\"");
        })!;
    }

    /// <summary>
    /// Everything the goal overview draws, written out field by field. It is not left to a
    /// serialiser: System.Text.Json writes value tuples as <c>{}</c>, and a key that silently
    /// drops status and progress served yesterday's picture after an import.
    /// </summary>
    internal static string GoalOverviewKey(
        GoalEvaluation goal, IReadOnlyDictionary<string, string> names, Period? asOf, string format, int width, int height)
    {
        var key = new KeyBuilder("goal")
            .Add(goal.Goal.Id).Add(goal.Goal.Title).Add(asOf?.ToString()).Add(format).Add(width).Add(height)
            .Add(EnumText.ToText(goal.Status))
            .Add(goal.Counts.Achieved).Add(goal.Counts.OnTrack).Add(goal.Counts.AtRisk).Add(goal.Counts.OffTrack).Add(goal.Counts.InsufficientData);
        foreach (var t in goal.Targets.Concat(goal.SubGoals.SelectMany(s => s.Targets)))
        {
            key.Add(t.TargetId).Add(t.IndicatorCode).Add(names.GetValueOrDefault(t.IndicatorCode)).Add(EnumText.ToText(t.Status))
                .Add(t.Progress).Add(t.ExpectedProgress);
        }
        return key.ToString();
    }

    /// <summary>Everything <see cref="ChartRenderer"/> draws from a description, written out field by field (see <see cref="GoalOverviewKey"/>).</summary>
    internal static string RenderKey(ChartDescription chart, string format, int width, int height, ChartVariant variant)
    {
        var key = new KeyBuilder("chart")
            .Add(format).Add(width).Add(height).Add(variant.ToString())
            .Add(chart.Title).Add(chart.AltText).Add(chart.UnitSuffix).Add(chart.Decimals).Add(chart.StatusText).Add(chart.StatusColor)
            .Add(chart.Series.Count);
        foreach (var series in chart.Series)
        {
            key.Add(series.Name).Add(series.Style.ToString()).Add(series.Points.Count);
            foreach (var p in series.Points)
                key.Add(p.X).Add(p.Y);
        }
        key.Add(chart.Band?.Name).Add(chart.Band?.Points.Count);
        foreach (var (x, low, high) in chart.Band?.Points ?? [])
            key.Add(x).Add(low).Add(high);
        key.Add(chart.Target?.X).Add(chart.Target?.Y).Add(chart.Target?.Label).Add(chart.Comments.Count);
        foreach (var c in chart.Comments)
            key.Add(c.X).Add(c.Y).Add(c.Label);
        return key.ToString();
    }

    /// <summary>
    /// A cache key written field by field: numbers round-trip in the invariant culture, texts are
    /// length-prefixed so no value can run into the next, and null differs from empty.
    /// </summary>
    private sealed class KeyBuilder
    {
        private readonly StringBuilder _text = new();

        public KeyBuilder(string kind) => _text.Append(kind);

        public KeyBuilder Add(string? value)
        {
            _text.Append('|');
            if (value is null)
                _text.Append('~');
            else
                _text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
            return this;
        }

        public KeyBuilder Add(long? value) => Add(value?.ToString(CultureInfo.InvariantCulture));

        public KeyBuilder Add(double? value) => Add(value?.ToString("R", CultureInfo.InvariantCulture));

        public override string ToString() => _text.ToString();
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
