using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using static Monitoring.Tests.Core.Evaluation.EvaluationFixtures;

namespace Monitoring.Tests.Core.Evaluation;

public class TargetEvaluatorTests
{
    // Common frame, lower is better: baseline B = 50 in 2018, target T = 40 in 2026 (8 years), tolerance 0.05.

    [Test]
    public void Reaching_the_target_value_early_is_achieved()
    {
        var result = TargetEvaluator.Evaluate(Target(), OutsideLabourMarket, Yearly((2018, 50), (2019, 45), (2020, 39)));

        Assert.That(result.Status, Is.EqualTo(TargetStatus.Achieved));
        Assert.That(result.Latest!.Value, Is.EqualTo(39));
    }

    [Test]
    public void Progress_as_far_as_the_straight_line_is_on_track()
    {
        // 2022: progress = (45 − 50)/(40 − 50) = 0.5; expected = (2022 − 2018)/8 = 0.5 ≥ 0.5 − 0.05.
        // Two points: projection on the line through baseline and latest = 50 − 1.25·8 = 40.
        var result = TargetEvaluator.Evaluate(Target(), OutsideLabourMarket, Yearly((2018, 50), (2022, 45)));

        Assert.That(result.Status, Is.EqualTo(TargetStatus.OnTrack));
        Assert.That(result.Progress, Is.EqualTo(0.5).Within(1e-12));
        Assert.That(result.ExpectedProgress, Is.EqualTo(0.5).Within(1e-12));
        Assert.That(result.ProjectionMethod, Is.EqualTo("baselineToLatest"));
        Assert.That(result.ProjectionAtTarget, Is.EqualTo(40).Within(1e-9));
    }

    [Test]
    public void Better_than_baseline_but_behind_the_line_is_at_risk_with_every_figure_shown()
    {
        // Points 50, 49, 48 in 2018, 2020, 2022: every pairwise slope is −0.5 → Theil–Sen projection
        // in 2026 = 48 − 0.5·4 = 46 (does not reach 40). Progress 0.2 < expected 0.5 − 0.05.
        // Straight line now: 50 + (40 − 50)·0.5 = 45.
        var result = TargetEvaluator.Evaluate(Target(), OutsideLabourMarket, Yearly((2018, 50), (2020, 49), (2022, 48)));

        Assert.That(result.Status, Is.EqualTo(TargetStatus.AtRisk));
        Assert.That(result.Progress, Is.EqualTo(0.2).Within(1e-12));
        Assert.That(result.ProjectionMethod, Is.EqualTo("theilSen"));
        Assert.That(result.ProjectionAtTarget, Is.EqualTo(46).Within(1e-9));
        Assert.That(result.TrajectoryNow, Is.EqualTo(45).Within(1e-9));
        Assert.That(result.NoChangeValue, Is.EqualTo(48));
        Assert.That(result.PointsFromBaseline, Is.EqualTo(3));
        Assert.That(result.Baseline, Is.EqualTo(new PeriodValue(Period.OfYear(2018), 50, "given")));
        Assert.That(result.ExplanationDa, Is.EqualTo(
            "Andel uden for arbejdsmarkedet i AREA er faldet fra 50,0 % i 2018 (baseline) til 48,0 % i 2022; målet er 40,0 % i 2026. " +
            "På en lige linje fra baseline til målet skulle værdien være 45,0 % i 2022. " +
            "Status: i risiko, fordi værdien er bedre end ved baseline, men bag den lige linje, og fremskrivningen " +
            "(Theil–Sen-linjen gennem målingerne fra baseline) giver 46,0 % i 2026, så målet ikke nås."));
        Assert.That(result.ExplanationEn, Does.StartWith("Andel uden for arbejdsmarkedet in AREA fell from 50.0 % in 2018 (baseline) to 48.0 % in 2022"));
    }

