using Monitoring.Api.Dashboard;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Core.Statistics;
using static Monitoring.Tests.Core.Evaluation.EvaluationFixtures;

namespace Monitoring.Tests.Core.Evaluation;

/// <summary>
/// The cases of issue 11 that a board would dispute, pinned against DESIGN §5 (the same rules as the
/// independent reference in samples/tools/check_samples.py).
/// </summary>
public class StatusRulesTests
{
    private static readonly Indicator Band = OutsideLabourMarket with { Direction = Direction.TargetBand, Unit = IndicatorUnit.Index };

    [Test]
    public void Worse_than_baseline_is_not_on_track_even_when_the_projection_reaches_the_target()
    {
        // Higher is better, 40 → 38. Theil–Sen through (0, 40), (1, 30), (2, 32), (3, 34), (4, 38): slope 2,
        // intercept 28, so the projection at 2026 (s = 8) is 44 = the target: the line reaches it, the value is worse.
        var result = TargetEvaluator.Evaluate(Target(baseline: 40, target: 44), Employment,
            Yearly((2018, 40), (2019, 30), (2020, 32), (2021, 34), (2022, 38)));

        Assert.That(result.ProjectionAtTarget, Is.EqualTo(44).Within(1e-9));
        Assert.That(result.Status, Is.EqualTo(TargetStatus.OffTrack));
        Assert.That(result.DecidedBy, Is.EqualTo(Decision.NotImproved));
    }

    [Test]
    public void When_the_projection_decides_the_sentence_states_it_with_its_method_and_value()
    {
        // Progress (50 − 44)/12.5 = 0.48 behind the line's 0.5 with no tolerance; Theil–Sen gives 37.25 ≤ 37.5.
        var result = TargetEvaluator.Evaluate(Target(target: 37.5, tolerance: 0), OutsideLabourMarket,
            Yearly((2018, 50), (2019, 50), (2020, 49.5), (2021, 46), (2022, 44)), scopeName: "Solhaven");

        Assert.That(result.Status, Is.EqualTo(TargetStatus.OnTrack));
        Assert.That(result.DecidedBy, Is.EqualTo(Decision.Projection));
        Assert.That(result.ExplanationDa, Does.Contain("fremskrivningen (Theil–Sen-linjen gennem målingerne fra baseline) giver 37,3 % i 2026"));
        Assert.That(result.ExplanationEn, Does.Contain("the projection (Theil–Sen line through the points from the baseline) gives 37.3 % in 2026"));
    }

    [Test]
    public void A_missed_target_period_is_never_on_track()
    {
        // Target 50 in 2020, 48 in 2021: the line through a past target period reaching it says nothing.
        var result = TargetEvaluator.Evaluate(Target(baseline: 40, target: 50, targetPeriod: "2020"), Employment,
            Yearly((2018, 40), (2019, 45), (2020, 49), (2021, 48)));

        Assert.That(result.Status, Is.EqualTo(TargetStatus.AtRisk));
        Assert.That(result.DecidedBy, Is.EqualTo(Decision.DeadlinePassed));
        Assert.That(result.ExplanationDa, Does.Contain("målperioden 2020 er nået uden at målet blev nået"));
    }

    [Test]
    public void A_missed_target_period_and_worse_than_baseline_is_off_track()
    {
        var result = TargetEvaluator.Evaluate(Target(baseline: 40, target: 50, targetPeriod: "2020"), Employment,
            Yearly((2018, 40), (2019, 45), (2020, 39)));

        Assert.That(result.Status, Is.EqualTo(TargetStatus.OffTrack));
    }

    [Test]
    public void Overshooting_a_band_is_off_track_and_progress_is_never_above_100_percent()
    {
        // Band 25 ± 0.5 (tolerance 0.1 · |25 − 20|). Distance 4.5 at baseline, 9.5 at 35: it grew.
        var result = TargetEvaluator.Evaluate(Target(baseline: 20, target: 25, tolerance: 0.1), Band,
            Yearly((2018, 20), (2020, 30), (2022, 35)));

        Assert.That(result.Status, Is.EqualTo(TargetStatus.OffTrack));
        Assert.That(result.Progress, Is.EqualTo((4.5 - 9.5) / 4.5).Within(1e-12));
        Assert.That(result.DisplayProgress, Is.LessThanOrEqualTo(1));
        Assert.That(result.ExplanationDa, Does.Contain("mellem 24,5 og 25,5"));
    }

    [Test]
    public void Inside_the_band_is_achieved_and_closing_in_on_it_counts_as_progress()
    {
        var inside = TargetEvaluator.Evaluate(Target(baseline: 20, target: 25, tolerance: 0.1), Band,
            Yearly((2018, 20), (2020, 23), (2022, 25.4)));
        var closing = TargetEvaluator.Evaluate(Target(baseline: 20, target: 25, tolerance: 0.1), Band,
            Yearly((2018, 20), (2020, 22), (2022, 23)));

        Assert.That(inside.Status, Is.EqualTo(TargetStatus.Achieved));
        Assert.That(inside.ExplanationDa, Does.Contain("Status: nået, fordi den seneste værdi, 25,4, ligger i målbåndet."),
            "an achieved status says which value reached what, not that the target is reached because it is reached");
        Assert.That(closing.Progress, Is.EqualTo((4.5 - 1.5) / 4.5).Within(1e-12));
        Assert.That(closing.Status, Is.EqualTo(TargetStatus.OnTrack), "two thirds closed at half time");
    }

