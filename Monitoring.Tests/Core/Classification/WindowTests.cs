using Monitoring.Core.Classification;

namespace Monitoring.Tests.Core.Classification;

/// <summary>A missing year in a criterion's window makes it unknown — said, not guessed — and the explanation names the year.</summary>
public class WindowTests
{
    private static readonly ClassificationEngine Engine = new(RegimeTable.Default);

    private static CriterionEvaluation Criterion(ClassificationResult result, string code) => result.Criteria.Single(c => c.Code == code);

    [Test]
    public void A_missing_year_in_the_two_year_window_makes_the_criterion_unknown_and_is_named()
    {
        // The 2023 list reads data up to 2022; its 2-year window is 2021–2022.
        var profile = AreaProfile.Deprived().Without(2021, AreaProfile.OutsideLabour);

        var b = Criterion(Engine.Evaluate(profile.Input, 2023)!, "b");

        Assert.Multiple(() =>
        {
            Assert.That(b.Outcome, Is.EqualTo(Outcome.CannotBeEvaluated));
            Assert.That(b.MissingYears, Is.EqualTo(new[] { 2021 }));
            Assert.That(b.Average, Is.Null);
            Assert.That(b.Values.Select(v => v.Year), Is.EqualTo(new[] { 2021, 2022 }));
            Assert.That(b.Explanation, Does.Contain("Kan ikke vurderes: 2021 mangler i 2-årsvinduet").IgnoreCase);
        });
    }

    [Test]
    public void The_2010_rules_average_four_years_so_a_year_three_back_counts()
    {
        // List 2012 reads 2008–2011. 2008 missing: unknown; a value outside the window changes nothing.
        var missing = AreaProfile.Deprived().Without(2008, AreaProfile.OutsideLabour);
        var outside = AreaProfile.Deprived().Without(2007, AreaProfile.OutsideLabour);

        Assert.Multiple(() =>
        {
            Assert.That(Criterion(Engine.Evaluate(missing.Input, 2012)!, "b").Outcome, Is.EqualTo(Outcome.CannotBeEvaluated));
            Assert.That(Criterion(Engine.Evaluate(missing.Input, 2012)!, "b").Explanation, Does.Contain("4-årsvinduet (2008–2011)"));
            Assert.That(Criterion(Engine.Evaluate(outside.Input, 2012)!, "b").Outcome, Is.EqualTo(Outcome.Met));
        });
    }

    [Test]
    public void The_average_decides_not_the_latest_year()
    {
        // 38 and 42.2: the average 40.1 is over 40 though the first year is under.
        var profile = AreaProfile.Ordinary().In(2021, AreaProfile.OutsideLabour, 38).In(2022, AreaProfile.OutsideLabour, 42.2);

        var b = Criterion(Engine.Evaluate(profile.Input, 2023)!, "b");

        Assert.Multiple(() =>
        {
            Assert.That(b.Outcome, Is.EqualTo(Outcome.Met));
            Assert.That(b.Average, Is.EqualTo(40.1).Within(1e-9));
            Assert.That(b.Explanation, Does.Contain("40,1 % i gennemsnit 2021–2022, grænsen er over 40 %: opfyldt"));
        });
    }

    [Test]
    public void A_missing_national_reference_year_makes_a_relative_criterion_unknown()
    {
        var profile = AreaProfile.Deprived().Without(2022, AreaProfile.Convicted, reference: true);

        var c = Criterion(Engine.Evaluate(profile.Input, 2023)!, "c");

        Assert.Multiple(() =>
        {
            Assert.That(c.Outcome, Is.EqualTo(Outcome.CannotBeEvaluated));
            Assert.That(c.MissingReferenceYears, Is.EqualTo(new[] { 2022 }));
            Assert.That(c.Explanation, Does.Contain("landsgennemsnittet for 2022 mangler"));
        });
    }

    [Test]
    public void An_unknown_criterion_leaves_the_category_unknown_only_when_it_could_change_the_answer()
    {
        // udsat needs 2 of b, c, d, e. Deprived meets all four; with b unknown three remain: still met.
        var stillMet = AreaProfile.Deprived().Without(2022, AreaProfile.OutsideLabour);
        // Only c met and b unknown: b could make it two, so unknown.
        var open = AreaProfile.Ordinary().In(2021, AreaProfile.Convicted, 5).In(2022, AreaProfile.Convicted, 5).Without(2022, AreaProfile.OutsideLabour);
        // Nothing met and only b unknown: one criterion cannot make two, so not met.
        var closed = AreaProfile.Ordinary().Without(2022, AreaProfile.OutsideLabour);

        static Outcome Udsat(AreaProfile p) => Engine.Evaluate(p.Input, 2023)!.Categories.Single(c => c.Code == "udsat").Outcome;
        Assert.Multiple(() =>
        {
            Assert.That(Udsat(stillMet), Is.EqualTo(Outcome.Met));
            Assert.That(Udsat(open), Is.EqualTo(Outcome.CannotBeEvaluated));
            Assert.That(Udsat(closed), Is.EqualTo(Outcome.NotMet));
        });
    }
}
