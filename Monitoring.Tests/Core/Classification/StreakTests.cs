using Monitoring.Core.Classification;

namespace Monitoring.Tests.Core.Classification;

/// <summary>
/// "In each of the latest N years" categories look back at earlier lists under the rules then in force:
/// hårdt ghettoområde 2018–2020 needs five years (back into the 2013 rules), omdannelsesområde five years of
/// parallelsamfund or its predecessor ghettoområde.
/// </summary>
public class StreakTests
{
    private static readonly ClassificationEngine Engine = new(RegimeTable.Default);

    private static CategoryEvaluation Category(AreaProfile profile, int listYear, string code) =>
        Engine.Evaluate(profile.Input, listYear)!.Categories.Single(c => c.Code == code);

    /// <summary>Deprived throughout, but off the list in <paramref name="listYear"/> (900 residents in its data year).</summary>
    private static AreaProfile OffIn(int listYear) => AreaProfile.Deprived().In(listYear - 1, AreaProfile.Residents, 900);

    [Test]
    public void A_2018_hard_ghetto_needs_ghetto_lists_back_to_2014_under_the_2013_rules()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Category(AreaProfile.Deprived(), 2018, "haardt_ghettoomraade").Outcome, Is.EqualTo(Outcome.Met));
            var broken = Category(OffIn(2014), 2018, "haardt_ghettoomraade");
            Assert.That(broken.Outcome, Is.EqualTo(Outcome.NotMet));
            Assert.That(broken.Streak.Select(s => s.ListYear), Is.EqualTo(new[] { 2014, 2015, 2016, 2017, 2018 }));
            Assert.That(broken.Streak[0], Is.EqualTo(new StreakYear(2014, "ghettoomraade", "Ghettoområde", Outcome.NotMet)));
            Assert.That(broken.Explanation, Does.Contain("ikke på listen i 2014"));
            // A year later the five years are 2015–2019.
            Assert.That(Category(OffIn(2014), 2019, "haardt_ghettoomraade").Outcome, Is.EqualTo(Outcome.Met));
        });
    }

    [Test]
    public void Four_ghetto_years_are_not_enough_for_the_2020_hard_ghetto_list()
    {
        // On the lists 2017–2020 (four years), not 2016.
        Assert.That(Category(OffIn(2016), 2020, "haardt_ghettoomraade").Outcome, Is.EqualTo(Outcome.NotMet));
        Assert.That(Category(OffIn(2015), 2020, "haardt_ghettoomraade").Outcome, Is.EqualTo(Outcome.Met));
    }

    [Test]
    public void A_2021_omdannelse_decision_counts_2017_ghetto_and_2018_2020_ghetto_lists_as_parallelsamfund_years()
    {
        var met = Category(AreaProfile.Deprived(), 2021, "omdannelsesomraade");
        var broken = Category(OffIn(2017), 2021, "omdannelsesomraade");

        Assert.Multiple(() =>
        {
            Assert.That(met.Outcome, Is.EqualTo(Outcome.Met));
            Assert.That(met.Streak.Select(s => s.Category), Is.EqualTo(new[] { "ghettoomraade", "ghettoomraade", "ghettoomraade", "ghettoomraade", "parallelsamfund" }));
            Assert.That(met.Explanation, Does.Contain("på listen som ghettoområde / parallelsamfund i alle 5 år 2017–2021"));
            Assert.That(broken.Outcome, Is.EqualTo(Outcome.NotMet));
            Assert.That(Category(OffIn(2017), 2022, "omdannelsesomraade").Outcome, Is.EqualTo(Outcome.Met));
            Assert.That(Category(OffIn(2020), 2024, "omdannelsesomraade").Outcome, Is.EqualTo(Outcome.NotMet));
            Assert.That(Category(OffIn(2020), 2025, "omdannelsesomraade").Outcome, Is.EqualTo(Outcome.Met));
        });
    }

    [Test]
    public void An_earlier_list_that_cannot_be_evaluated_leaves_the_streak_unknown_not_broken()
    {
        // No residents for 2015 data: the 2016 list cannot be judged.
        var profile = AreaProfile.Deprived().Without(2015, AreaProfile.Residents);

        var hard = Category(profile, 2019, "haardt_ghettoomraade");

        Assert.Multiple(() =>
        {
            Assert.That(hard.Outcome, Is.EqualTo(Outcome.CannotBeEvaluated));
            Assert.That(hard.Explanation, Does.Contain("listen for 2016 kan ikke vurderes"));
            Assert.That(Category(profile.In(2014, AreaProfile.Residents, 900), 2019, "haardt_ghettoomraade").Outcome, Is.EqualTo(Outcome.NotMet),
                "a year known to be off decides even with another year unknown");
        });
    }
}
