using Monitoring.Core.Classification;

namespace Monitoring.Tests.Core.Classification;

/// <summary>Residents minimum, "at least k of", requirements between categories, and kombineret udlejning.</summary>
public class CategoryTests
{
    private static readonly ClassificationEngine Engine = new(RegimeTable.Default);

    private static Outcome Category(AreaProfile profile, int listYear, string code) =>
        Engine.Evaluate(profile.Input, listYear)!.Categories.Single(c => c.Code == code).Outcome;

    [TestCase(2012, "ghettoomraade")]
    [TestCase(2016, "ghettoomraade")]
    [TestCase(2019, "udsat")]
    [TestCase(2023, "udsat")]
    [TestCase(2023, "forebyggelsesomraade")]
    public void An_area_of_999_residents_is_on_no_list_and_one_of_1000_is(int listYear, string category)
    {
        var dataYear = listYear - 1;
        var at = AreaProfile.Deprived().In(dataYear, AreaProfile.Residents, 1000);
        var under = AreaProfile.Deprived().In(dataYear, AreaProfile.Residents, 999);

        Assert.Multiple(() =>
        {
            Assert.That(Category(at, listYear, category), Is.EqualTo(Outcome.Met));
            Assert.That(Category(under, listYear, category), Is.EqualTo(Outcome.NotMet));
        });
    }

    [Test]
    public void The_2010_rules_need_two_of_three_and_the_2013_rules_three_of_five()
    {
        // Only (b) and (c) met: enough in 2010 (2 of 3), not in 2013 (3 of 5).
        var profile = AreaProfile.Ordinary().AllYears(AreaProfile.OutsideLabour, 45).AllYears(AreaProfile.Convicted, 3.5);

        Assert.Multiple(() =>
        {
            Assert.That(Category(profile, 2013, "ghettoomraade"), Is.EqualTo(Outcome.Met));
            Assert.That(Category(profile, 2014, "ghettoomraade"), Is.EqualTo(Outcome.NotMet));
            Assert.That(Category(profile.AllYears(AreaProfile.Basic2013, 51), 2014, "ghettoomraade"), Is.EqualTo(Outcome.Met));
        });
    }

    [Test]
    public void A_parallelsamfund_is_an_udsat_area_with_over_half_non_western_residents()
    {
        var profile = AreaProfile.Deprived().In(2022, AreaProfile.NonWestern, 50);

        Assert.Multiple(() =>
        {
            Assert.That(Category(profile, 2023, "udsat"), Is.EqualTo(Outcome.Met));
            Assert.That(Category(profile, 2023, "parallelsamfund"), Is.EqualTo(Outcome.NotMet), "50 % is not over 50 %");
            Assert.That(Category(profile.In(2022, AreaProfile.NonWestern, 50.01), 2023, "parallelsamfund"), Is.EqualTo(Outcome.Met));
            Assert.That(Category(AreaProfile.Ordinary().AllYears(AreaProfile.NonWestern, 80), 2023, "parallelsamfund"), Is.EqualTo(Outcome.NotMet),
                "not udsat, so not a parallelsamfund whatever its share");
        });
    }

    [Test]
    public void Forebyggelse_needs_over_30_percent_non_western_and_two_of_its_four_lower_thresholds()
    {
        // 35 % outside labour (> 30) and convictions 2 × national (≥ 2 ×): two of four.
        var profile = AreaProfile.Ordinary().AllYears(AreaProfile.NonWestern, 31).AllYears(AreaProfile.OutsideLabour, 35)
            .AllYears(AreaProfile.Convicted, 1.6);

        Assert.Multiple(() =>
        {
            Assert.That(Category(profile, 2023, "forebyggelsesomraade"), Is.EqualTo(Outcome.Met));
            Assert.That(Category(profile, 2023, "udsat"), Is.EqualTo(Outcome.NotMet));
            Assert.That(Category(profile.AllYears(AreaProfile.NonWestern, 30), 2023, "forebyggelsesomraade"), Is.EqualTo(Outcome.NotMet));
        });
    }

