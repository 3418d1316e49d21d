using System.Globalization;
using Monitoring.Core.Charts;
using Monitoring.Core.Evaluation;
using ScottPlot;

namespace Monitoring.Ingest.Reports;

public enum ChartVariant
{
    Full,
    Sparkline,
}

/// <summary>
/// The one ScottPlot rendering of a <see cref="ChartDescription"/>, to SVG or PNG, with the shipped
/// DejaVu Sans font so output is the same on every machine, and Danish number formatting.
/// </summary>
public static class ChartRenderer
{
    public const string FontName = "DejaVu Sans";
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");
    private static readonly Lock FontLock = new();
    private static bool _fontsLoaded;

    public static string Svg(ChartDescription chart, int width, int height, ChartVariant variant)
    {
        var svg = Build(chart, variant).GetSvgXml(width, height);
        // Screen readers and search read the title and description of the image.
        var accessible = $"<title>{Escape(chart.Title)}</title><desc>{Escape(chart.AltText)}</desc>";
        var close = svg.IndexOf('>', svg.IndexOf("<svg", StringComparison.Ordinal));
        return svg.Insert(close + 1, accessible);
    }

    public static byte[] Png(ChartDescription chart, int width, int height, ChartVariant variant) =>
        Build(chart, variant).GetImageBytes(width, height, ImageFormat.Png);

    private static Plot Build(ChartDescription chart, ChartVariant variant)
    {
        EnsureFonts();
        var plot = new Plot();
        plot.Font.Set(FontName);
        var sparkline = variant == ChartVariant.Sparkline;
        if (chart.Band is { } band)
        {
            var fill = plot.Add.FillY(
                band.Points.Select(p => p.X).ToArray(), band.Points.Select(p => p.High).ToArray(), band.Points.Select(p => p.Low).ToArray());
            fill.FillColor = Color.FromHex(StatusPalette.Band).WithAlpha(0.3);
            fill.LineColor = Colors.Transparent;
            fill.LegendText = sparkline ? "" : band.Name;
        }
        foreach (var series in chart.Series)
            AddSeries(plot, series, sparkline);
        if (chart.Target is { } target)
        {
            var marker = plot.Add.Marker(target.X, target.Y, MarkerShape.FilledDiamond, sparkline ? 7 : 12, Color.FromHex(StatusPalette.Target));
            marker.LegendText = sparkline ? "" : target.Label;
        }
        foreach (var comment in chart.Comments.Where(_ => !sparkline))
        {
            var marker = plot.Add.Marker(comment.X, comment.Y, MarkerShape.OpenCircle, 14, Colors.Black);
            marker.LegendText = "";
        }

        var (yMin, yMax) = chart.YRange;
        var (xMin, xMax) = chart.XRange;
        plot.Axes.SetLimits(xMin, xMax, yMin, yMax);
        if (sparkline)
        {
            plot.Layout.Frameless();
            plot.Axes.Frameless();
            plot.HideGrid();
            return plot;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = x => Math.Abs(x - Math.Round(x)) < 1e-9 ? ((int)Math.Round(x)).ToString(CultureInfo.InvariantCulture) : "",
            IntegerTicksOnly = true,
        };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            // The one formatter, so an axis label rounds as the sentence under the chart does.
            LabelFormatter = y => ValueFormat.Number(y, Math.Min(chart.Decimals, 2), Danish) + chart.UnitSuffix,
        };
        plot.Title(chart.StatusText is null ? chart.Title : $"{chart.Title} — {chart.StatusText}");
        if (chart.StatusColor is not null)
            plot.Axes.Title.Label.ForeColor = Color.FromHex(chart.StatusColor);
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }

    private static void AddSeries(Plot plot, ChartSeries series, bool sparkline)
    {
        var (color, pattern, markers) = series.Style switch
        {
            SeriesStyle.Observed => (StatusPalette.Observed, LinePattern.Solid, true),
            SeriesStyle.Benchmark => (StatusPalette.Benchmark, LinePattern.Solid, false),
            SeriesStyle.Trajectory => (StatusPalette.Trajectory, LinePattern.Dotted, false),
            _ => (StatusPalette.Projection, LinePattern.Dashed, false),
        };
        var first = true;
        // A gap (missing or withheld value) breaks the line: each unbroken run is drawn on its own.
        foreach (var run in Runs(series.Points))
        {
            var scatter = plot.Add.Scatter(run.Select(p => p.X).ToArray(), run.Select(p => p.Y!.Value).ToArray());
            scatter.Color = Color.FromHex(color);
            scatter.LinePattern = pattern;
            scatter.LineWidth = sparkline ? 1.5f : 2;
            scatter.MarkerSize = markers ? (sparkline ? 3 : 6) : 0;
            scatter.LegendText = first && !sparkline ? series.Name : "";
            first = false;
        }
    }

    private static IEnumerable<List<ChartPoint>> Runs(IReadOnlyList<ChartPoint> points)
    {
        var run = new List<ChartPoint>();
        foreach (var point in points.OrderBy(p => p.X))
        {
            if (point.Y is null)
            {
                if (run.Count > 0)
                    yield return run;
                run = [];
                continue;
            }
            run.Add(point);
        }
        if (run.Count > 0)
            yield return run;
    }

    internal static void EnsureFonts()
    {
        lock (FontLock)
        {
            if (_fontsLoaded)
                return;
            var folder = Path.Combine(AppContext.BaseDirectory, "Assets", "Fonts");
            Fonts.AddFontFile(FontName, Path.Combine(folder, "DejaVuSans.ttf"), bold: false, italic: false);
            Fonts.AddFontFile(FontName, Path.Combine(folder, "DejaVuSans-Bold.ttf"), bold: true, italic: false);
            Fonts.Default = FontName;
            _fontsLoaded = true;
        }
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text) ?? "";
}
