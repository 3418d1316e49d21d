using Monitoring.Core.Charts;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using static Monitoring.Tests.Core.Evaluation.EvaluationFixtures;

namespace Monitoring.Tests.Core.Charts;

public class ChartDescriptionTests
{
    private static readonly Indicator Survey = OutsideLabourMarket with { Source = IndicatorSource.Survey, Direction = Direction.HigherBetter };

    [Test]
    public void A_target_chart_has_the_observed_series_the_straight_line_the_projection_and_the_target()
    {
        var evaluation = TargetEvaluator.Evaluate(Target(), OutsideLabourMarket, Yearly((2018, 50), (2020, 49), (2022, 48)));

        var chart = ChartDescriptions.ForTarget(evaluation, OutsideLabourMarket, "Solhaven", null, null, []);

        Assert.That(chart.Series.Select(s => s.Style), Is.EqualTo(new[] { SeriesStyle.Observed, SeriesStyle.Trajectory, SeriesStyle.Projection }));
        Assert.That(chart.Series[0].Points, Has.Count.EqualTo(3));
        Assert.That(chart.Target, Is.EqualTo(new ChartMarker(2026, 40, "Mål 2026")));
        Assert.That(chart.Series[2].Points[^1].Y, Is.EqualTo(46).Within(1e-9), "projection at the target period");
        var (yMin, yMax) = chart.YRange;
        Assert.That(yMin, Is.LessThan(40), "the target is inside the y range");
        Assert.That(yMax, Is.GreaterThan(50));
        var (xMin, xMax) = chart.XRange;
        Assert.That(xMin, Is.LessThan(2018));
        Assert.That(xMax, Is.GreaterThan(2026));
        Assert.That(chart.StatusText, Does.Contain("i risiko"));
        Assert.That(chart.AltText, Does.Contain("Solhaven").And.Contain("48,0 %"));
    }

    [Test]
    public void Withheld_values_leave_a_gap_and_no_number()
    {
        var observations = Yearly((2018, 50), (2020, 49)).Append(new Observation("BESK", "AREA", Period.OfYear(2021), "", null, null, null,
            ObservationFlags.Suppressed, 1)).Concat(Yearly((2022, 48))).ToList();

        var chart = ChartDescriptions.ForSeries(OutsideLabourMarket, "Solhaven", observations, null, null, []);

        var points = chart.Series[0].Points;
        Assert.That(points.Select(p => p.X), Does.Contain(2021.0), "the period is on the axis");
        Assert.That(points.Single(p => p.X == 2021).Y, Is.Null, "but has no value");
        Assert.That(chart.AllY, Is.EquivalentTo(new[] { 50.0, 49, 48 }));
    }

    [Test]
    public void Survey_shares_with_counts_get_a_wilson_band()
    {
        var evaluation = TargetEvaluator.Evaluate(Target(baseline: null, target: 80), Survey,
            [Counted("2018", 81, 263), Counted("2022", 150, 250)]);

        var chart = ChartDescriptions.ForTarget(evaluation, Survey, "Solhaven", null, null, []);

        // Newcombe (1998): 81/263 → 25.53 % to 36.62 %.
        Assert.That(chart.Band!.Points[0].Low, Is.EqualTo(25.53).Within(0.01));
        Assert.That(chart.Band.Points[0].High, Is.EqualTo(36.62).Within(0.01));
    }

    [Test]
    public void A_benchmark_is_an_extra_series_and_comments_become_markers()
    {
        var benchmark = new[] { 2018, 2020, 2022 }
            .Select(y => new Observation("BESK", "DK", Period.OfYear(y), "", 30, null, null, ObservationFlags.None, 1)).ToList();
        var evaluation = TargetEvaluator.Evaluate(Target(benchmark: "DK"), OutsideLabourMarket,
            Yearly((2018, 50), (2020, 49), (2022, 48)), benchmark: benchmark);
        var comment = new Comment(1, "plan", null, "BESK", Period.OfYear(2020), "Sekretariatet", "Ny jobindsats", DateTimeOffset.UtcNow, CommentKinds.Note, null);

        var chart = ChartDescriptions.ForTarget(evaluation, OutsideLabourMarket, "Solhaven", benchmark, "Hele landet", [comment]);

        Assert.That(chart.Series.Single(s => s.Style == SeriesStyle.Benchmark).Name, Is.EqualTo("Hele landet"));
        Assert.That(chart.Comments.Single(), Is.EqualTo(new ChartMarker(2020, 49, "Ny jobindsats")));
        Assert.That(chart.YRange.Min, Is.LessThan(30), "the benchmark is inside the y range");
    }
}
