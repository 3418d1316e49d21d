using Monitoring.Core.Classification;

namespace Monitoring.Tests.Core.Classification;

/// <summary>
/// Every criterion of every regime in the table at, just above and just below its threshold. Strict operators
/// (over, under) are not met at the threshold itself; "at least" (≥) is. Values are compared unrounded: a
/// hair above 40 % meets "over 40 %" though it reads 40,0 %.
/// </summary>
public class CriterionThresholdTests
{
    private const double Hair = 1e-9;

    public static IEnumerable<TestCaseData> EveryCriterion() =>
        RegimeTable.Default.Regimes.SelectMany(r => r.Criteria.Select(c => new TestCaseData(r.Code, c.Code).SetName($"Regime_{r.Code}_criterion_{c.Code}_at_and_around_its_threshold")));

    [TestCaseSource(nameof(EveryCriterion))]
    public void A_criterion_at_its_threshold_is_met_only_when_the_law_says_at_least(string regimeCode, string criterionCode)
    {
        var regime = RegimeTable.Default.Regimes.Single(r => r.Code == regimeCode);
        var rule = regime.Criterion(criterionCode);
        const int dataYear = 2020;
        var reference = rule.RelativeTo == ReferenceScope.None ? (double?)null : (rule.Unit == CriterionUnit.Dkk ? 310_000.0 : 0.7);

        Outcome At(double offset)
        {
            var input = new ClassificationInput(new YearlyValues(), new YearlyValues(), new YearlyValues());
            var threshold = reference is { } r ? r * rule.Threshold : rule.Threshold;
            for (var year = dataYear - rule.WindowYears + 1; year <= dataYear; year++)
            {
                input.Area.Set(rule.Indicator, year, threshold + offset * Math.Max(1, Math.Abs(threshold)));
                if (reference is { } value)
                    input.Reference(rule.RelativeTo).Set(rule.Indicator, year, value);
            }
            return CriterionEvaluator.Evaluate(rule, input, dataYear).Outcome;
        }

        // Over/at least are met above the threshold; under/at most below it. Only ≥ and ≤ include the threshold.
        var metAbove = rule.Operator is ComparisonOperator.Gt or ComparisonOperator.Ge;
        var inclusive = rule.Operator is ComparisonOperator.Ge or ComparisonOperator.Le;
        Assert.Multiple(() =>
        {
            Assert.That(At(0), Is.EqualTo(inclusive ? Outcome.Met : Outcome.NotMet), "at the threshold");
            Assert.That(At(Hair), Is.EqualTo(metAbove ? Outcome.Met : Outcome.NotMet), "just above");
            Assert.That(At(-Hair), Is.EqualTo(metAbove ? Outcome.NotMet : Outcome.Met), "just below");
        });
    }

    [Test]
    public void The_table_states_the_operators_thresholds_and_windows_of_the_law()
    {
        static CriterionRule C(string regime, string code) => RegimeTable.Default.Regimes.Single(r => r.Code == regime).Criterion(code);
        Assert.Multiple(() =>
        {
            // 2010: (b) and (c) are averages of the latest 4 years; (c) 270 per 10,000 = 2.7 %.
            Assert.That((C("2010", "b").Operator, C("2010", "b").Threshold, C("2010", "b").WindowYears), Is.EqualTo((ComparisonOperator.Gt, 40.0, 4)));
            Assert.That((C("2010", "c").Operator, C("2010", "c").Threshold, C("2010", "c").WindowYears), Is.EqualTo((ComparisonOperator.Gt, 2.7, 4)));
            // 2013: 2-year averages; income under 55 % of the region.
            Assert.That((C("2013", "c").Operator, C("2013", "c").Threshold, C("2013", "c").WindowYears), Is.EqualTo((ComparisonOperator.Gt, 2.7, 2)));
            Assert.That((C("2013", "e").Operator, C("2013", "e").Threshold, C("2013", "e").RelativeTo), Is.EqualTo((ComparisonOperator.Lt, 0.55, ReferenceScope.Region)));
            Assert.That(C("2013", "d").Threshold, Is.EqualTo(50.0));
            // 2018/2021: convictions at least 3 × (forebyggelse 2 ×) the national average; basic schooling over 60 %.
            Assert.That((C("2018", "c").Operator, C("2018", "c").Threshold, C("2018", "c").RelativeTo), Is.EqualTo((ComparisonOperator.Ge, 3.0, ReferenceScope.National)));
            Assert.That((C("2021", "fc").Operator, C("2021", "fc").Threshold), Is.EqualTo((ComparisonOperator.Ge, 2.0)));
            Assert.That(C("2021", "d").Threshold, Is.EqualTo(60.0));
            Assert.That((C("2021", "fe").Threshold, C("2021", "fa").Threshold, C("2021", "fb").Threshold), Is.EqualTo((0.65, 30.0, 30.0)));
            Assert.That((C("2021", "k40").Operator, C("2021", "k30").Threshold), Is.EqualTo((ComparisonOperator.Ge, 30.0)));
        });
    }

