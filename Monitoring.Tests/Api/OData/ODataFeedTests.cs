using System.Net;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Auth;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.OData;

/// <summary>
/// The OData feed on the sample plans, read as Power BI reads it: through Microsoft.OData.Core's
/// reader against the served <c>$metadata</c>, page by page through <c>@odata.nextLink</c>, and
/// compared with what the database holds.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ODataFeedTests(DatabaseProvider provider)
{
    private static readonly string[] EntitySets = ["Plans", "Goals", "Targets", "Indicators", "Areas", "Observations", "Evaluations"];

    private MonitoringApiFactory _api = null!;
    private ODataFeedReader _feed = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _api = MonitoringApiFactory.StartWithSamples(provider);
        _feed = await ODataFeedReader.OpenAsync(_api.CreateClient());
    }

    [OneTimeTearDown]
    public async Task Stop() => await _api.DisposeAsync();

    private async Task<List<(long Series, int Start, int End, string Indicator, string Area)>> StoredAsync(string where = "1 = 1")
    {
        await using var connection = await _api.Database.Database.OpenAsync();
        return (await connection.QueryAsync<(long, int, int, string, string)>(
            $"SELECT o.series_id, o.period_start, o.period_end, s.indicator_code, s.scope_code FROM observations o JOIN series s ON s.id = o.series_id WHERE {where}")).ToList();
    }

    private static string Id((long Series, int Start, int End, string Indicator, string Area) row) => $"{row.Series}.{row.Start}.{row.End}";

    [Test]
    public async Task Every_entity_set_is_in_the_service_document_and_reads_back_against_the_metadata()
    {
        var service = JsonDocument.Parse(await _api.CreateClient().GetStringAsync("/odata")).RootElement;
        Assert.That(service.GetProperty("value").EnumerateArray().Select(s => s.GetProperty("name").GetString()), Is.EquivalentTo(EntitySets));

        foreach (var set in EntitySets)
        {
            var page = await _feed.PageAsync(set, $"/odata/{set}");
            Assert.That(page.Entries, Is.Not.Empty, set);
        }
        var plans = await _feed.PageAsync("Plans", "/odata/Plans");
        Assert.That(plans.Entries.Select(p => p.Text("Slug")), Is.EquivalentTo(new[] { "oesterby-nord", "vesteraa-parkerne" }));
    }

    [Test]
    public async Task Navigation_properties_expand_targets_to_indicator_and_goal_and_observations_to_indicator_and_area()
    {
        var targets = await _feed.PageAsync("Targets", "/odata/Targets?$expand=Indicator,Goal($expand=Plan)");
        Assert.That(targets.Entries, Is.Not.Empty);
        Assert.That(targets.Entries.All(t => t.Expanded.ContainsKey("Unit") && t.Expanded.ContainsKey("Title")), "indicator and goal expanded");

        var observations = await _feed.PageAsync("Observations", "/odata/Observations?$top=20&$expand=Indicator,Area");
        Assert.That(observations.Entries, Has.Count.EqualTo(20));
        Assert.That(observations.Entries.All(o => o.Expanded.ContainsKey("Periodicity") && o.Expanded.ContainsKey("Kind")), "indicator and area expanded");
        Assert.That(observations.Entries.All(o => (string)o.Expanded["Name"]! != ""));
    }

    [Test]
    public async Task Paging_through_nextLink_returns_exactly_the_stored_observations_in_either_order()
    {
        var stored = (await StoredAsync()).Select(Id).ToList();

        var (byKey, pages) = await _feed.AllAsync("Observations", "/odata/Observations?$select=Id", "odata.maxpagesize=300");
        var (ordered, orderedPages) = await _feed.AllAsync("Observations", "/odata/Observations?$select=Id,Period&$orderby=Period desc", "odata.maxpagesize=250");

        Assert.That(pages, Is.EqualTo((stored.Count + 299) / 300));
        Assert.That(byKey.Select(e => e.Text("Id")), Is.Unique);
        Assert.That(byKey.Select(e => e.Text("Id")), Is.EquivalentTo(stored));
        Assert.That(orderedPages, Is.GreaterThan(1));
        Assert.That(ordered.Select(e => e.Text("Id")), Is.EquivalentTo(stored));
        var count = await _feed.PageAsync("Observations", "/odata/Observations?$count=true&$top=1");
        Assert.That(count.Count, Is.EqualTo(stored.Count));
    }

    [Test]
    public async Task Filters_on_codes_years_periods_and_in_lists_select_the_same_rows_as_the_database()
    {
        var any = (await StoredAsync()).First();
        var areas = (await StoredAsync($"s.indicator_code = '{any.Indicator}'")).Select(r => r.Area).Distinct().Take(2).ToList();
        var expected = await StoredAsync(
            $"s.indicator_code = '{any.Indicator}' AND o.period_start >= {2020 * 12} AND s.scope_code IN ('{string.Join("','", areas)}')");
        var actual = await _feed.AllAsync("Observations",
            $"/odata/Observations?$filter=IndicatorCode eq '{any.Indicator}' and Year ge 2020 and AreaCode in ('{string.Join("','", areas)}')&$count=true");

        Assert.That(expected, Is.Not.Empty);
        Assert.That(actual.Entries.Select(e => e.Text("Id")), Is.EquivalentTo(expected.Select(Id)));

        var upTo2021 = await _feed.AllAsync("Observations", "/odata/Observations?$filter=Period le '2021' or not (AreaCode ne 'DK')");
        Assert.That(upTo2021.Entries.Select(e => e.Text("Id")),
            Is.EquivalentTo((await StoredAsync($"o.period_end <= {2021 * 12 + 11} OR s.scope_code = 'DK'")).Select(Id)));
    }

    [Test]
    public async Task Select_returns_only_the_chosen_properties_and_orderby_orders()
    {
        var page = await _feed.PageAsync("Observations", "/odata/Observations?$select=AreaCode,Period,Value&$orderby=AreaCode,Period desc&$top=500");

        Assert.That(page.Entries.All(e => e.Properties.Keys.Order().SequenceEqual(["AreaCode", "Period", "Value"])));
        var keys = page.Entries.Select(e => (Area: e.Text("AreaCode"), Period: e.Text("Period"))).ToList();
        Assert.That(keys.Select(k => k.Area), Is.Ordered);
        foreach (var area in keys.GroupBy(k => k.Area))
            Assert.That(area.Select(k => k.Period), Is.Ordered.Descending, area.Key);
    }

    [TestCase("/odata/Observations?$apply=aggregate(Value with sum as Total)")]
    [TestCase("/odata/Observations?$search=tryg")]
    [TestCase("/odata/Observations?$filter=contains(AreaName,'Nord')")]
    [TestCase("/odata/Observations?$orderby=Value")]
    [TestCase("/odata/Observations?$filter=Value add 1 gt 2")]
    [TestCase("/odata/Observations?$skiptoken=forged")]
    [TestCase("/odata/Observations?$levels=2")]
    [TestCase("/odata/Plans?$levels=2")]
    [TestCase("/odata/Plans?$apply=groupby((Status))")]
    [TestCase("/odata/Targets?$compute=Weight mul 2 as Double")]
    [TestCase("/odata/Plans?$filter=NoSuchProperty eq 1")]
    [TestCase("/odata/Areas?$orderby=Nothing")]
    [TestCase("/odata/Evaluations?$top=-1")]
    [TestCase("/odata/Plans?$format=xml")]
    [TestCase("/odata/Observations?$format=atom")]
    [TestCase("/odata/Indicators('PCT')?$format=application/xml")]
    public async Task An_unsupported_option_is_an_OData_error_never_ignored(string url)
    {
        using var response = await _api.CreateClient().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), body);
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("message").GetString(), Is.Not.Empty);
        Assert.That(body, Does.Not.Contain("stacktrace").IgnoreCase, "no server internals");
        Assert.That(body, Does.Not.Contain("innererror").IgnoreCase.And.Not.Contain("Microsoft.OData"), "no exception types either");
    }

    [Test]
    public async Task Evaluations_are_current_or_as_of_an_earlier_period()
    {
        var now = await _feed.PageAsync("Evaluations", "/odata/Evaluations");
        var then = await _feed.PageAsync("Evaluations", "/odata/Evaluations?asOf=2021&$filter=PlanSlug eq 'oesterby-nord'");

        Assert.That(now.Entries.Select(e => e["AsOf"]), Is.All.Null);
        Assert.That(then.Entries, Is.Not.Empty);
        Assert.That(then.Entries.Select(e => e.Text("AsOf")), Is.All.EqualTo("2021"));
        Assert.That(then.Entries.Select(e => e.Text("PlanSlug")), Is.All.EqualTo("oesterby-nord"));
        Assert.That(then.Entries.Select(e => e.Text("StatusDa")), Is.All.Not.Empty);
    }

    [Test]
    public async Task Evaluations_as_of_a_date_are_the_plans_snapshot_on_or_before_it()
    {
        // The nightly job's own document, stored as the snapshot of 2021-06-30 (the job's clock is not the test's).
        var source = _api.Services.GetRequiredService<IPlanSnapshotSource>();
        await _api.Services.GetRequiredService<PlanSnapshotStore>()
            .SaveAsync("oesterby-nord", new DateOnly(2021, 6, 30), await source.SnapshotJsonAsync("oesterby-nord", CancellationToken.None));

        var now = (await _feed.PageAsync("Evaluations", "/odata/Evaluations?$filter=PlanSlug eq 'oesterby-nord'")).Entries;
        var (then, _) = await _feed.AllAsync("Evaluations", "/odata/Evaluations?asOf=2021-07-15", "odata.maxpagesize=4");
        var before = await _feed.PageAsync("Evaluations", "/odata/Evaluations?asOf=2021-06-29");
        var one = await _api.CreateClient().GetStringAsync($"/odata/Evaluations({now[0]["TargetId"]})?asOf=2021-06-30");
        using var badDate = await _api.CreateClient().GetAsync("/odata/Evaluations?asOf=2021-02-30");

        Assert.That(then.Select(e => e.Text("PlanSlug")), Is.All.EqualTo("oesterby-nord"), "the other plan has no snapshot by then");
        Assert.That(then.Select(e => e.Text("AsOf")), Is.All.EqualTo("2021-06-30"));
        Assert.That(then.Select(e => (e["TargetId"], e.Text("Status"), e.Text("StatusDa"), e.Text("GoalKey"), e["LatestValue"])),
            Is.EquivalentTo(now.Select(e => (e["TargetId"], e.Text("Status"), e.Text("StatusDa"), e.Text("GoalKey"), e["LatestValue"]))));
        Assert.That(before.Entries, Is.Empty);
        Assert.That(JsonDocument.Parse(one).RootElement.GetProperty("AsOf").GetString(), Is.EqualTo("2021-06-30"));
        Assert.That(badDate.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task A_key_scoped_to_one_plan_never_sees_another_plans_plans_goals_targets_or_evaluations()
    {
        var key = await new ApiKeyStore(_api.Database.Database, TimeProvider.System).CreateAsync("bi oesterby", Roles.BiReader, ["oesterby-nord"]);
        var scoped = await ODataFeedReader.OpenAsync(_api.ClientWithKey(key));

        Assert.That((await scoped.PageAsync("Plans", "/odata/Plans")).Entries.Select(p => p.Text("Slug")), Is.EqualTo(new[] { "oesterby-nord" }));
        foreach (var set in new[] { "Goals", "Targets", "Evaluations" })
        {
            var mine = await scoped.PageAsync(set, $"/odata/{set}");
            var all = await _feed.PageAsync(set, $"/odata/{set}");
            Assert.That(mine.Entries, Is.Not.Empty, set);
            Assert.That(mine.Entries.Select(e => e.Text("PlanSlug")), Is.All.EqualTo("oesterby-nord"), set);
            Assert.That(all.Entries.Select(e => e.Text("PlanSlug")), Does.Contain("vesteraa-parkerne"), set);
        }
        var vesteraa = (await _feed.PageAsync("Targets", "/odata/Targets?$filter=PlanSlug eq 'vesteraa-parkerne'&$top=1")).Entries[0];
        using var response = await _api.ClientWithKey(key).GetAsync($"/odata/Targets({vesteraa["Id"]})");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_key_scoped_to_one_plan_pages_through_exactly_the_observations_of_its_plans_areas()
    {
        var key = await new ApiKeyStore(_api.Database.Database, TimeProvider.System).CreateAsync("bi oesterby obs", Roles.BiReader, ["oesterby-nord"]);
        var reach = await new PlanScopeLookup(_api.Database.Database).AreasOfAsync(["oesterby-nord"]);
        var stored = await StoredAsync();
        var mine = stored.Where(r => reach.Contains(r.Area)).Select(Id).ToList();
        var theirs = stored.Where(r => !reach.Contains(r.Area)).ToList();
        Assert.That(reach, Does.Contain("0901-SOLHAVEN"));
        Assert.That(theirs, Is.Not.Empty, "other plans' areas hold rows the key must not see");

        // Power Query's Web API credential: the key in the URL, pages followed through nextLink.
        var url = $"/odata/Observations?api_key={Uri.EscapeDataString(key)}&$select=Id,AreaCode&$count=true";
        var (paged, pages) = await _feed.AllAsync("Observations", url, "odata.maxpagesize=400");
        var first = await _feed.PageAsync("Observations", url, "odata.maxpagesize=400");
        var (ordered, _) = await _feed.AllAsync("Observations", url + "&$orderby=AreaCode desc,Period", "odata.maxpagesize=300");
        var solhaven = await _feed.AllAsync("Observations",
            $"/odata/Observations?api_key={Uri.EscapeDataString(key)}&$filter=AreaCode eq '0901-SOLHAVEN'&$select=Id");
        var other = await _feed.PageAsync("Observations",
            $"/odata/Observations?api_key={Uri.EscapeDataString(key)}&$filter=AreaCode eq '{theirs[0].Area}' or AreaCode eq '0901-SOLHAVEN'&$select=AreaCode");
        using var otherById = await _api.ClientWithKey(key).GetAsync($"/odata/Observations('{Id(theirs[0])}')");

        Assert.That(pages, Is.GreaterThan(1));
        Assert.That(paged.Select(e => e.Text("Id")), Is.Unique);
        Assert.That(paged.Select(e => e.Text("Id")), Is.EquivalentTo(mine));
        Assert.That(ordered.Select(e => e.Text("Id")), Is.EquivalentTo(mine));
        Assert.That(first.Count, Is.EqualTo(mine.Count), "$count counts only the scope's rows");
        Assert.That(solhaven.Entries.Select(e => e.Text("Id")), Is.EquivalentTo(stored.Where(r => r.Area == "0901-SOLHAVEN").Select(Id)));
        Assert.That(other.Entries.Select(e => e.Text("AreaCode")), Is.All.EqualTo("0901-SOLHAVEN"), "a filter naming another plan's area finds nothing there");
        Assert.That(otherById.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_key_scoped_to_one_plan_sees_the_areas_and_indicators_the_rest_api_shows_it()
    {
        var key = await new ApiKeyStore(_api.Database.Database, TimeProvider.System).CreateAsync("bi vesteraa meta", Roles.BiReader, ["vesteraa-parkerne"]);
        var client = _api.ClientWithKey(key);
        var scoped = await ODataFeedReader.OpenAsync(client);
        var restAreas = JsonDocument.Parse(await client.GetStringAsync("/api/v1/areas")).RootElement.EnumerateArray()
            .Select(a => a.GetProperty("code").GetString()).ToList();
        var restIndicators = JsonDocument.Parse(await client.GetStringAsync("/api/v1/indicators")).RootElement.EnumerateArray()
            .Select(a => a.GetProperty("code").GetString()).ToList();

        var areas = (await scoped.PageAsync("Areas", "/odata/Areas")).Entries.Select(a => a.Text("Code")).ToList();
        var indicators = (await scoped.PageAsync("Indicators", "/odata/Indicators")).Entries.Select(a => a.Text("Code")).ToList();
        var allAreas = (await _feed.PageAsync("Areas", "/odata/Areas")).Entries.Select(a => a.Text("Code")).ToList();
        using var solhaven = await client.GetAsync("/odata/Areas('0901-SOLHAVEN')");
        using var restSolhaven = await client.GetAsync("/api/v1/areas/0901-SOLHAVEN");
        using var own = await client.GetAsync($"/odata/Areas('{restAreas[0]}')");

        Assert.That(areas, Is.EquivalentTo(restAreas));
        Assert.That(indicators, Is.EquivalentTo(restIndicators));
        Assert.That(allAreas, Has.Count.GreaterThan(areas.Count));
        Assert.That(areas, Does.Not.Contain("0901-SOLHAVEN"));
        Assert.That(restSolhaven.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(solhaven.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "as /api/v1/areas/{code} answers");
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Next_links_keep_the_callers_own_query_parameters_such_as_asOf_and_api_key()
    {
        // A real key: a key in the URL is used on the feed, and a wrong one is refused.
        var key = Uri.EscapeDataString(await _api.CreateKeyAsync(Monitoring.Api.Auth.Roles.BiReader));
        var stored = (await StoredAsync()).Count;
        var observations = await _feed.PageAsync("Observations", $"/odata/Observations?api_key={key}&$select=Id", "odata.maxpagesize=500");
        var (all, _) = await _feed.AllAsync("Observations", $"/odata/Observations?api_key={key}&$select=Id", "odata.maxpagesize=500");
        var evaluations = await _feed.PageAsync("Evaluations", $"/odata/Evaluations?asOf=2021&api_key={key}", "odata.maxpagesize=3");
        var (allEvaluations, evaluationPages) = await _feed.AllAsync("Evaluations", $"/odata/Evaluations?asOf=2021&api_key={key}", "odata.maxpagesize=3");

        Assert.That(observations.NextLink!.Query, Does.Contain($"api_key={key}").And.Contain("$skiptoken="));
        Assert.That(all, Has.Count.EqualTo(stored));
        Assert.That(evaluations.NextLink!.Query, Does.Contain($"api_key={key}").And.Contain("asOf=2021"));
        Assert.That(evaluationPages, Is.GreaterThan(1));
        Assert.That(allEvaluations.Select(e => e["TargetId"]), Is.Unique);
        Assert.That(allEvaluations.Select(e => e.Text("AsOf")), Is.All.EqualTo("2021"));
        Assert.That(allEvaluations, Has.Count.EqualTo((await _feed.PageAsync("Evaluations", $"/odata/Evaluations")).Entries.Count));
    }
}
