using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Metadata;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Goals;

/// <summary>An evaluation is computed once per data version, question and setting, and afresh after a write.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class PlanEvaluationCacheTests(DatabaseProvider provider)
{
    private TestDatabase _test = null!;
    private MemoryCache _memory = null!;
    private PlanEvaluationCache _cache = null!;

    [SetUp]
    public async Task SetUp()
    {
        _test = TestDatabase.Create(provider);
        await _test.SeedCatalogAsync();
        var target = new TargetDefinition("PCT", "AREA-A", null, "2020", null, "2026", 30, null, null, null, null);
        var goal = new GoalDefinition("G1", "Flere i arbejde", null, null, null, null, [target], null);
        await new PlanStore(_test.Database).CreateAsync(new PlanDefinition("p", "P", "0901", "2023-2026", null, ["AREA-A"], [goal]));
        await Import("PCT,AREA-A,2020,45,450,1000,", "PCT,AREA-A,2021,44,440,1000,");
        _memory = new MemoryCache(new MemoryCacheOptions());
        var database = _test.Database;
        var suppression = Options.Create(new SuppressionOptions());
        var reader = new PlanEvaluationReader(database, new PlanStore(database), new IndicatorStore(database), new SeriesQuery(database, suppression));
        _cache = new PlanEvaluationCache(reader, new DataVersionStore(database), _memory, suppression);
    }

    [TearDown]
    public async Task TearDown()
    {
        _memory.Dispose();
        await _test.DisposeAsync();
    }

    private Task<ImportReport> Import(params string[] rows) =>
        _test.Importer().ImportAsync(new ImportRequest(Csv.WithHeader(rows), "upload.csv", "test", "tester", false));

    [Test]
    public async Task The_same_version_and_question_reuse_the_evaluation_and_an_import_computes_it_again()
    {
        var first = await _cache.EvaluatePlanAsync("p", null);
        var again = await _cache.EvaluatePlanAsync("p", null);
        var earlier = await _cache.EvaluatePlanAsync("p", Period.Parse("2020"));

        Assert.That(again, Is.SameAs(first));
        Assert.That(earlier, Is.Not.SameAs(first));

        await Import("PCT,AREA-A,2022,40,400,1000,");
        var after = await _cache.EvaluatePlanAsync("p", null);

        Assert.That(after, Is.Not.SameAs(first));
        Assert.That(after!.Goals[0].Targets[0].Latest!.Value, Is.EqualTo(40));
        Assert.That(await _cache.EvaluatePlanAsync("no-such-plan", null), Is.Null);
    }
}
