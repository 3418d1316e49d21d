using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Formats;
using Monitoring.Ingest.Samples;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Import.Formats;

/// <summary>Each file in samples/formats imports onto the sample data as samples/README.md says it does.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class SampleFormatsTests(DatabaseProvider provider)
{
    [TestCase("danish-excel-windows1252.csv", null, "windows-1252", "long", 4, 1)]
    [TestCase("wide-years.csv", null, "utf-8", "wide-periods", 3, 3)]
    [TestCase("wide-indicators.csv", null, "utf-8", "wide-indicators", 5, 1)]
    [TestCase("spreadsheet.xlsx", "Tal", "", "long", 2, 1)]
    [TestCase("excel-97.xls", null, "", "long", 3, 1)]
    public async Task A_sample_file_imports_onto_the_samples(string file, string? sheet, string encoding, string layout, int created, int skipped)
    {
        await using var test = TestDatabase.Create(provider);
        await new SampleLoader(new IndicatorStore(test.Database), new ScopeStore(test.Database),
            new DimensionStore(test.Database), new PlanStore(test.Database), test.Importer()).LoadIfEmptyAsync(RepositoryPaths.Samples);

        var report = await test.Importer().ImportAsync(
            ImportRequest.FromFile(Path.Combine(RepositoryPaths.Samples, "formats", file), "test", "tester", dryRun: false) with
            {
                Options = new ImportOptions(Sheet: sheet),
            });

        Assert.That(report.Errors, Is.Empty, () => string.Join("; ", report.Errors.Select(e => $"{e.Row} {e.Column}: {e.MessageEn}")));
        Assert.That(report.Status, Is.EqualTo(ImportStatus.Committed));
        Assert.That((report.Detected!.Encoding, report.Detected.Layout), Is.EqualTo((encoding, layout)));
        Assert.That((report.Created, report.Changed, report.SkippedCount), Is.EqualTo((created, 0, skipped)));
    }
}