    [Test]
    public void Convictions_exactly_three_times_the_national_average_meet_the_2018_rule_but_2_7_percent_does_not_meet_the_2013_rule()
    {
        var profile = AreaProfile.Ordinary();
        profile.References(AreaProfile.Convicted, national: 0.9);
        profile.In(2019, AreaProfile.Convicted, 2.7).In(2020, AreaProfile.Convicted, 2.7);

        var c2021 = CriterionEvaluator.Evaluate(RegimeTable.Default.For(2021)!.Criterion("c"), profile.Input, 2020);
        var c2015 = CriterionEvaluator.Evaluate(RegimeTable.Default.For(2015)!.Criterion("c"), profile.Input, 2020);

        Assert.Multiple(() =>
        {
            // 0.9 × 3 is 2.7000000000000002 in binary; the engine computes in decimal, so 2.7 is exactly at it.
            Assert.That(c2021.Threshold, Is.EqualTo(2.7));
            Assert.That(c2021.Outcome, Is.EqualTo(Outcome.Met));
            Assert.That(c2021.ReferenceAverage, Is.EqualTo(0.9));
            Assert.That(c2015.Outcome, Is.EqualTo(Outcome.NotMet));
        });
    }

    /// <summary>
    /// Decimal figures whose binary arithmetic misses the threshold: (2.38 + 2.39) / 2 is exactly 3 × 0.795, and
    /// 90,750 is exactly 55 % of 165,000, though doubles make them differ in the last bit.
    /// </summary>
    [TestCase(2.38, 2.39, Outcome.Met, TestName = "Convictions averaging exactly 3 × the national 0.795 meet 'at least' (2021 c)")]
    [TestCase(2.38, 2.391, Outcome.Met, TestName = "Convictions averaging just over 3 × the national 0.795 meet 'at least' (2021 c)")]
    [TestCase(2.38, 2.389, Outcome.NotMet, TestName = "Convictions averaging just under 3 × the national 0.795 do not meet 'at least' (2021 c)")]
    public void A_relative_to_national_criterion_is_judged_exactly_at_its_threshold(double first, double second, Outcome expected)
    {
        var input = new ClassificationInput(new YearlyValues(), new YearlyValues(), new YearlyValues());
        input.Area.Set(AreaProfile.Convicted, 2019, first).Set(AreaProfile.Convicted, 2020, second);
        input.National.Set(AreaProfile.Convicted, 2019, 0.795).Set(AreaProfile.Convicted, 2020, 0.795);

        var c = CriterionEvaluator.Evaluate(RegimeTable.Default.For(2021)!.Criterion("c"), input, 2020);

        Assert.That(c.Outcome, Is.EqualTo(expected), c.Explanation);
        Assert.That(c.Threshold, Is.EqualTo(2.385));
    }

    [TestCase(90_750.0, Outcome.NotMet, TestName = "Income exactly 55 % of the region's 165,000 is not 'under' it (2021 e)")]
    [TestCase(90_750.01, Outcome.NotMet, TestName = "Income just over 55 % of the region's 165,000 is not 'under' it (2021 e)")]
    [TestCase(90_749.99, Outcome.Met, TestName = "Income just under 55 % of the region's 165,000 is 'under' it (2021 e)")]
    public void A_relative_to_region_criterion_is_judged_exactly_at_its_threshold(double income, Outcome expected)
    {
        var rule = RegimeTable.Default.For(2021)!.Criterion("e");
        var input = new ClassificationInput(new YearlyValues(), new YearlyValues(), new YearlyValues());
        for (var year = 2020 - rule.WindowYears + 1; year <= 2020; year++)
        {
            input.Area.Set(AreaProfile.Income, year, income);
            input.Region.Set(AreaProfile.Income, year, 165_000);
        }

        var e = CriterionEvaluator.Evaluate(rule, input, 2020);

        Assert.That(e.Outcome, Is.EqualTo(expected), e.Explanation);
        Assert.That(e.Threshold, Is.EqualTo(90_750));
    }
}
