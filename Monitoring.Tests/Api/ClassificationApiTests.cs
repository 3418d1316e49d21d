using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>
/// The statutory-list classification over HTTP on the sample data, whose areas were designed against the law's
/// thresholds (samples/tools/generate_criteria.py): Solhaven on the lists throughout, Åparken leaving them in
/// 2023, Nordparken a forebyggelsesområde, Kildegården too small for any list, Enghaven kombineret udlejning at 30 %.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ClassificationApiTests(DatabaseProvider provider)
{
    private MonitoringApiFactory _api = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _api = MonitoringApiFactory.StartWithSamples(provider);
        _client = _api.ClientWithKey(null);
    }

    [OneTimeTearDown]
    public async Task Stop() => await _api.DisposeAsync();

    private async Task<JsonElement> GetAsync(string path)
    {
        var response = await _client.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static string[] Lists(JsonElement classification) =>
        classification.GetProperty("lists").EnumerateArray().Select(l => l.GetString()!).ToArray();

    private async Task<string[]> ListsAsync(string area, string date) =>
        Lists((await GetAsync($"/api/v1/areas/{area}/classification?date={date}")).GetProperty("classification"));

    [Test]
    public async Task Solhaven_is_a_parallelsamfund_and_omdannelsesomraade_with_every_criterion_explained()
    {
        var body = await GetAsync("/api/v1/areas/0901-SOLHAVEN/classification?date=2024-12-01");
        var classification = body.GetProperty("classification");
        var b = classification.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "b");

        Assert.Multiple(() =>
        {
            Assert.That(classification.GetProperty("listYear").GetInt32(), Is.EqualTo(2024));
            Assert.That(classification.GetProperty("regime").GetString(), Is.EqualTo("2021"));
            Assert.That(Lists(classification), Is.SupersetOf(new[] { "udsat", "parallelsamfund", "omdannelsesomraade" }));
            Assert.That(b.GetProperty("operator").GetString(), Is.EqualTo("gt"));
            Assert.That(b.GetProperty("values").GetArrayLength(), Is.EqualTo(2));
            Assert.That(b.GetProperty("explanation").GetString(), Does.Contain("i gennemsnit 2022–2023, grænsen er over 40 %"));
            Assert.That(body.GetProperty("regionScope").GetString(), Is.EqualTo("REGION-SYD"));
            var history = body.GetProperty("history").EnumerateArray().ToList();
            Assert.That(history[0].GetProperty("listYear").GetInt32(), Is.EqualTo(2010));
            Assert.That(history.Where(h => h.GetProperty("listYear").GetInt32() < 2018).All(h => Lists(h).Contains("ghettoomraade")), Is.True);
            Assert.That(history.Where(h => h.GetProperty("listYear").GetInt32() is >= 2018 and <= 2020).All(h => Lists(h).Contains("haardt_ghettoomraade")), Is.True);
        });
    }

    [Test]
    public async Task Aaparken_leaves_the_lists_in_2023_and_becomes_a_forebyggelsesomraade()
    {
        var on = await ListsAsync("0902-AAPARKEN", "2022-12-01");
        var off = await ListsAsync("0902-AAPARKEN", "2023-12-01");
        var dayBefore = await ListsAsync("0902-AAPARKEN", "2023-11-30");

        Assert.Multiple(() =>
        {
            Assert.That(on, Does.Contain("parallelsamfund").And.Contain("omdannelsesomraade"));
            Assert.That(off, Does.Not.Contain("udsat").And.Not.Contain("parallelsamfund"));
            Assert.That(off, Does.Contain("forebyggelsesomraade"));
            Assert.That(dayBefore, Is.EqualTo(on), "the 2022 list is in force until 1 December 2023");
        });
    }

    [Test]
    public async Task The_small_area_and_the_large_area_show_the_residents_rules()
    {
        var small = await GetAsync("/api/v1/areas/0901-KILDEGAARDEN/classification?date=2024-12-01");
        var udsat = small.GetProperty("classification").GetProperty("categories").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "udsat");

        var enghaven = await ListsAsync("0902-ENGHAVEN", "2024-12-01");
        var nordparken = await ListsAsync("0901-NORDPARKEN", "2024-12-01");
        Assert.Multiple(() =>
        {
            Assert.That(small.GetProperty("history").EnumerateArray().All(h => Lists(h).Length == 0), Is.True, "under 1,000 residents: on no list");
            Assert.That(udsat.GetProperty("outcome").GetString(), Is.EqualTo("notMet"));
            Assert.That(udsat.GetProperty("explanation").GetString(), Does.Contain("(mindst 1.000)"));
            Assert.That(enghaven, Is.EqualTo(new[] { "kombineret_udlejning" }));
            Assert.That(nordparken, Is.EqualTo(new[] { "forebyggelsesomraade" }));
        });
    }

    [Test]
    public async Task All_areas_can_be_filtered_by_category_and_read_as_csv()
    {
        var parallel = await GetAsync("/api/v1/classification?date=2024-12-01&category=parallelsamfund");
        var all = await GetAsync("/api/v1/classification?date=2024-12-01");
        var csv = await _client.GetStringAsync("/api/v1/classification?date=2022-12-01&format=csv");

        Assert.Multiple(() =>
        {
            Assert.That(parallel.EnumerateArray().Select(a => a.GetProperty("area").GetString()), Is.EqualTo(new[] { "0901-SOLHAVEN" }));
            Assert.That(all.GetArrayLength(), Is.EqualTo(5));
            var lines = csv.ReplaceLineEndings("\n").Trim().Split('\n');
            Assert.That(lines[0], Is.EqualTo("area,name,listYear,listDate,regime,residents,lists"));
            Assert.That(lines.Single(l => l.StartsWith("0902-AAPARKEN", StringComparison.Ordinal)), Does.Contain(",2022,2022-12-01,2021,").And.Contain("parallelsamfund"));
        });
    }

    [Test]
    public async Task The_area_classification_as_csv_has_a_row_per_category_and_criterion()
    {
        var csv = await _client.GetStringAsync("/api/v1/areas/0901-SOLHAVEN/classification?date=2015-01-01&format=csv");
        var lines = csv.ReplaceLineEndings("\n").Trim().Split('\n');

        Assert.Multiple(() =>
        {
            // The 2014 list (2013 rules): one category and five criteria.
            Assert.That(lines.Count(l => l.Contains(",category,", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(lines.Count(l => l.Contains(",criterion,", StringComparison.Ordinal)), Is.EqualTo(5));
            Assert.That(lines[1], Does.StartWith("0901-SOLHAVEN,2014,2014-12-01,2013,category,ghettoomraade"));
        });
    }

    [Test]
    public async Task The_forecast_is_marked_as_a_projection_and_tells_the_distance_to_each_threshold()
    {
        var body = await GetAsync("/api/v1/areas/0901-SOLHAVEN/classification/forecast?date=2025-12-01");
        var forecast = body.GetProperty("forecast");
        var first = forecast.GetProperty("lists")[0];
        var b = first.GetProperty("criteria").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "b");

        Assert.Multiple(() =>
        {
            Assert.That(forecast.GetProperty("isProjection").GetBoolean(), Is.True);
            Assert.That(forecast.GetProperty("note").GetString(), Does.StartWith("Fremskrivning"));
            Assert.That(forecast.GetProperty("lists").EnumerateArray().Select(l => l.GetProperty("listYear").GetInt32()), Is.EqualTo(new[] { 2026, 2027, 2028 }));
            Assert.That(first.GetProperty("classification").GetProperty("isProjection").GetBoolean(), Is.True);
            Assert.That(b.GetProperty("distance").GetDouble(),
                Is.EqualTo(b.GetProperty("projectedAverage").GetDouble() - b.GetProperty("threshold").GetDouble()).Within(1e-9));
            Assert.That(b.GetProperty("explanation").GetString(), Does.StartWith("Fremskrivning 2026").And.Contain("procentpoint"));
        });
    }

    [Test]
    public async Task Every_sample_area_is_judged_on_every_list_from_2010_with_no_category_left_unknown()
    {
        var unknown = new List<string>();
        for (var year = 2010; year <= 2025; year++)
        {
            var date = year < 2014 ? $"{year}-10-01" : $"{year}-12-01";
            foreach (var area in (await GetAsync($"/api/v1/classification?date={date}")).EnumerateArray())
            {
                Assert.That(area.GetProperty("listYear").GetInt32(), Is.EqualTo(year));
                unknown.AddRange(area.GetProperty("categories").EnumerateArray()
                    .Where(c => c.GetProperty("outcome").GetString() == "cannotBeEvaluated")
                    .Select(c => $"{year} {area.GetProperty("area").GetString()} {c.GetProperty("code").GetString()}"));
            }
        }

        Assert.That(unknown, Is.Empty, "the sample criteria cover 2006–2025, so every window of every list is complete");
    }

    [TestCase("/api/v1/areas/NO-SUCH-AREA/classification", HttpStatusCode.NotFound, null)]
    [TestCase("/api/v1/areas/NO-SUCH-AREA/classification/forecast", HttpStatusCode.NotFound, null)]
    [TestCase("/api/v1/areas/0901-SOLHAVEN/classification?date=2024-13-01", HttpStatusCode.BadRequest, "date")]
    [TestCase("/api/v1/areas/0901-SOLHAVEN/classification?date=2010-09-30", HttpStatusCode.BadRequest, "date")]
    [TestCase("/api/v1/classification?date=soon", HttpStatusCode.BadRequest, "date")]
    [TestCase("/api/v1/classification?category=ghetto", HttpStatusCode.BadRequest, "category")]
    [TestCase("/api/v1/areas/0901-SOLHAVEN/classification/forecast?lists=11", HttpStatusCode.BadRequest, "lists")]
    [TestCase("/api/v1/areas/0901-SOLHAVEN/classification?format=xml", HttpStatusCode.BadRequest, "format")]
    public async Task Unknown_areas_and_bad_parameters_are_problems_naming_what_is_wrong(string path, HttpStatusCode status, string? parameter)
    {
        var problem = await ProblemJson.ReadAsync(await _client.GetAsync(path), status);

        if (parameter is not null)
            Assert.That(problem.GetProperty("parameter").GetString(), Is.EqualTo(parameter));
    }

    [Test]
    public async Task A_target_below_a_list_threshold_on_a_criterion_indicator_is_evaluated_like_any_other_target()
    {
        var admin = _api.AdminClient();
        var goal = (await GetAsync("/api/v1/plans/oesterby-nord/status")).GetProperty("goals")[0].GetProperty("id").GetInt64();
        var read = await admin.GetAsync($"/api/v1/goals/{goal}");
        var add = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/goals/{goal}/targets")
        {
            Content = JsonContent.Create(new
            {
                indicator = "KRIT_UDENFOR_18_64", scope = "0901-SOLHAVEN", baselinePeriod = "2019", baselineValue = 46.0,
                targetPeriod = "2026", targetValue = 40.0, tolerance = 0.05,
            }),
        };
        add.Headers.IfMatch.Add(read.Headers.ETag!);

        var added = await admin.SendAsync(add);
        Assert.That((int)added.StatusCode, Is.InRange(200, 201), await added.Content.ReadAsStringAsync());
        var targetId = (await GetAsync("/api/v1/plans/oesterby-nord/status")).GetProperty("goals")[0].GetProperty("targets").EnumerateArray()
            .Single(t => t.GetProperty("indicatorCode").GetString() == "KRIT_UDENFOR_18_64").GetProperty("targetId").GetInt64();
        var evaluation = await GetAsync($"/api/v1/targets/{targetId}/evaluation");

        // The sample's Solhaven share is 42,1 % in 2025: above the 40 % line, so not yet reached.
        Assert.That(evaluation.GetProperty("latest").GetProperty("value").GetDouble(), Is.EqualTo(42.1).Within(1e-9));
        Assert.That(evaluation.GetProperty("status").GetString(), Is.Not.EqualTo("achieved").And.Not.EqualTo("insufficientData"));
    }
}
