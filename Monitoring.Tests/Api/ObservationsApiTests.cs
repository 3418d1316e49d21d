using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ObservationsApiTests(DatabaseProvider provider)
{
    private MonitoringApiFactory _api = null!;
    private HttpClient _client = null!;

    /// <summary>GRADE for two areas 2010–2024 (30 rows), PCT for AREA-A with a subgroup, MOVES by quarter, a negative index.</summary>
    [OneTimeSetUp]
    public async Task StartWithKnownData()
    {
        _api = await MonitoringApiFactory.StartAsync(provider);
        await new IndicatorStore(_api.Database.Database).CreateAsync(new Indicator("IDX", "Indeks", null, IndicatorUnit.Index,
            Direction.HigherBetter, IndicatorSource.Register, Periodicity.Yearly, 1, null, true));
        // The import refuses an undeclared subgroup, and the API refuses a dimension code like this one; written
        // straight into the database it stands for whatever might still slip through, which CSV output must defuse.
        await new DimensionStore(_api.Database.Database).CreateAsync(
            new Dimension("=HYPERLINK(\"http", "Ondsindet", [new DimensionValue("//evil\")", "Ondsindet")]));
        var rows = new List<string>();
        foreach (var area in new[] { "AREA-A", "AREA-B" })
            rows.AddRange(Enumerable.Range(2010, 15).Select(y => $"GRADE,{area},{y},{6 + (y - 2010) * 0.1:0.0#},,,"));
        rows.Add("PCT,AREA-A,2023,40.5,405,1000,");
        rows.Add("PCT,AREA-A,2023,12.5,1,8,=HYPERLINK(\"http://evil\")");
        rows.Add("MOVES,AREA-A,2023K1,3,,,");
        rows.Add("IDX,AREA-A,2023,-3,,,");
        rows.Add("MOVES,AREA-A,2023K2,17,,,");
        var response = await _api.AdminClient().PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader([.. rows])));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop() => await _api.DisposeAsync();

    private async Task<JsonElement[]> Items(string url)
    {
        var page = await _client.GetFromJsonAsync<JsonElement>(url);
        return page.GetProperty("items").EnumerateArray().ToArray();
    }

    [Test]
    public async Task Filters_by_indicator_area_and_period_range()
    {
        var items = await Items("/api/v1/observations?indicator=GRADE&area=AREA-B&from=2020&to=2022");

        Assert.That(items.Select(i => i.GetProperty("period").GetString()), Is.EqualTo(new[] { "2020", "2021", "2022" }));
        Assert.That(items.Select(i => i.GetProperty("area").GetString()).Distinct(), Is.EqualTo(new[] { "AREA-B" }));
    }

    [Test]
    public async Task A_year_range_includes_the_quarters_inside_it()
    {
        var items = await Items("/api/v1/observations?indicator=MOVES&from=2023&to=2023");

        Assert.That(items.Select(i => i.GetProperty("period").GetString()), Is.EqualTo(new[] { "2023Q1", "2023Q2" }));
    }

    [Test]
    public async Task Filters_by_subgroup_where_empty_means_the_whole_population()
    {
        var whole = await Items("/api/v1/observations?indicator=PCT&subgroup=");
        var all = await Items("/api/v1/observations?indicator=PCT");

        Assert.That(all, Has.Length.EqualTo(2));
        Assert.That(whole.Single().GetProperty("value").GetDouble(), Is.EqualTo(40.5));
    }

    [Test]
    public async Task Paging_through_every_page_sees_each_row_exactly_once()
    {
        var seen = new List<string>();
        string? next = "/api/v1/observations?indicator=GRADE&limit=7";
        var pages = 0;
        while (next is not null)
        {
            var page = await _client.GetFromJsonAsync<JsonElement>(next);
            seen.AddRange(page.GetProperty("items").EnumerateArray()
                .Select(i => $"{i.GetProperty("area").GetString()}/{i.GetProperty("period").GetString()}"));
            next = page.GetProperty("next").GetString();
            pages++;
        }

        Assert.That(pages, Is.EqualTo(5), "30 rows at 7 a page");
        Assert.That(seen, Has.Count.EqualTo(30));
        Assert.That(seen, Is.Unique);
    }

    [Test]
    public async Task Csv_is_served_for_the_format_parameter_and_for_the_accept_header()
    {
        var byParameter = await _client.GetAsync("/api/v1/observations?indicator=PCT&subgroup=&format=csv");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/observations?indicator=PCT&subgroup=");
        request.Headers.Accept.ParseAdd("text/csv");
        var byHeader = await _client.SendAsync(request);

        foreach (var response in new[] { byParameter, byHeader })
        {
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
            var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines[0], Is.EqualTo("indicator,area,period,subgroup,value,numerator,denominator,lower,upper,flags,batch"));
            Assert.That(lines[1], Does.StartWith("PCT,AREA-A,2023,,40.5,405,1000,,"));
        }
    }

    [Test]
    public async Task Danish_csv_has_a_byte_order_mark_semicolons_and_decimal_commas()
    {
        var bytes = await _client.GetByteArrayAsync("/api/v1/observations?indicator=PCT&subgroup=&format=csv&dialect=da");

        Assert.That(bytes.Take(3), Is.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var page = Encoding.UTF8.GetString(await _client.GetByteArrayAsync("/api/v1/observations?indicator=PCT&subgroup=&format=csv&dialect=da&limit=5"));
        const string danishHeader = "indikator;område;periode;undergruppe;værdi;tæller;nævner;interval nedre;interval øvre;markeringer;indlæsning";
        Assert.That(lines[0], Is.EqualTo(danishHeader), "Danish headers, as the extracts have");
        Assert.That(page.TrimStart('\uFEFF'), Does.StartWith(danishHeader + "\r\n"), "a page with a limit too");
        Assert.That(lines[1], Does.StartWith("PCT;AREA-A;2023;;40,5;405;1000;"));
    }

    [Test]
    public async Task Csv_cells_that_a_spreadsheet_would_run_as_formulas_are_escaped_but_negative_numbers_are_not()
    {
        var text = await _client.GetStringAsync("/api/v1/observations?indicator=PCT&format=csv");
        var index = await _client.GetStringAsync("/api/v1/observations?indicator=IDX&format=csv");

        Assert.That(text, Does.Contain("'=hyperlink"));
        Assert.That(text, Does.Not.Contain(",=hyperlink").And.Not.Contain(",\"=hyperlink"));
        Assert.That(index, Does.Contain(",-3,"), "a number stays a number");
    }

    [Test]
    public async Task Csv_pages_link_to_the_next_page()
    {
        var response = await _client.GetAsync("/api/v1/observations?indicator=GRADE&format=csv&limit=10");

        Assert.That(response.Headers.GetValues("Link").Single(), Does.Contain("rel=\"next\"").And.Contain("cursor="));
    }

    [TestCase("from=2023Q5", "from")]
    [TestCase("to=yesterday", "to")]
    [TestCase("from=2023&to=2020", "to")]
    [TestCase("limit=0", "limit")]
    [TestCase("limit=100001", "limit")]
    [TestCase("cursor=not-a-cursor", "cursor")]
    [TestCase("format=xml", "format")]
    [TestCase("format=csv&dialect=fr", "dialect")]
    public async Task A_bad_parameter_is_a_problem_that_names_it(string query, string parameter)
    {
        var response = await _client.GetAsync($"/api/v1/observations?{query}");

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("parameter").GetString(), Is.EqualTo(parameter));
        Assert.That(problem.GetProperty("title").GetString(), Does.Contain(parameter));
    }
}