    [Test]
    public void Moving_the_wrong_way_is_off_track()
    {
        var result = TargetEvaluator.Evaluate(Target(), OutsideLabourMarket, Yearly((2018, 50), (2020, 51), (2022, 52)));

        Assert.That(result.Status, Is.EqualTo(TargetStatus.OffTrack));
        Assert.That(result.ProjectionAtTarget, Is.EqualTo(54).Within(1e-9));
        Assert.That(result.Progress, Is.EqualTo(-0.2).Within(1e-12));
    }

    [Test]
    public void A_trend_that_will_reach_the_target_is_on_track_even_when_behind_the_line_today()
    {
        // Slow start, fast recent fall: 50, 50, 49.5, 46, 44 in 2018–2022.
        // Theil–Sen slopes (10 pairs) sorted: −3.5, −2.75, −2, −2, −2, −1.5, −1.33, −0.5, −0.25, 0 → median −1.75.
        // With s = years since 2018, median(yᵢ + 1.75·sᵢ) = median(50, 51.75, 53, 51.25, 51) = 51.25, so the
        // projection at 2026 is 51.25 − 1.75·8 = 37.25.
        // T = 30: progress (50 − 44)/20 = 0.3 < 0.5 − 0.05 and 37.25 does not reach 30 → at risk.
        // T = 38: progress 0.5 would do too, so the projection 37.25 ≤ 38 is what is checked: on track.
        var harder = Target(target: 30);
        var result = TargetEvaluator.Evaluate(harder, OutsideLabourMarket, Yearly((2018, 50), (2019, 50), (2020, 49.5), (2021, 46), (2022, 44)));

        Assert.That(result.TheilSen!.Slope, Is.EqualTo(-1.75).Within(1e-12));
        Assert.That(result.Status, Is.EqualTo(TargetStatus.AtRisk));

        var reachable = Target(target: 38);
        var onTrack = TargetEvaluator.Evaluate(reachable, OutsideLabourMarket, Yearly((2018, 50), (2019, 50), (2020, 49.5), (2021, 46), (2022, 44)));
        Assert.That(onTrack.Status, Is.EqualTo(TargetStatus.OnTrack));
        Assert.That(onTrack.ProjectionAtTarget, Is.EqualTo(37.25).Within(1e-9));
    }

    [Test]
    public void Higher_is_better_flips_the_direction()
    {
        var target = Target(baseline: 40, target: 50);

        var result = TargetEvaluator.Evaluate(target, Employment, Yearly((2018, 40), (2020, 39), (2022, 38)));

        Assert.That(result.Status, Is.EqualTo(TargetStatus.OffTrack));
    }

    [Test]
    public void The_baseline_is_taken_from_the_data_when_the_target_does_not_give_it()
    {
        var result = TargetEvaluator.Evaluate(Target(baseline: null), OutsideLabourMarket, Yearly((2017, 52), (2018, 49), (2022, 44)));

        Assert.That(result.Baseline, Is.EqualTo(new PeriodValue(Period.OfYear(2018), 49, "observed")));
        Assert.That(result.Progress, Is.EqualTo(5 / 9.0).Within(1e-12));
    }

    [Test]
    public void Fewer_than_two_points_from_the_baseline_on_is_insufficient_data()
    {
        var result = TargetEvaluator.Evaluate(Target(), OutsideLabourMarket, Yearly((2016, 51), (2018, 50)));

        Assert.That(result.Status, Is.EqualTo(TargetStatus.InsufficientData));
        Assert.That(result.Reason, Does.Contain("Fewer than two points"));
        Assert.That(result.ExplanationDa, Does.Contain("færre end to målinger"));
    }

    [Test]
    public void A_missing_baseline_observation_is_insufficient_data_and_says_so()
    {
        var result = TargetEvaluator.Evaluate(Target(baseline: null), OutsideLabourMarket, Yearly((2019, 50), (2022, 45)));

        Assert.That(result.Status, Is.EqualTo(TargetStatus.InsufficientData));
        Assert.That(result.Reason, Does.Contain("baseline period 2018"));
    }

