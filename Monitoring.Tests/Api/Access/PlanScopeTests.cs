using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Access;

/// <summary>
/// A caller scoped to Østerby Nord sees that plan and nothing of Vesterå Parkerne: lists filtered,
/// the other plan's routes, goals, targets, charts, areas and indicators answering 404.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class PlanScopeTests(DatabaseProvider provider)
{
    private MonitoringApiFactory _api = null!;

    [OneTimeSetUp]
    public void Start() => _api = MonitoringApiFactory.StartWithSamples(provider, anonymousRead: false);

    [OneTimeTearDown]
    public async Task Stop() => await _api.DisposeAsync();

    private async Task<long> FirstGoalAsync(string slug) =>
        (await _api.AdminClient().GetFromJsonAsync<JsonElement>($"/api/v1/plans/{slug}/goals"))[0].GetProperty("id").GetInt64();

    [Test]
    public async Task A_scoped_key_sees_its_plan_only()
    {
        var viewer = _api.ClientWithKey(await _api.CreateKeyAsync("viewer", "oesterby-nord"));
        var own = await FirstGoalAsync("oesterby-nord");
        var other = await FirstGoalAsync("vesteraa-parkerne");

        var plans = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/plans");
        var areas = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/areas");
        var indicators = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/indicators");

        Assert.That(plans.EnumerateArray().Select(p => p.GetProperty("slug").GetString()), Is.EqualTo(new[] { "oesterby-nord" }));
        Assert.That(areas.EnumerateArray().Select(a => a.GetProperty("code").GetString()), Does.Contain("0901-SOLHAVEN").And.Not.Contain("0902-AAPARKEN"));
        Assert.That(indicators.EnumerateArray().Select(a => a.GetProperty("code").GetString()), Does.Contain("FRAFLYTNING").And.Not.Contain("DAGTILBUD_0_5"));
        foreach (var (url, expected) in new (string, HttpStatusCode)[]
                 {
                     ("/api/v1/plans/oesterby-nord/status", HttpStatusCode.OK),
                     ("/api/v1/plans/vesteraa-parkerne/status", HttpStatusCode.NotFound),
                     ("/api/v1/plans/vesteraa-parkerne/brief.pdf", HttpStatusCode.NotFound),
                     ("/api/v1/plans/vesteraa-parkerne/comments", HttpStatusCode.NotFound),
                     ($"/api/v1/goals/{own}", HttpStatusCode.OK),
                     ($"/api/v1/goals/{other}", HttpStatusCode.NotFound),
                     ($"/api/v1/charts/goals/{other}.svg", HttpStatusCode.NotFound),
                     ("/api/v1/areas/0902-AAPARKEN", HttpStatusCode.NotFound),
                     ("/api/v1/indicators/DAGTILBUD_0_5", HttpStatusCode.NotFound),
                     ("/api/v1/observations?area=0901-SOLHAVEN", HttpStatusCode.OK),
                     ("/api/v1/observations?area=0902-AAPARKEN", HttpStatusCode.NotFound),
                     ("/api/v1/observations", HttpStatusCode.Forbidden),
                     ("/api/v1/imports", HttpStatusCode.Forbidden),
                 })
        {
            Assert.That((await viewer.GetAsync(url)).StatusCode, Is.EqualTo(expected), url);
        }
    }

    [Test]
    public async Task A_board_member_signed_in_from_a_link_sees_only_their_plans_dashboard_and_brief()
    {
        var member = await BrowserSession.SignInAsync(_api, "viewer", "vesteraa-parkerne");
        var other = await FirstGoalAsync("oesterby-nord");

        var home = WebUtility.HtmlDecode(await member.Client.GetStringAsync("/"));
        var plan = await member.Client.GetAsync("/planer/vesteraa-parkerne");
        var brief = await member.Client.GetAsync("/api/v1/plans/vesteraa-parkerne/brief.pdf");
        var otherPlan = await member.Client.GetAsync("/planer/oesterby-nord");
        var otherGoal = await member.Client.GetAsync($"/planer/vesteraa-parkerne/maal/{other}");
        var otherBrief = await member.Client.GetAsync("/api/v1/plans/oesterby-nord/brief.pdf");

        Assert.That(home, Does.Contain("/planer/vesteraa-parkerne").And.Not.Contain("/planer/oesterby-nord"));
        Assert.That(plan.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(brief.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        Assert.That(otherPlan.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(otherGoal.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a goal of another plan under this plan's slug");
        Assert.That(otherBrief.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_scoped_analyst_edits_its_plan_but_not_shared_definitions_or_other_plans()
    {
        var analyst = _api.ClientWithKey(await _api.CreateKeyAsync("analyst", "oesterby-nord"));

        var ownComment = await analyst.PostAsJsonAsync("/api/v1/plans/oesterby-nord/comments", new { text = "Note" });
        var otherComment = await analyst.PostAsJsonAsync("/api/v1/plans/vesteraa-parkerne/comments", new { text = "Note" });
        var newPlan = await analyst.PostAsJsonAsync("/api/v1/plans", new { slug = "x", name = "X", municipalityCode = "0901", fundingPeriod = "2019-2026" });

        Assert.That(ownComment.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(otherComment.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(newPlan.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_scoped_analyst_comments_from_the_indicator_page_on_its_plan_but_not_on_another()
    {
        var analyst = await BrowserSession.SignInAsync(_api, "analyst", "oesterby-nord");
        const string PageUrl = "/indikatorer/FRAFLYTNING?area=0901-SOLHAVEN";
        var text = $"Fraflytningen falder ({provider}).";

        var page = WebUtility.HtmlDecode(await analyst.Client.GetStringAsync(PageUrl));
        var saved = await analyst.PostFormAsync(PageUrl, "/indikatorer/FRAFLYTNING/kommentarer",
            ("plan", "oesterby-nord"), ("area", "0901-SOLHAVEN"), ("author", "Sekretariatet"), ("text", text));
        var otherPlan = await analyst.PostFormAsync(PageUrl, "/indikatorer/FRAFLYTNING/kommentarer",
            ("plan", "vesteraa-parkerne"), ("area", "0901-SOLHAVEN"), ("author", "Sekretariatet"), ("text", "Ikke min plan"));
        var otherIndicator = await analyst.PostFormAsync(PageUrl, "/indikatorer/DAGTILBUD_0_5/kommentarer",
            ("plan", "oesterby-nord"), ("area", "0901-SOLHAVEN"), ("author", "Sekretariatet"), ("text", "Ikke planens indikator"));

        Assert.That(page, Does.Contain("/indikatorer/FRAFLYTNING/kommentarer"), "the form is shown to the scoped analyst");
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
        Assert.That(saved.Headers.Location?.ToString(), Does.EndWith("note=saved"));
        Assert.That(otherPlan.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another plan's comments answer as if it did not exist");
        Assert.That(otherIndicator.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var comments = await _api.AdminClient().GetStringAsync("/api/v1/plans/oesterby-nord/comments");
        var others = await _api.AdminClient().GetStringAsync("/api/v1/plans/vesteraa-parkerne/comments");
        Assert.That(comments, Does.Contain(text));
        Assert.That(others, Does.Not.Contain("Ikke min plan"));
    }
}
