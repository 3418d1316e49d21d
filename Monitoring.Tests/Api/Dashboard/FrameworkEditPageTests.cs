using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Dashboard;

/// <summary>
/// The secretariat's framework forms over HTTP, as a browser posts them: the diff before saving,
/// a writer's session to save, messages beside the fields, a stale form refused. The store underneath is
/// tested on both databases in FrameworkEditApiTests; the forms are the same on either.
/// </summary>
public class FrameworkEditPageTests
{
    private static readonly object Plan = new
    {
        slug = "test-plan", name = "Helhedsplan Test", municipalityCode = "0901", fundingPeriod = "2019-2026", areas = new[] { "AREA-A" },
        goals = new[]
        {
            new
            {
                key = "M1", title = "Flere i job",
                targets = new[] { new { indicator = "PCT", scope = "AREA-A", baselinePeriod = "2018", baselineValue = 48.2, targetPeriod = "2026", targetValue = 38.0 } },
            },
        },
    };

    private MonitoringApiFactory _api = null!;
    private HttpClient _client = null!;
    private BrowserSession _analyst = null!;
    private BrowserSession _viewer = null!;
    private long _goalId;
    private long _targetId;

    [SetUp]
    public async Task Start()
    {
        _api = await MonitoringApiFactory.StartAsync(DatabaseProvider.Sqlite);
        _client = _api.CreateClient();
        var admin = _api.AdminClient();
        (await admin.PostAsJsonAsync("/api/v1/plans", Plan)).EnsureSuccessStatusCode();
        _analyst = await BrowserSession.SignInAsync(_api, "analyst");
        _viewer = await BrowserSession.SignInAsync(_api, "viewer");
        var goal = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/plans/test-plan/goals"))[0];
        _goalId = goal.GetProperty("id").GetInt64();
        _targetId = goal.GetProperty("targets")[0].GetProperty("id").GetInt64();
    }

    [TearDown]
    public async Task Stop() => await _api.DisposeAsync();

    private string EditUrl => $"/planer/test-plan/maal/{_goalId}/rediger";

    /// <summary>Posts as a browser would, from the form's own page: the analyst's session unless another is given.</summary>
    private async Task<string> PostAsync(string url, params (string Name, string Value)[] fields) => await PostAsync(_analyst, url, fields);

    private static async Task<string> PostAsync(BrowserSession session, string url, params (string Name, string Value)[] fields)
    {
        var response = await session.PostFormAsync(url, url, fields);
        // The pages encode every non-ASCII letter (HtmlEncoder.Default); the tests read them as a browser shows them.
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        return html;
    }

    private async Task<JsonElement> TargetAsync() => await _api.AdminClient().GetFromJsonAsync<JsonElement>($"/api/v1/targets/{_targetId}");