    [Test]
    public void A_band_where_baseline_equals_target_drifting_away_is_off_track()
    {
        var result = TargetEvaluator.Evaluate(Target(baseline: 20, target: 20), Band,
            Yearly((2018, 20), (2020, 22), (2022, 25)));

        Assert.That(result.Status, Is.EqualTo(TargetStatus.OffTrack));
        Assert.That(result.Progress, Is.Null);
    }

    [Test]
    public void Tiny_p_values_are_not_rounded_to_zero()
    {
        var rising = Enumerable.Range(0, 40).Select(i => (double)i).ToList();
        var mannKendall = MannKendall.Test(rising);
        var ols = OrdinaryLeastSquares.Fit(Enumerable.Range(0, 20).Select(i => new TimePoint(2000 + i, i + (i % 2 == 0 ? 1e-4 : -1e-4))).ToList())!;
        var proportions = Proportions.TwoProportionTest(100, 1000, 900, 1000);

        Assert.That(mannKendall.Method, Is.EqualTo(PValueMethod.NormalApproximation));
        Assert.That(mannKendall.PValue, Is.GreaterThan(0).And.LessThan(1e-16));
        Assert.That(ols.PValue, Is.GreaterThan(0).And.LessThan(1e-16));
        Assert.That(proportions.PValue, Is.GreaterThan(0).And.LessThan(1e-16));
    }

    [Test]
    public void Points_inside_a_yearly_baseline_period_are_not_after_it()
    {
        var quarters = new[] { "2019Q1", "2019Q2", "2019Q3", "2019Q4" };
        IReadOnlyList<Observation> Quarterly(params string[] periods) => periods.Select((p, i) =>
            new Observation("BESK", "AREA", Period.Parse(p), "", 50 - i, null, null, ObservationFlags.None, 1)).ToList();

        var within = TargetEvaluator.Evaluate(Target(baselinePeriod: "2019"), OutsideLabourMarket, Quarterly(quarters));
        var later = TargetEvaluator.Evaluate(Target(baselinePeriod: "2019"), OutsideLabourMarket, Quarterly([.. quarters, "2020Q1"]));

        Assert.That(within.Status, Is.EqualTo(TargetStatus.InsufficientData));
        Assert.That(later.PointsFromBaseline, Is.EqualTo(2), "the baseline and 2020K1");
        Assert.That(later.Latest!.Period, Is.EqualTo(Period.Parse("2020Q1")));
    }

    [Test]
    public void A_withheld_baseline_is_said_to_be_withheld_not_missing()
    {
        IReadOnlyList<Observation> series =
        [
            new("BESK", "AREA", Period.OfYear(2018), "", null, null, null, ObservationFlags.Suppressed, 1),
            .. Yearly((2020, 45), (2022, 44)),
        ];

        var result = TargetEvaluator.Evaluate(Target(baseline: null), OutsideLabourMarket, series, scopeName: "Solhaven");

        Assert.That(result.Status, Is.EqualTo(TargetStatus.InsufficientData));
        Assert.That(result.ExplanationDa, Does.Contain("tilbageholdt").And.Not.Contain("ingen måling"));
        Assert.That(result.ExplanationDa, Does.StartWith("Andel uden for arbejdsmarkedet i Solhaven"));
    }

    [Test]
    public void The_sentence_names_indicator_and_area_and_states_the_tolerance_when_it_decided()
    {
        // 2022: progress (50 − 45.4)/10 = 0.46, expected 0.5: behind the line by less than the tolerance 0.05.
        var result = TargetEvaluator.Evaluate(Target(), OutsideLabourMarket, Yearly((2018, 50), (2022, 45.4)), scopeName: "Solhaven");

        Assert.That(result.DecidedBy, Is.EqualTo(Decision.WithinTolerance));
        Assert.That(result.ExplanationDa, Is.EqualTo(
            "Andel uden for arbejdsmarkedet i Solhaven er faldet fra 50,0 % i 2018 (baseline) til 45,4 % i 2022; målet er 40,0 % i 2026. " +
            "På en lige linje fra baseline til målet skulle værdien være 45,0 % i 2022. " +
            "Status: på sporet, fordi udviklingen er lidt bag den lige linje, men inden for tolerancen på 5 % af vejen fra baseline til målet."));
        Assert.That(result.ExplanationEn, Does.StartWith("Andel uden for arbejdsmarkedet in Solhaven fell from 50.0 % in 2018 (baseline) to 45.4 % in 2022"));
    }

    [TestCase(0.625, "63 %")]
    [TestCase(0.615, "62 %")]
    [TestCase(-0.625, "-63 %")]
    public void A_share_reads_the_same_on_the_dashboard_as_from_the_one_formatter(double share, string expected)
    {
        Assert.That(ValueFormat.Percent(share), Is.EqualTo(expected.Replace("-", "\u2212", StringComparison.Ordinal)).Or.EqualTo(expected));
        Assert.That(Html.Percent(share), Is.EqualTo(ValueFormat.Percent(share)));
        Assert.That(Html.Number(62.5, 0), Is.EqualTo("63"));
        Assert.That(ValueFormat.Da(1.005, 2), Is.EqualTo("1,01"), "half away from zero as the reader sees the number, not its binary neighbour");
    }
}
