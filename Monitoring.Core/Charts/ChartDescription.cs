namespace Monitoring.Core.Charts;

/// <summary>How a line is drawn; every output (API, dashboard, PDF) uses the same styles.</summary>
public enum SeriesStyle
{
    Observed,
    Benchmark,
    Trajectory,
    Projection,
}

/// <summary>A point on the time axis (fractional years); a null value is a gap (missing or suppressed).</summary>
public readonly record struct ChartPoint(double X, double? Y);

public sealed record ChartSeries(string Name, SeriesStyle Style, IReadOnlyList<ChartPoint> Points);

/// <summary>A confidence band (Wilson 95 %) around survey values.</summary>
public sealed record ChartBand(string Name, IReadOnlyList<(double X, double Low, double High)> Points);

public sealed record ChartMarker(double X, double Y, string Label);

/// <summary>
/// What a chart shows, independent of how it is drawn: the series, the target, comments and the
/// status. Built from the goal engine's figures; tests check this, the renderer draws it.
/// </summary>
public sealed record ChartDescription(
    string Title,
    string AltText,
    string UnitSuffix,
    int Decimals,
    IReadOnlyList<ChartSeries> Series,
    ChartBand? Band,
    ChartMarker? Target,
    IReadOnlyList<ChartMarker> Comments,
    string? StatusText,
    string? StatusColor)
{
    public IEnumerable<double> AllY =>
        Series.SelectMany(s => s.Points).Where(p => p.Y is not null).Select(p => p.Y!.Value)
            .Concat(Band?.Points.SelectMany(p => new[] { p.Low, p.High }) ?? [])
            .Concat(Target is null ? [] : [Target.Y]);

    public IEnumerable<double> AllX =>
        Series.SelectMany(s => s.Points).Select(p => p.X).Concat(Target is null ? [] : [Target.X]);

    /// <summary>The y range drawn: every value and the target, with a margin.</summary>
    public (double Min, double Max) YRange
    {
        get
        {
            var ys = AllY.ToList();
            if (ys.Count == 0)
                return (0, 1);
            var (min, max) = (ys.Min(), ys.Max());
            var margin = Math.Max((max - min) * 0.1, Math.Abs(max) * 0.02 + 0.5);
            return (min - margin, max + margin);
        }
    }

    public (double Min, double Max) XRange
    {
        get
        {
            var xs = AllX.ToList();
            return xs.Count == 0 ? (2010, 2026) : (xs.Min() - 0.5, xs.Max() + 0.5);
        }
    }
}
