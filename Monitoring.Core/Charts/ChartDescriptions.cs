using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using Monitoring.Core.Statistics;

namespace Monitoring.Core.Charts;

/// <summary>Builds chart descriptions from the goal engine's evaluations and from plain series.</summary>
public static class ChartDescriptions
{
    /// <summary>
    /// Largest magnitude a chart draws. Imports stop far below (10^12), but a target definition's given
    /// baseline or target can be near 10^308, where the renderer's axis spans and margins overflow;
    /// such a line or marker is left out (the status beside the chart says why) instead of failing.
    /// </summary>
    public const double MaxDrawable = 1e150;

    private static bool Drawable(params ReadOnlySpan<double> values)
    {
        foreach (var value in values)
        {
            if (!double.IsFinite(value) || Math.Abs(value) > MaxDrawable)
                return false;
        }
        return true;
    }

    /// <summary>A target's trend chart: observed values, straight trajectory, Theil–Sen projection, target, benchmark, band, comments.</summary>
    public static ChartDescription ForTarget(
        TargetEvaluation evaluation, Indicator indicator, string scopeName, IReadOnlyList<Observation>? benchmark,
        string? benchmarkName, IReadOnlyList<Comment> comments)
    {
        var series = new List<ChartSeries> { Observed(indicator, evaluation.Series) };
        if (evaluation is { Baseline: { } b, Target: { } t } && Drawable(b.Value, t.Value))
        {
            series.Add(new ChartSeries("Ret linje mod målet", SeriesStyle.Trajectory,
                [new(b.Period.Position, b.Value), new(t.Period.Position, t.Value)]));
        }
        if (evaluation is { Latest: { } latest, Target: { } target, ProjectionAtTarget: { } projection }
            && Drawable(projection, evaluation.TheilSen?.ValueAt(latest.Period.Position) ?? latest.Value))
        {
            series.Add(new ChartSeries("Fremskrivning (tendens)", SeriesStyle.Projection,
                [new(latest.Period.Position, evaluation.TheilSen?.ValueAt(latest.Period.Position) ?? latest.Value), new(target.Period.Position, projection)]));
        }
        if (benchmark is { Count: > 0 })
            series.Add(Benchmark(benchmarkName ?? "Benchmark", benchmark));
        var status = $"{StatusPalette.Symbol(evaluation.Status)} {TargetStatusText.Danish(evaluation.Status)}";
        var alt = $"Udviklingen i {indicator.Name} for {scopeName}: {evaluation.ExplanationDa}";
        return new ChartDescription(
            indicator.Name, alt, Suffix(indicator), indicator.Decimals, series, Band(indicator, evaluation.Series),
            evaluation.Target is { } tv && Drawable(tv.Value) ? new ChartMarker(tv.Period.Position, tv.Value, $"Mål {tv.Period.ToDanishString()}") : null,
            Markers(comments, evaluation.Series), status, StatusPalette.Color(evaluation.Status));
    }

    /// <summary>An indicator's series in one area, with an optional benchmark; no target.</summary>
    public static ChartDescription ForSeries(
        Indicator indicator, string scopeName, IReadOnlyList<Observation> observations, IReadOnlyList<Observation>? benchmark,
        string? benchmarkName, IReadOnlyList<Comment> comments)
    {
        var points = observations.OrderBy(o => o.Period)
            .Select(o => new SeriesPoint(o.Period, o.Value ?? double.NaN, o.Numerator, o.Denominator)).ToList();
        var series = new List<ChartSeries> { Observed(indicator, points) };
        if (benchmark is { Count: > 0 })
            series.Add(Benchmark(benchmarkName ?? "Benchmark", benchmark));
        var shown = points.Where(p => !double.IsNaN(p.Value)).ToList();
        var alt = shown.Count == 0
            ? $"{indicator.Name} for {scopeName}: ingen viste værdier."
            : $"{indicator.Name} for {scopeName} fra {shown[0].Period.ToDanishString()} til {shown[^1].Period.ToDanishString()}; seneste værdi {ValueFormat.Da(shown[^1].Value, indicator)}.";
        return new ChartDescription(indicator.Name, alt, Suffix(indicator), indicator.Decimals, series,
            Band(indicator, shown), null, Markers(comments, shown), null, null);
    }

    private static ChartSeries Observed(Indicator indicator, IReadOnlyList<SeriesPoint> points) =>
        new("Målt", SeriesStyle.Observed, points.Select(p => new ChartPoint(p.T, double.IsNaN(p.Value) ? null : p.Value)).ToList());

    private static ChartSeries Benchmark(string name, IReadOnlyList<Observation> benchmark) =>
        new(name, SeriesStyle.Benchmark, benchmark.OrderBy(o => o.Period).Select(o => new ChartPoint(o.Period.Position, o.Value)).ToList());

    /// <summary>Survey shares with counts get a Wilson 95 % band; register figures do not.</summary>
    private static ChartBand? Band(Indicator indicator, IReadOnlyList<SeriesPoint> points)
    {
        if (indicator.Source != IndicatorSource.Survey || indicator.Unit != IndicatorUnit.Percent)
            return null;
        var band = points.Where(p => p is { Numerator: not null, Denominator: > 0 })
            .Select(p =>
            {
                var interval = Proportions.Wilson(p.Numerator!.Value, p.Denominator!.Value);
                return (p.T, interval.Lower * 100, interval.Upper * 100);
            })
            .ToList();
        return band.Count == 0 ? null : new ChartBand("95 %-konfidensinterval", band);
    }

    private static List<ChartMarker> Markers(IReadOnlyList<Comment> comments, IReadOnlyList<SeriesPoint> points) =>
        comments.Where(c => c.Period is not null)
            .Select(c =>
            {
                var at = points.FirstOrDefault(p => p.Period == c.Period!.Value);
                return at is null || double.IsNaN(at.Value) ? null : new ChartMarker(at.T, at.Value, c.Text);
            })
            .OfType<ChartMarker>()
            .ToList();

    private static string Suffix(Indicator indicator) => indicator.Unit switch
    {
        IndicatorUnit.Percent => " %",
        IndicatorUnit.Dkk => " kr.",
        _ => "",
    };
}