    private (string, string)[] TargetForm(string action, string targetValue, string targetPeriod = "2026", string etag = "1", bool retire = false)
    {
        var fields = new List<(string, string)>
        {
            ("form", "target"), ("targetId", _targetId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("etag", etag),
            ("baselinePeriod", "2018"), ("baselineValue", "48,2"), ("targetPeriod", targetPeriod), ("targetValue", targetValue),
            ("handling", action),
        };
        if (retire)
            fields.Add(("retired", "on"));
        return [.. fields];
    }

    [Test]
    public async Task The_edit_page_shows_the_goal_and_its_targets_with_their_versions()
    {
        var html = WebUtility.HtmlDecode(await _analyst.Client.GetStringAsync(EditUrl));

        Assert.That(html, Does.Contain("value=\"Flere i job\"").And.Contain($"id=\"maaltal-{_targetId}\"").And.Contain("value=\"38\"").And.Contain("Tilføj måltal"));
    }

    [Test]
    public async Task A_target_change_is_shown_as_a_diff_first_and_saved_only_by_a_writer()
    {
        var recorded = await _api.Database.CountAsync("framework_changes");
        var preview = await PostAsync(EditUrl, TargetForm("vis", "35,5"));
        // A viewer's session is sent to the sign-in page; its token comes from a page a viewer may open.
        var keyless = await _viewer.PostFormAsync("/log-ind", EditUrl, TargetForm("gem", "35,5"));
        Assert.That(await _api.Database.CountAsync("framework_changes"), Is.EqualTo(recorded));
        Assert.That((await TargetAsync()).GetProperty("targetValue").GetDouble(), Is.EqualTo(38.0));

        var saved = await PostAsync(EditUrl, TargetForm("gem", "35,5"));

        Assert.That(preview, Does.Contain("id=\"aendringer\"").And.Contain("Målværdi").And.Contain("35.5").And.Contain("intet er gemt"));
        Assert.That(keyless.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(keyless.Headers.Location?.ToString(), Does.StartWith("/log-ind?").And.Contain("grund=rolle"));
        Assert.That(saved, Does.Contain("Ændringerne er gemt."));
        Assert.That((await TargetAsync()).GetProperty("targetValue").GetDouble(), Is.EqualTo(35.5));
        var history = WebUtility.HtmlDecode(await _client.GetStringAsync("/planer/test-plan/historik"));
        Assert.That(history, Does.Contain("Målværdi").And.Contain("35,5").And.Contain("Test analyst"), "numbers in Danish format");
        Assert.That(history, Does.Not.Contain("[]").And.Not.Contain("35.5"));
    }

    [Test]
    public async Task A_bad_period_and_a_bad_number_are_named_beside_their_fields_and_nothing_is_written()
    {
        var recorded = await _api.Database.CountAsync("framework_changes");
        var badPeriod = await PostAsync(EditUrl, TargetForm("gem", "35", targetPeriod: "2017"));
        var badNumber = await PostAsync(EditUrl, TargetForm("gem", "mange"));

        Assert.That(badPeriod, Does.Contain("id=\"fejl-targetPeriod\"").And.Contain("Målperioden skal ligge efter baselineperioden."));
        Assert.That(badPeriod, Does.Contain("value=\"2017\""), "what was typed stays in the field");
        Assert.That(badNumber, Does.Contain("id=\"fejl-targetValue\"").And.Contain("Skriv et tal"));
        Assert.That(await _api.Database.CountAsync("framework_changes"), Is.EqualTo(recorded));
    }

    [Test]
    public async Task A_form_opened_before_someone_else_saved_is_refused_and_redrawn_from_what_is_stored()
    {
        await PostAsync(EditUrl, TargetForm("gem", "36"));

        var stale = await PostAsync(EditUrl, TargetForm("gem", "30"));

        Assert.That(stale, Does.Contain("Nogen har ændret dette").And.Contain("value=\"36\""));
        Assert.That((await TargetAsync()).GetProperty("targetValue").GetDouble(), Is.EqualTo(36));
    }

    [Test]
    public async Task A_target_is_added_and_another_retired_from_the_goal_page()
    {
        var added = await PostAsync(EditUrl,
            ("form", "add"), ("etag", "1"), ("indicator", "GRADE"), ("scope", "AREA-A"), ("baselinePeriod", "2019"), ("baselineValue", "6,1"),
            ("targetPeriod", "2026"), ("targetValue", "7"), ("handling", "gem"));
        var retired = await PostAsync(EditUrl, TargetForm("gem", "38", retire: true));

        Assert.That(added, Does.Contain("Ændringerne er gemt.").And.Contain("M1/GRADE/AREA-A"));
        Assert.That(retired, Does.Contain("Ændringerne er gemt.").And.Contain("udfaset"));
        var goals = await _client.GetFromJsonAsync<JsonElement>("/api/v1/plans/test-plan/goals");
        Assert.That(goals[0].GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("indicator").GetString()), Is.EqualTo(new[] { "GRADE" }));
    }

    [Test]
    public async Task An_indicator_is_renamed_and_the_plan_definition_uploaded_from_the_dashboard()
    {
        var form = WebUtility.HtmlDecode(await _analyst.Client.GetStringAsync("/indikatorer/PCT/rediger"));
        var renamed = await PostAsync("/indikatorer/PCT/rediger",
            ("etag", "1"), ("name", "Uden for arbejdsmarkedet"), ("nameEn", ""), ("definition", "Andel af de 18–64-årige"), ("decimals", "1"),
            ("influenceable", "on"), ("handling", "gem"));

        var definition = await _client.GetStringAsync("/api/v1/plans/test-plan/definition");
        var etag = (await _client.GetAsync("/api/v1/plans/test-plan/definition")).Headers.ETag!.Tag.Trim('"')[1..];
        using var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(definition.Replace("Flere i job", "Flere i arbejde", StringComparison.Ordinal))), "file", "test-plan.json" },
            { new StringContent(etag), "etag" },
            { new StringContent("vis"), "handling" },
        };
        var preview = WebUtility.HtmlDecode(await (await _analyst.PostMultipartAsync("/planer/test-plan/ramme", "/planer/test-plan/ramme", upload)).Content.ReadAsStringAsync());

        Assert.That(form, Does.Contain("Koden PCT kan ikke ændres"));
        Assert.That(renamed, Does.Contain("Ændringerne er gemt."));
        Assert.That((await _client.GetFromJsonAsync<JsonElement>("/api/v1/indicators/PCT")).GetProperty("name").GetString(), Is.EqualTo("Uden for arbejdsmarkedet"));
        Assert.That(preview, Does.Contain("id=\"aendringer\"").And.Contain("Flere i arbejde").And.Contain("Titel"));
        Assert.That(await _client.GetStringAsync("/planer/test-plan"), Does.Contain("/api/v1/plans/test-plan/definition"));
    }
}
