using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>Notes and decisions for the board, over the API and from the indicator page's form.</summary>
public class CommentsApiTests
{
    private static async Task<MonitoringApiFactory> StartWithPlanAsync()
    {
        var api = await MonitoringApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var plan = new
        {
            slug = "plan-p", name = "P", municipalityCode = "0901", fundingPeriod = "2019-2026", areas = new[] { "AREA-A" },
            goals = new[] { new { key = "M1", title = "Job", targets = new[] { new { indicator = "PCT", scope = "AREA-A", baselinePeriod = "2018", baselineValue = 40.0, targetPeriod = "2026", targetValue = 30.0 } } } },
        };
        var created = await api.AdminClient().PostAsJsonAsync("/api/v1/plans", plan);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        return api;
    }

    [Test]
    public async Task A_decision_is_saved_with_its_type_and_a_note_by_default()
    {
        await using var api = await StartWithPlanAsync();
        var admin = api.AdminClient();
        var goalId = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/plans/plan-p/goals"))[0].GetProperty("id").GetInt64();

        var decision = await admin.PostAsJsonAsync("/api/v1/plans/plan-p/comments",
            new { text = "Bestyrelsen bedes drøfte samarbejdet med jobcentret.", goalId, kind = "decision", decisionType = "Samarbejde" });
        var note = await admin.PostAsJsonAsync("/api/v1/plans/plan-p/comments", new { text = "Ny opgørelse fra 2020.", indicator = "PCT", period = "2020" });

        Assert.That(decision.StatusCode, Is.EqualTo(HttpStatusCode.Created), await decision.Content.ReadAsStringAsync());
        var saved = await decision.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(saved.GetProperty("kind").GetString(), Is.EqualTo("decision"));
        Assert.That(saved.GetProperty("decisionType").GetString(), Is.EqualTo("samarbejde"));
        Assert.That(saved.GetProperty("goalId").GetInt64(), Is.EqualTo(goalId));
        Assert.That((await note.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("kind").GetString(), Is.EqualTo("note"));
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/plans/plan-p/comments");
        Assert.That(list.GetArrayLength(), Is.EqualTo(2));
    }

    [TestCase("decision", null, "decisionType")]
    [TestCase("decision", "budget", "decisionType")]
    [TestCase("note", "strategisk", "decisionType")]
    [TestCase("question", null, "kind")]
    public async Task A_kind_and_type_that_do_not_fit_are_refused_naming_the_field(string kind, string? type, string field)
    {
        await using var api = await StartWithPlanAsync();

        var problem = await ProblemJson.ReadAsync(
            await api.AdminClient().PostAsJsonAsync("/api/v1/plans/plan-p/comments", new { text = "x", kind, decisionType = type }), HttpStatusCode.UnprocessableEntity);

        Assert.That(problem.GetProperty("errors")[0].GetProperty("field").GetString(), Is.EqualTo(field));
    }

    [Test]
    public async Task A_goal_of_another_plan_an_unknown_plan_and_a_reader_are_refused()
    {
        await using var api = await StartWithPlanAsync();
        var reader = api.ClientWithKey(await api.CreateKeyAsync("viewer"));

        await ProblemJson.ReadAsync(await api.AdminClient().PostAsJsonAsync("/api/v1/plans/plan-p/comments", new { text = "x", goalId = 999999 }), HttpStatusCode.UnprocessableEntity);
        await ProblemJson.ReadAsync(await api.AdminClient().PostAsJsonAsync("/api/v1/plans/nowhere/comments", new { text = "x" }), HttpStatusCode.NotFound);
        Assert.That((await reader.PostAsJsonAsync("/api/v1/plans/plan-p/comments", new { text = "x" })).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task The_indicator_page_form_saves_a_decision_and_shows_its_type()
    {
        await using var api = await StartWithPlanAsync();
        var session = await BrowserSession.SignInAsync(api, "analyst");
        var client = session.Client;
        const string PageUrl = "/indikatorer/PCT?area=AREA-A";

        var page = WebUtility.HtmlDecode(await client.GetStringAsync(PageUrl));
        var saved = await session.PostFormAsync(PageUrl, "/indikatorer/PCT/kommentarer",
            ("plan", "plan-p"), ("area", "AREA-A"), ("period", ""), ("author", "Sekretariatet"),
            ("text", "Bestyrelsen bedes omprioritere 200 timer til lektiecafeen."), ("kind", "decision"), ("decisionType", "prioritering"));
        var refused = await session.PostFormAsync(PageUrl, "/indikatorer/PCT/kommentarer",
            ("plan", "plan-p"), ("area", "AREA-A"), ("author", "Sekretariatet"), ("text", "x"), ("kind", "decision"), ("decisionType", ""));

        Assert.That(page, Does.Contain("name=\"kind\"").And.Contain("name=\"decisionType\"").And.Contain("Sag til bestyrelsen"));
        var after = WebUtility.HtmlDecode(await client.GetStringAsync(saved.Headers.Location ?? saved.RequestMessage!.RequestUri!));
        Assert.That(after, Does.Contain("Kommentaren er gemt.").And.Contain("Prioriteringsspørgsmål").And.Contain("omprioritere 200 timer"));
        var refusal = WebUtility.HtmlDecode(await client.GetStringAsync(refused.Headers.Location ?? refused.RequestMessage!.RequestUri!));
        Assert.That(refusal, Does.Contain("skal have en sagstype"));
    }
}