    [Test]
    public void A_target_without_target_value_is_insufficient_data()
    {
        var result = TargetEvaluator.Evaluate(Target(target: null), OutsideLabourMarket, Yearly((2018, 50), (2022, 45)));

        Assert.That(result.Status, Is.EqualTo(TargetStatus.InsufficientData));
    }

    [Test]
    public void Half_years_mixed_into_years_are_an_error_not_a_line()
    {
        var observations = Yearly((2018, 50), (2019, 48)).Append(
            new Observation("BESK", "AREA", Period.Parse("2020H1"), "", 47, null, null, ObservationFlags.None, 1)).ToList();

        var result = TargetEvaluator.Evaluate(Target(), OutsideLabourMarket, observations);

        Assert.That(result.Status, Is.EqualTo(TargetStatus.InsufficientData));
        Assert.That(result.Reason, Does.Contain("mixes period kinds"));
    }

    [Test]
    public void As_of_an_earlier_period_ignores_later_data()
    {
        var series = Yearly((2018, 50), (2020, 49), (2022, 48), (2024, 39));

        var now = TargetEvaluator.Evaluate(Target(), OutsideLabourMarket, series);
        var then = TargetEvaluator.Evaluate(Target(), OutsideLabourMarket, series, asOf: Period.OfYear(2022));

        Assert.That(now.Status, Is.EqualTo(TargetStatus.Achieved));
        Assert.That(then.Status, Is.EqualTo(TargetStatus.AtRisk));
        Assert.That(then.Latest!.Period, Is.EqualTo(Period.OfYear(2022)));
    }

    [Test]
    public void A_change_within_noise_is_flagged_uncertain_and_a_clear_one_is_not()
    {
        // 40/100 → 30/100: p = 0.138 (see ProportionsTests) → uncertain. 400/1000 → 300/1000: Z ≈ −4.69 → not.
        var small = TargetEvaluator.Evaluate(Target(baseline: null), OutsideLabourMarket,
            [Counted("2018", 40, 100), Counted("2022", 30, 100)]);
        var large = TargetEvaluator.Evaluate(Target(baseline: null), OutsideLabourMarket,
            [Counted("2018", 400, 1000), Counted("2022", 300, 1000)]);

        Assert.That(small.Uncertain, Is.True);
        Assert.That(small.ChangeSinceBaseline!.PValue, Is.EqualTo(0.1382).Within(2e-4));
        Assert.That(small.ExplanationDa, Does.Contain("kan ikke skelnes fra tilfældig variation"));
        Assert.That(large.Uncertain, Is.False);
    }

    [Test]
    public void Suppressed_and_missing_values_are_not_part_of_the_series()
    {
        var observations = Yearly((2018, 50), (2020, 49)).Append(
            new Observation("BESK", "AREA", Period.OfYear(2022), "", 20, null, null, ObservationFlags.Suppressed, 1)).ToList();

        var result = TargetEvaluator.Evaluate(Target(), OutsideLabourMarket, observations);

        Assert.That(result.Latest!.Period, Is.EqualTo(Period.OfYear(2020)));
        Assert.That(result.Series, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_benchmark_gap_that_shrinks_is_closing()
    {
        // Area 50, 48, 46 against a flat 30: gaps 20, 18, 16 (worse, since lower is better), slope −2 a year.
        var benchmark = new[] { 2018, 2020, 2022 }
            .Select(y => new Observation("BESK", "DK", Period.OfYear(y), "", 30, null, null, ObservationFlags.None, 1)).ToList();

        var result = TargetEvaluator.Evaluate(Target(benchmark: "DK"), OutsideLabourMarket,
            Yearly((2018, 50), (2020, 48), (2022, 46)), benchmark: benchmark);

        Assert.That(result.Benchmark!.Gaps.Select(g => g.Difference), Is.EqualTo(new[] { 20.0, 18, 16 }));
        Assert.That(result.Benchmark.GapSlopePerYear, Is.EqualTo(-1).Within(1e-12));
        Assert.That(result.Benchmark.Trend, Is.EqualTo(GapTrend.Closing));
    }
}
