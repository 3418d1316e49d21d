using System.Globalization;
using Monitoring.Core.Charts;
using Monitoring.Core.Evaluation;
using ScottPlot;

namespace Monitoring.Ingest.Reports;

/// <summary>
/// A goal at a glance: one bar per target showing progress from baseline (0 %) to target
/// (100 %), coloured and labelled by status, with a black tick where the straight line says it
/// should be now. Targets without enough data show no bar and say so in their label.
/// </summary>
public static class GoalOverviewChart
{
    public static Plot Build(GoalEvaluation goal, IReadOnlyDictionary<string, string> indicatorNames)
    {
        var targets = goal.Targets.Concat(goal.SubGoals.SelectMany(s => s.Targets)).ToList();
        ChartRenderer.EnsureFonts();
        var plot = new Plot();
        plot.Font.Set(ChartRenderer.FontName);
        var labels = new List<string>();
        for (var i = 0; i < targets.Count; i++)
        {
            var t = targets[i];
            var position = targets.Count - 1 - i;
            var progress = Math.Clamp(t.Progress ?? 0, -0.5, 1.5) * 100;
            var bar = plot.Add.Bar(position, progress);
            bar.Horizontal = true;
            bar.Color = Color.FromHex(StatusPalette.Color(t.Status));
            if (t.ExpectedProgress is { } expected)
                plot.Add.Marker(expected * 100, position, MarkerShape.VerticalBar, 14, Colors.Black);
            var name = indicatorNames.GetValueOrDefault(t.IndicatorCode, t.IndicatorCode);
            labels.Add(Wrap($"{StatusPalette.Symbol(t.Status)} {name}", LabelWidth));
        }
        plot.Axes.Left.SetTicks(Enumerable.Range(0, targets.Count).Select(p => (double)(targets.Count - 1 - p)).ToArray(), labels.ToArray());
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = x => x.ToString("0", CultureInfo.InvariantCulture) + " %",
        };
        plot.Axes.SetLimits(-50, 150, -0.7, Math.Max(0.7, targets.Count - 0.3));
        plot.Add.VerticalLine(100, 1, Color.FromHex(StatusPalette.Target), LinePattern.Dashed);
        plot.Title(Wrap(goal.Goal.Title, 70));
        plot.Axes.Bottom.Label.Text = "Fremdrift mod målet (| = forventet nu)";
        return plot;
    }

    /// <summary>Characters per line of a target's label: the labels wrap onto more lines instead of being cut.</summary>
    public const int LabelWidth = 30;

    /// <summary>
    /// Breaks text at spaces into lines of at most <paramref name="width"/> characters (a longer word
    /// stands alone on its line); the chart measures the lines and makes room, so nothing is cut off.
    /// </summary>
    public static string Wrap(string text, int width)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
                line = line.Length == 0 ? word : line + " " + word;
        }
        if (line.Length > 0)
            lines.Add(line);
        return string.Join('\n', lines);
    }

    public static string Svg(GoalEvaluation goal, IReadOnlyDictionary<string, string> names, int width, int height)
    {
        var svg = Build(goal, names).GetSvgXml(width, height);
        var close = svg.IndexOf('>', svg.IndexOf("<svg", StringComparison.Ordinal));
        var title = System.Security.SecurityElement.Escape($"{goal.Goal.Title}: fremdrift mod målene") ?? "";
        var desc = System.Security.SecurityElement.Escape(
            $"Status {TargetStatusText.Danish(goal.Status)}: {goal.Counts.Achieved} nået, {goal.Counts.OnTrack} på sporet, {goal.Counts.AtRisk} i risiko, {goal.Counts.OffTrack} ikke på sporet, {goal.Counts.InsufficientData} med for få data.") ?? "";
        return svg.Insert(close + 1, $"<title>{title}</title><desc>{desc}</desc>");
    }
}
