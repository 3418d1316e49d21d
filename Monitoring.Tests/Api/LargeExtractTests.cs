using System.Globalization;
using System.Net;
using System.Text;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>
/// A table far beyond any page size (100,000 rows, imported through the importer as an analyst
/// would) comes out whole: every row once in the Danish extract, and in <c>format=csv</c>.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class LargeExtractTests(DatabaseProvider provider)
{
    private const int Areas = 1000;
    private const int FirstYear = 1925;
    private const int Years = 100;

    [Test]
    public async Task A_100000_row_extract_is_complete_and_parses_with_the_Danish_dialect()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var scopes = new ScopeStore(api.Database.Database);
        for (var a = 0; a < Areas; a++)
            await scopes.CreateAsync(new Scope(AreaCode(a), $"Område {a}", ScopeKind.Area, "0901"));
        var lines = new List<string>(Areas * Years);
        for (var a = 0; a < Areas; a++)
        {
            for (var y = FirstYear; y < FirstYear + Years; y++)
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"PCT,{AreaCode(a)},{y},{Value(lines.Count)},,,"));
        }
        Assert.That(lines, Has.Count.EqualTo(100_000));
        var upload = await api.AdminClient().PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader([.. lines])));
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created), (await upload.Content.ReadAsStringAsync())[..500]);
        var client = api.CreateClient();

        var (header, rows) = ExtractsApiTests.Parse(await client.GetByteArrayAsync("/api/v1/extracts/observations-long.csv?dialect=da"), ';');
        var whole = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/api/v1/observations?format=csv"))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.That(header[0], Is.EqualTo("indikator"));
        Assert.That(rows, Has.Count.EqualTo(100_000));
        Assert.That(rows.Select(r => (r[3], r[5])), Is.Unique);
        Assert.That(rows.Select(r => r[3]).Distinct().Count(), Is.EqualTo(Areas));
        Assert.That(rows.Select(r => r[5]), Does.Contain("1925").And.Contain("2024"));
        var expectedSum = Enumerable.Range(0, 100_000).Sum(Value);
        Assert.That(rows.Sum(r => double.Parse(r[8], CultureInfo.GetCultureInfo("da-DK"))), Is.EqualTo(expectedSum).Within(1e-6));
        Assert.That(whole, Has.Length.EqualTo(100_001), "format=csv without a limit holds every row");
    }

    /// <summary>A share with one decimal, so the Danish decimal comma is read back too.</summary>
    private static double Value(int row) => row % 1000 / 10.0;

    private static string AreaCode(int a) => string.Create(CultureInfo.InvariantCulture, $"AREA-{a:000}");
}