    [TestCase(1000, 40.0, true)]
    [TestCase(1000, 39.99, false)]
    [TestCase(999, 45.0, false)]
    [TestCase(4999, 35.0, false)]
    [TestCase(5000, 30.0, true)]
    [TestCase(5000, 29.99, false)]
    [TestCase(5000, 40.0, true)]
    public void Kombineret_udlejning_is_at_least_40_percent_or_30_percent_from_5000_residents(int residents, double outside, bool expected)
    {
        var profile = AreaProfile.Ordinary().AllYears(AreaProfile.Residents, residents).AllYears(AreaProfile.OutsideLabour, outside);

        Assert.That(Category(profile, 2023, "kombineret_udlejning"), Is.EqualTo(expected ? Outcome.Met : Outcome.NotMet));
    }

    [Test]
    public void Every_category_explains_its_rule_and_outcome_in_danish()
    {
        var result = Engine.Evaluate(AreaProfile.Deprived().Input, 2023)!;
        var udsat = result.Categories.Single(c => c.Code == "udsat");

        Assert.Multiple(() =>
        {
            Assert.That(result.ListDate, Is.EqualTo(new DateOnly(2023, 12, 1)));
            Assert.That(udsat.Rule, Is.EqualTo("mindst 1.000 beboere og mindst 2 af 4 kriterier (b, c, d, e)"));
            // The sentence names the criteria; only the rule keeps the law's letters.
            Assert.That(udsat.Explanation, Does.StartWith("Udsat boligområde: opfyldt: 2.500 beboere i 2022 (mindst 1.000); 4 af 4 kriterier opfyldt " +
                "(andel 18–64-årige uden for arbejdsmarked og uddannelse, dømte for overtrædelse af straffelov"));
            Assert.That(udsat.Explanation, Does.Not.Contain("(b, c, d, e)"));
            Assert.That(result.Lists, Is.EquivalentTo(new[] { "udsat", "parallelsamfund", "omdannelsesomraade", "forebyggelsesomraade", "kombineret_udlejning" }));
        });
    }

    [Test]
    public void Lists_before_2014_fall_on_1_october_and_later_on_1_december()
    {
        var table = RegimeTable.Default;
        Assert.Multiple(() =>
        {
            Assert.That(table.ListYearOn(new DateOnly(2013, 9, 30)), Is.EqualTo(2012));
            Assert.That(table.ListYearOn(new DateOnly(2013, 10, 1)), Is.EqualTo(2013));
            Assert.That(table.ListYearOn(new DateOnly(2014, 11, 30)), Is.EqualTo(2013));
            Assert.That(table.ListYearOn(new DateOnly(2014, 12, 1)), Is.EqualTo(2014));
            Assert.That(table.ListYearOn(new DateOnly(2010, 9, 30)), Is.Null);
            Assert.That(table.Check(), Is.Empty);
        });
    }

    [Test]
    public void A_hand_edited_table_naming_an_unknown_criterion_or_a_later_category_is_refused()
    {
        var json = """
            { "version": "t", "residentsIndicator": "R", "regimes": [ { "code": "x", "title": "x", "firstListYear": 2030, "lastListYear": null,
              "listMonth": 12, "listDay": 1, "latestDataYearOffset": -1,
              "criteria": [ { "code": "a", "name": "a", "indicator": "I", "operator": "gt", "threshold": 1, "relativeTo": "none", "windowYears": 1, "unit": "percent", "decimals": 1 } ],
              "categories": [
                { "code": "hard", "name": "Hard", "predecessors": [], "alternatives": [ { "streak": { "category": "base", "years": 3 } } ] },
                { "code": "base", "name": "Base", "predecessors": [], "alternatives": [ { "atLeast": 1, "of": ["a", "z"] } ] } ] } ] }
            """;

        var error = Assert.Throws<InvalidDataException>(() => RegimeTable.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))));

        Assert.That(error!.Message, Does.Contain("unknown criterion 'z'").And.Contain("counts 'base', which is not defined before it"));
    }
}
