using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Core.Suppression;

namespace Monitoring.Tests.Core.Suppression;

public class SmallNumberSuppressionTests
{
    private static Observation Cell(string subgroup, double numerator, double denominator, string period = "2023") =>
        new("TRYG", "AREA", Period.Parse(period), subgroup, Math.Round(100 * numerator / denominator, 1), numerator, denominator, ObservationFlags.None, 1);

    [Test]
    public void A_value_resting_on_fewer_than_k_persons_is_withheld()
    {
        var result = SmallNumberSuppression.Apply([Cell("", 40, 100), Cell("koen:kvinde", 3, 4)], minCount: 5);

        Assert.That(result[1].Value, Is.Null);
        Assert.That(result[1].Numerator, Is.Null);
        Assert.That(result[1].Denominator, Is.Null);
        Assert.That(result[1].Flags.HasFlag(ObservationFlags.Suppressed), Is.True);
        Assert.That(result[0].Value, Is.EqualTo(40));
    }

    [Test]
    public void When_one_subgroup_is_withheld_the_smallest_sibling_goes_too_so_it_cannot_be_subtracted_out()
    {
        // Total 40/100 = ung 1/3 + midt 20/50 + gammel 19/47. With only ung hidden, ung = total − midt − gammel.
        Observation[] cells = [Cell("", 40, 100), Cell("alder:ung", 1, 3), Cell("alder:midt", 20, 50), Cell("alder:gammel", 19, 47)];

        var suppressed = SmallNumberSuppression.Suppressed(cells, 5);

        Assert.That(suppressed.Select(o => o.Subgroup), Is.EquivalentTo(new[] { "alder:ung", "alder:gammel" }));
    }

    [Test]
    public void Breakdowns_are_judged_separately_and_other_periods_are_other_cells()
    {
        Observation[] cells =
        [
            Cell("", 40, 100), Cell("alder:ung", 1, 3), Cell("alder:gammel", 39, 97),
            Cell("koen:kvinde", 20, 50), Cell("koen:mand", 20, 50),
            Cell("", 40, 100, "2019"), Cell("alder:ung", 10, 30, "2019"), Cell("alder:gammel", 30, 70, "2019"),
        ];

        var suppressed = SmallNumberSuppression.Suppressed(cells, 5);

        Assert.That(suppressed.Select(o => (o.Subgroup, o.Period.ToString())),
            Is.EquivalentTo(new[] { ("alder:ung", "2023"), ("alder:gammel", "2023") }));
    }

    [Test]
    public void The_threshold_is_configurable()
    {
        Assert.That(SmallNumberSuppression.Suppressed([Cell("", 6, 8)], 10), Has.Count.EqualTo(1));
        Assert.That(SmallNumberSuppression.Suppressed([Cell("", 6, 8)], 5), Is.Empty);
    }
}
