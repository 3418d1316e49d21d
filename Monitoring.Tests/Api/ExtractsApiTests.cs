using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CsvHelper;
using Dapper;
using Monitoring.Api.Auth;
using Monitoring.Api.Extracts;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>The CSV extracts on the sample plans: whole, named, Danish on request, and cheap to refresh.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ExtractsApiTests(DatabaseProvider provider)
{
    private MonitoringApiFactory _api = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _api = MonitoringApiFactory.StartWithSamples(provider);
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop() => await _api.DisposeAsync();

    /// <summary>Parses CSV as a Danish Excel would: BOM, semicolons, quotes.</summary>
    public static (string[] Header, List<string[]> Rows) Parse(byte[] body, char separator)
    {
        var text = Encoding.UTF8.GetString(body).TrimStart('\uFEFF');
        using var reader = CsvReader.Create(new StringReader(text), new CsvReaderOptions { Separator = separator }, leaveOpen: false);
        var header = reader.Headers.ToArray();
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        return (header, rows);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = await _api.Database.Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    [Test]
    public async Task Observations_long_holds_every_row_with_names_units_and_flags_in_both_dialects()
    {
        var stored = await CountAsync("SELECT COUNT(*) FROM observations");
        var english = Parse(await _client.GetByteArrayAsync("/api/v1/extracts/observations-long.csv"), ',');
        var danishBytes = await _client.GetByteArrayAsync("/api/v1/extracts/observations-long.csv?dialect=da");
        var danish = Parse(danishBytes, ';');

        Assert.That(danishBytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(english.Header, Is.EqualTo(ObservationsLongExtract.English));
        Assert.That(danish.Header, Is.EqualTo(ObservationsLongExtract.Danish));
        Assert.That(english.Rows, Has.Count.EqualTo(stored));
        Assert.That(danish.Rows, Has.Count.EqualTo(stored));
        Assert.That(english.Rows.All(r => r[1].Length > 0 && r[2].Length > 0 && r[4].Length > 0), "indicator name, unit and area name beside the codes");
        Assert.That(danish.Rows.Select(r => r[2]).Distinct(), Is.SubsetOf(new[] { "procent", "antal", "rate", "karakter", "indeks", "kr." }));
        Assert.That(danish.Rows.Select(r => r[14]).Distinct(), Is.SubsetOf(new[] { "ja", "nej" }));
        var withInterval = english.Rows.Where(r => r[11].Length > 0).ToList();
        Assert.That(withInterval, Is.Not.Empty, "survey shares carry a 95 % interval");
        Assert.That(withInterval.All(r => double.Parse(r[11], CultureInfo.InvariantCulture) <= double.Parse(r[8], CultureInfo.InvariantCulture)
            && double.Parse(r[8], CultureInfo.InvariantCulture) <= double.Parse(r[12], CultureInfo.InvariantCulture)));
        Assert.That(english.Rows.Where(r => r[13].Contains("suppressed", StringComparison.Ordinal)).All(r => r[8] == "" && r[10] == "" && r[14] == "true"));
    }

    [Test]
    public async Task Observations_wide_has_one_column_per_indicator_and_as_many_values_as_the_long_table()
    {
        var wide = Parse(await _client.GetByteArrayAsync("/api/v1/extracts/observations-wide.csv?dialect=da"), ';');
        var indicators = await CountAsync("SELECT COUNT(*) FROM indicators");
        var withValue = await CountAsync("SELECT COUNT(*) FROM observations WHERE value IS NOT NULL");

        Assert.That(wide.Header[..5], Is.EqualTo(ObservationsWideExtract.Danish));
        Assert.That(wide.Header, Has.Length.EqualTo(5 + indicators));
        var values = wide.Rows.Sum(r => r[5..].Count(v => v.Length > 0));
        Assert.That(values, Is.LessThanOrEqualTo(withValue).And.GreaterThan(withValue * 9 / 10), "every shown value once; withheld ones empty");
        Assert.That(wide.Rows.Select(r => (r[0], r[2], r[4])), Is.Unique);
    }

    [Test]
    public async Task Target_evaluations_and_goal_status_have_Danish_headers_and_words()
    {
        var targets = Parse(await _client.GetByteArrayAsync("/api/v1/extracts/target-evaluations.csv?dialect=da"), ';');
        var goals = Parse(await _client.GetByteArrayAsync("/api/v1/extracts/goal-status.csv?dialect=da"), ';');
        var englishGoals = Parse(await _client.GetByteArrayAsync("/api/v1/extracts/goal-status.csv"), ',');

        Assert.That(targets.Header, Is.EqualTo(TargetEvaluationsExtract.Danish));
        Assert.That(targets.Rows, Has.Count.EqualTo(await CountAsync("SELECT COUNT(*) FROM targets")));
        Assert.That(targets.Rows.Select(r => r[11]).Distinct(), Is.SubsetOf(new[] { "nået", "på sporet", "i risiko", "ikke på sporet", "for få data" }));
        Assert.That(targets.Rows.Select(r => r[12]).Distinct(), Is.SubsetOf(new[] { "ja", "nej" }));
        Assert.That(goals.Header, Is.EqualTo(GoalStatusExtract.Danish));
        Assert.That(englishGoals.Header, Is.EqualTo(GoalStatusExtract.English));
        Assert.That(goals.Rows, Has.Count.EqualTo(await CountAsync("SELECT COUNT(*) FROM goals")));
        Assert.That(goals.Rows.Select(r => r[4]).Distinct(), Is.SubsetOf(new[] { "strategisk mål", "delmål" }));
    }

    [Test]
    public async Task A_refresh_of_unchanged_data_gets_304_by_etag_or_last_modified()
    {
        using var first = await _client.GetAsync("/api/v1/extracts/target-evaluations.csv");
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var byTag = new HttpRequestMessage(HttpMethod.Get, "/api/v1/extracts/target-evaluations.csv");
        byTag.Headers.IfNoneMatch.Add(etag);
        using var byDate = new HttpRequestMessage(HttpMethod.Get, "/api/v1/extracts/target-evaluations.csv");
        byDate.Headers.IfModifiedSince = lastModified;
        using var otherDialect = new HttpRequestMessage(HttpMethod.Get, "/api/v1/extracts/target-evaluations.csv?dialect=da");
        otherDialect.Headers.IfNoneMatch.Add(etag);

        Assert.That((await _client.SendAsync(byTag)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That((await _client.SendAsync(byDate)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That((await _client.SendAsync(otherDialect)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_key_scoped_to_one_plan_gets_only_that_plans_targets_and_goals()
    {
        var key = await new ApiKeyStore(_api.Database.Database, TimeProvider.System).CreateAsync("bi vesteraa", Roles.BiReader, ["vesteraa-parkerne"]);
        var client = _api.ClientWithKey(key);

        var targets = Parse(await client.GetByteArrayAsync("/api/v1/extracts/target-evaluations.csv"), ',');
        var goals = Parse(await client.GetByteArrayAsync("/api/v1/extracts/goal-status.csv"), ',');
        var all = Parse(await _client.GetByteArrayAsync("/api/v1/extracts/goal-status.csv"), ',');

        Assert.That(targets.Rows, Is.Not.Empty);
        Assert.That(targets.Rows.Select(r => r[0]), Is.All.EqualTo("vesteraa-parkerne"));
        Assert.That(goals.Rows.Select(r => r[0]), Is.All.EqualTo("vesteraa-parkerne"));
        Assert.That(all.Rows.Select(r => r[0]), Does.Contain("oesterby-nord"));
    }

    [Test]
    public async Task A_key_scoped_to_one_plan_gets_the_observations_of_its_plans_areas_and_no_others()
    {
        var key = await new ApiKeyStore(_api.Database.Database, TimeProvider.System).CreateAsync("bi oesterby obs", Roles.BiReader, ["oesterby-nord"]);
        var client = _api.ClientWithKey(key);
        var reach = await new PlanScopeLookup(_api.Database.Database).AreasOfAsync(["oesterby-nord"]);
        var inReach = string.Join(",", reach.Select(a => $"'{a}'"));
        var stored = await CountAsync($"SELECT COUNT(*) FROM observations o JOIN series s ON s.id = o.series_id WHERE s.scope_code IN ({inReach})");
        var elsewhere = await CountAsync($"SELECT COUNT(*) FROM observations o JOIN series s ON s.id = o.series_id WHERE s.scope_code NOT IN ({inReach})");

        using var longResponse = await client.GetAsync("/api/v1/extracts/observations-long.csv?dialect=da");
        using var wideResponse = await client.GetAsync("/api/v1/extracts/observations-wide.csv");
        Assert.That(longResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK), await longResponse.Content.ReadAsStringAsync());
        Assert.That(wideResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK), await wideResponse.Content.ReadAsStringAsync());
        var longRows = Parse(await longResponse.Content.ReadAsByteArrayAsync(), ';');
        var wideRows = Parse(await wideResponse.Content.ReadAsByteArrayAsync(), ',');

        Assert.That(elsewhere, Is.GreaterThan(0), "other plans' areas hold rows the key must not see");
        Assert.That(longRows.Rows, Has.Count.EqualTo(stored));
        Assert.That(longRows.Rows.Select(r => r[3]).Distinct(), Is.SubsetOf(reach).And.Contain("0901-SOLHAVEN"));
        Assert.That(wideRows.Rows.Select(r => r[0]).Distinct(), Is.EquivalentTo(longRows.Rows.Select(r => r[3]).Distinct()));
    }

    [TestCase("/api/v1/extracts/everything.csv", HttpStatusCode.NotFound)]
    [TestCase("/api/v1/extracts/goal-status.csv?dialect=fr", HttpStatusCode.BadRequest)]
    [TestCase("/api/v1/extracts/goal-status.csv?asOf=soon", HttpStatusCode.BadRequest)]
    public async Task Unknown_extracts_and_bad_parameters_are_problems(string url, HttpStatusCode expected)
    {
        using var response = await _client.GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(expected));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }
}
