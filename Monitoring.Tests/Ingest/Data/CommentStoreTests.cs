using Microsoft.Extensions.Time.Testing;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Metadata;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Data;

/// <summary>Comments map straight to the domain record: the period and the timestamp come back as written, on both engines.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class CommentStoreTests(DatabaseProvider provider)
{
    [Test]
    public async Task A_comment_comes_back_with_its_period_and_time_as_written()
    {
        await using var test = TestDatabase.Create(provider);
        await test.SeedCatalogAsync();
        await new PlanStore(test.Database).CreateAsync(new PlanDefinition("p", "P", "0901", "2023-2026", null, ["AREA-A"], null));
        var at = new DateTimeOffset(2026, 3, 1, 9, 30, 15, 123, TimeSpan.Zero);
        var comments = new CommentStore(test.Database, new FakeTimeProvider(at));

        await comments.CreateAsync("p", null, "PCT", Period.Parse("2024K3"), "sekretariatet", "Ny opgørelsesmetode");
        await comments.CreateAsync("p", null, "PCT", null, "sekretariatet", "Uden periode");

        var read = await comments.ForIndicatorAsync("PCT");
        Assert.That(read.Select(c => (c.PlanSlug, c.Period, c.Text, c.CreatedAt)), Is.EqualTo(new[]
        {
            ("p", (Period?)null, "Uden periode", at),
            ("p", Period.Parse("2024Q3"), "Ny opgørelsesmetode", at),
        }));
    }

    [Test]
    public async Task A_decision_for_the_board_comes_back_with_its_type_and_older_comments_are_notes()
    {
        await using var test = TestDatabase.Create(provider);
        await test.SeedCatalogAsync();
        await new PlanStore(test.Database).CreateAsync(new PlanDefinition("p", "P", "0901", "2023-2026", null, ["AREA-A"], null));
        var comments = new CommentStore(test.Database, TimeProvider.System);

        await comments.CreateAsync("p", null, "PCT", null, "sekretariatet", "Baggrund");
        await comments.CreateAsync("p", null, "PCT", null, "sekretariatet", "Bestyrelsen bedes omprioritere timer", CommentKinds.Decision, "prioritering");

        var read = await comments.ForPlanAsync("p");
        Assert.That(read.Select(c => (c.Text, c.Kind, c.DecisionType, c.IsDecision)), Is.EqualTo(new[]
        {
            ("Bestyrelsen bedes omprioritere timer", "decision", (string?)"prioritering", true),
            ("Baggrund", "note", (string?)null, false),
        }));
        Assert.That(async () => await comments.CreateAsync("p", null, "PCT", null, "s", "t", CommentKinds.Decision, null), Throws.ArgumentException);
        Assert.That(async () => await comments.CreateAsync("p", null, "PCT", null, "s", "t", CommentKinds.Note, "strategisk"), Throws.ArgumentException);
    }
}
