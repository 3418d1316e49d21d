using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Metadata;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Data;

/// <summary>The data version moves with every committed write that changes what is shown, and only then.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class DataVersionStoreTests(DatabaseProvider provider)
{
    private TestDatabase _test = null!;
    private DataVersionStore _versions = null!;

    [SetUp]
    public async Task SetUp()
    {
        _test = TestDatabase.Create(provider);
        await _test.SeedCatalogAsync();
        _versions = new DataVersionStore(_test.Database);
    }

    [TearDown]
    public async Task TearDown() => await _test.DisposeAsync();

    private async Task<long> MovesBy(Func<Task> write)
    {
        var before = await _versions.CurrentAsync();
        await write();
        var after = await _versions.CurrentAsync();
        Assert.That(after.Epoch, Is.EqualTo(before.Epoch));
        return after.Number - before.Number;
    }

    private Task<ImportReport> Import(byte[] content, bool dryRun = false) =>
        _test.Importer().ImportAsync(new ImportRequest(content, "upload.csv", "test", "tester", dryRun));

    [Test]
    public async Task A_committed_import_moves_it_and_a_dry_run_a_rejected_file_or_the_same_file_again_do_not()
    {
        var file = Csv.WithHeader("PCT,AREA-A,2022,41.5,415,1000,");

        Assert.That(await MovesBy(() => Import(file, dryRun: true)), Is.Zero, "dry run");
        Assert.That(await MovesBy(() => Import(file)), Is.EqualTo(1), "committed");
        Assert.That(await MovesBy(() => Import(file)), Is.Zero, "the same file again");
        Assert.That(await MovesBy(() => Import(Csv.WithHeader("PCT,NOWHERE,2022,41.5,415,1000,"))), Is.Zero, "rejected");
    }

    [Test]
    public async Task Indicators_scopes_plans_and_comments_move_it_and_a_taken_code_does_not()
    {
        var indicators = new IndicatorStore(_test.Database);
        var scopes = new ScopeStore(_test.Database);
        var plans = new PlanStore(_test.Database);
        var comments = new CommentStore(_test.Database, TimeProvider.System);
        var indicator = new Indicator("NEW", "Ny", null, IndicatorUnit.Count, Direction.LowerBetter, IndicatorSource.Register,
            Periodicity.Yearly, 0, null, true);

        Assert.That(await MovesBy(() => indicators.CreateAsync(indicator)), Is.EqualTo(1));
        Assert.That(await MovesBy(() => indicators.CreateAsync(indicator)), Is.Zero, "code taken");
        Assert.That(await MovesBy(() => scopes.CreateAsync(new Scope("AREA-C", "Område C", ScopeKind.Area, "0901"))), Is.EqualTo(1));
        Assert.That(await MovesBy(() => scopes.CreateAsync(new Scope("AREA-C", "Område C", ScopeKind.Area, "0901"))), Is.Zero, "code taken");
        var plan = new PlanDefinition("p", "P", "0901", "2023-2026", null, ["AREA-A"], null);
        Assert.That(await MovesBy(() => plans.CreateAsync(plan)), Is.EqualTo(1));
        Assert.That(await MovesBy(() => plans.CreateAsync(plan)), Is.Zero, "slug taken");
        Assert.That(await MovesBy(() => comments.CreateAsync("p", null, "PCT", null, "sekretariatet", "Ny opgørelse")), Is.EqualTo(1));
        Assert.That(await MovesBy(() => comments.CreateAsync("no-such-plan", null, "PCT", null, "sekretariatet", "x")), Is.Zero, "no plan");
    }
}
