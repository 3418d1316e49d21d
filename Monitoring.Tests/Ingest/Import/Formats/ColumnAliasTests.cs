using System.Text;
using Microsoft.Extensions.Options;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Rules;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Import.Formats;

/// <summary>Header names a deployment adds in the setting Monitoring:Validation:ColumnAliases, on both databases.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ColumnAliasTests(DatabaseProvider provider)
{
    [Test]
    public async Task A_header_name_added_in_the_settings_is_read_as_its_column()
    {
        await using var test = TestDatabase.Create(provider);
        await test.SeedCatalogAsync();
        var options = new ValidationOptions();
        options.ColumnAliases["Afdeling"] = "area";
        options.ColumnAliases["Nøgletal"] = "indicator";
        var importer = new ObservationImporter(test.Database, new IndicatorStore(test.Database), new ScopeStore(test.Database),
            new DimensionStore(test.Database), Options.Create(options), TimeProvider.System);

        var report = await importer.ImportAsync(new ImportRequest(
            Encoding.UTF8.GetBytes("nøgletal;AFDELING;År;Værdi\nGRADE;AREA-A;2023;7,1\n"), "alias.csv", "test", "tester", false));

        Assert.That(report.Errors, Is.Empty, () => string.Join("; ", report.Errors.Select(e => e.MessageEn)));
        Assert.That(report.Status, Is.EqualTo(ImportStatus.Committed));
        Assert.That(report.Detected!.Columns.Select(c => c.Column), Is.EqualTo(new[] { "indicator", "area", "period", "value" }));
    }

    [Test]
    public async Task A_header_name_kept_as_metadata_is_read_as_its_column_and_wins_over_the_settings()
    {
        await using var test = TestDatabase.Create(provider);
        await test.SeedCatalogAsync();
        var aliases = new ColumnAliasStore(test.Database, TimeProvider.System);
        await aliases.PutAsync("  Afdeling ", "area");
        await aliases.PutAsync("Nøgletal", "indicator");
        var options = new ValidationOptions();
        options.ColumnAliases["Afdeling"] = "subgroup";
        var importer = new ObservationImporter(test.Database, new IndicatorStore(test.Database), new ScopeStore(test.Database),
            new DimensionStore(test.Database), Options.Create(options), TimeProvider.System);

        var report = await importer.ImportAsync(new ImportRequest(
            Encoding.UTF8.GetBytes("nøgletal;AFDELING;År;Værdi\nGRADE;AREA-A;2023;7,1\n"), "alias.csv", "test", "tester", false));

        Assert.That(report.Errors, Is.Empty, () => string.Join("; ", report.Errors.Select(e => e.MessageEn)));
        Assert.That(report.Detected!.Columns.Select(c => c.Column), Is.EqualTo(new[] { "indicator", "area", "period", "value" }));
        Assert.That(await aliases.DeleteAsync("AFDELING"), Is.True);
        Assert.That((await aliases.ListAsync()).Select(a => (a.Alias, a.Column)), Is.EqualTo(new[] { ("nøgletal", "indicator") }));
    }
}
