using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Core.Suppression;

namespace Monitoring.Tests.Core.Suppression;

public class CrossingSuppressionTests
{
    private static Observation Cell(string subgroup, double numerator, double denominator) =>
        new("TRYG", "AREA", Period.OfYear(2023), subgroup, Math.Round(100 * numerator / denominator, 1), numerator, denominator, ObservationFlags.None, 0);

    [Test]
    public void A_small_crossing_cell_takes_a_sibling_in_its_row_and_in_its_column_with_it()
    {
        // alder:65+ (30) = 65+&kvinde (3) + 65+&mand (27); koen:kvinde (60) = ung&kvinde (30) + 65+&kvinde (3) + ...
        Observation[] cells =
        [
            Cell("", 60, 100),
            Cell("alder:ung", 40, 70), Cell("alder:65+", 20, 30),
            Cell("koen:kvinde", 30, 50), Cell("koen:mand", 30, 50),
            Cell("alder:ung&koen:kvinde", 20, 47), Cell("alder:ung&koen:mand", 20, 23),
            Cell("alder:65+&koen:kvinde", 2, 3), Cell("alder:65+&koen:mand", 18, 27),
        ];

        var suppressed = CrossingSuppression.Suppressed(cells, 5).Select(o => o.Subgroup).ToList();

        // Primary: 65+&kvinde. Its row (alder:65+) loses 65+&mand; its column (koen:kvinde) loses ung&kvinde;
        // then the ung row has one hidden and loses ung&mand. No relation is left with exactly one hidden member.
        Assert.That(suppressed, Is.EquivalentTo(new[]
        {
            "alder:65+&koen:kvinde", "alder:65+&koen:mand", "alder:ung&koen:kvinde", "alder:ung&koen:mand",
        }));
    }

    [Test]
    public void The_single_breakdowns_and_the_total_are_guarded_as_before()
    {
        Observation[] cells = [Cell("", 40, 100), Cell("alder:ung", 1, 3), Cell("alder:midt", 20, 50), Cell("alder:gammel", 19, 47)];

        var suppressed = CrossingSuppression.Suppressed(cells, 5).Select(o => o.Subgroup);

        Assert.That(suppressed, Is.EquivalentTo(new[] { "alder:ung", "alder:gammel" }));
    }

    [Test]
    public void Nothing_is_withheld_when_every_cell_reaches_the_threshold()
    {
        Observation[] cells = [Cell("", 40, 100), Cell("koen:kvinde", 20, 50), Cell("koen:mand", 20, 50)];

        Assert.That(CrossingSuppression.Suppressed(cells, 5), Is.Empty);
    }

    [Test]
    public void The_read_side_suppression_keeps_a_crossing_out_of_its_first_dimensions_breakdown()
    {
        // With the crossing counted as part of the alder breakdown, alder:ung would have a hidden sibling.
        Observation[] cells = [Cell("", 40, 100), Cell("alder:ung", 20, 50), Cell("alder:gammel", 20, 50), Cell("alder:ung&koen:kvinde", 1, 3)];

        var suppressed = SmallNumberSuppression.Suppressed(cells, 5).Select(o => o.Subgroup);

        Assert.That(suppressed, Is.EquivalentTo(new[] { "alder:ung&koen:kvinde" }));
    }

    [TestCase(3, 6, false)]
    [TestCase(5, 10, true)]
    [TestCase(96, 100, false)]
    [TestCase(5, 9, false)]
    public void Counts_are_shown_only_when_count_and_complement_reach_the_threshold(int count, int n, bool shown) =>
        Assert.That(CountDisclosure.CountsShown(count, n, 5), Is.EqualTo(shown));
}
