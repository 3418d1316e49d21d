using Monitoring.Core.Model;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Tests.Ingest.Import.Rules;

/// <summary>Crossed subgroups, as survey aggregates write them, obey the same rule part by part.</summary>
public class SubgroupCrossingTests
{
    private static SubgroupRule Rule() => new(
    [
        new Dimension("koen", "Køn", [new("kvinde", "Kvinder"), new("mand", "Mænd")]),
        new Dimension("alder", "Alder", [new("15-29", "15–29 år"), new("65+", "65 år og derover")]),
    ]);

    [Test]
    public void A_crossing_is_stored_part_by_part_in_the_declared_spelling()
    {
        var errors = new List<RowError>();

        Assert.That(Rule().Check(2, "Alder:65+&Køn:Kvinde", errors), Is.EqualTo("alder:65+&koen:kvinde"));
        Assert.That(errors, Is.Empty);
    }

    [TestCase("alder:65+&alder:15-29", "hver dimension én gang")]
    [TestCase("alder:65+&", "dimension:værdi")]
    [TestCase("alder:65+&koen:kvind", "mente du 'koen:kvinde'")]
    public void A_crossing_with_a_bad_part_is_an_error_naming_it(string subgroup, string message)
    {
        var errors = new List<RowError>();

        Assert.That(Rule().Check(2, subgroup, errors), Is.Null);
        Assert.That(errors.Select(e => e.Message), Has.Some.Contains(message));
    }
}
