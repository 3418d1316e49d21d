using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>Sub-agreements, activities with their history, and the proposals for the board, over HTTP.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ChainApiTests(DatabaseProvider provider)
{
    private const string SubAgreements = "/api/v1/plans/plan-p/subagreements";
    private const string Proposals = "/api/v1/plans/plan-p/proposals";

    /// <summary>A plan whose one goal is off track: the value has moved away from the target since the baseline.</summary>
    private async Task<MonitoringApiFactory> StartWithGoalOffTrackAsync()
    {
        var api = await MonitoringApiFactory.StartAsync(provider);
        var plan = new
        {
            slug = "plan-p", name = "P", municipalityCode = "0901", fundingPeriod = "2019-2026", areas = new[] { "AREA-A" },
            goals = new[] { new { key = "M1", title = "Job", targets = new[] { new { indicator = "PCT", scope = "AREA-A", baselinePeriod = "2018", baselineValue = 40.0, targetPeriod = "2026", targetValue = 30.0 } } } },
        };
        var created = await api.AdminClient().PostAsJsonAsync("/api/v1/plans", plan);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var upload = await api.AdminClient().PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader("PCT,AREA-A,2022,45,,,")));
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created), await upload.Content.ReadAsStringAsync());
        return api;
    }

    private static object SubAgreement => new
    {
        title = "Delaftale for beskæftigelse", focusArea = "Beskæftigelse", steeringGroup = "Styregruppen for job", period = "2024-2026",
        goals = new[] { "M1" },
        activities = new object[]
        {
            new { title = "Jobcafé", partner = "Jobcentret", start = "2024-01-01", end = "2026-12-31", status = "i gang",
                  milestones = new[] { new { title = "Åbnet", due = "2024-03-01", done = true } } },
            new { title = "Virksomhedsbesøg", partner = "Jobcentret", start = "2024-01-01", end = "2030-12-31", status = "i_gang",
                  budget = new[] { new { year = 2024, planned = 100_000, spent = 120_000 } }, indicators = new[] { "PCT" } },
        },
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static IEnumerable<(string? Type, string? State)> Kinds(JsonElement proposals) =>
        proposals.EnumerateArray().Select(p => (p.GetProperty("decisionType").GetString(), p.GetProperty("state").GetString()));

    [Test]
    public async Task A_sub_agreement_is_created_with_its_activities_and_a_change_keeps_the_old_version_for_asOf()
    {
        await using var api = await StartWithGoalOffTrackAsync();
        var analyst = api.ClientWithKey(await api.CreateKeyAsync("analyst"));

        var created = await Json(await analyst.PostAsJsonAsync(SubAgreements, SubAgreement), HttpStatusCode.Created);
        var jobcafe = created.GetProperty("activities")[0];
        var id = jobcafe.GetProperty("id").GetInt64();
        var changed = await Json(await analyst.PatchAsJsonAsync($"/api/v1/activities/{id}",
            new { status = "forsinket", milestones = new[] { new { title = "Åbnet", due = "2024-03-01", done = false } } }), HttpStatusCode.OK);
        var history = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{id}/history");
        var firstFrom = history[0].GetProperty("validFrom").GetString()!;
        var asBefore = await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/activities/{id}?asOf={Uri.EscapeDataString(firstFrom)}");
        var listed = await analyst.GetFromJsonAsync<JsonElement>(SubAgreements);

        Assert.That(created.GetProperty("goalIds").GetArrayLength(), Is.EqualTo(1));
        Assert.That(jobcafe.GetProperty("status").GetString(), Is.EqualTo("i_gang"));
        Assert.That(changed.GetProperty("status").GetString(), Is.EqualTo("forsinket"));
        Assert.That(changed.GetProperty("partner").GetString(), Is.EqualTo("Jobcentret"), "fields not sent are kept");
        Assert.That(history.GetArrayLength(), Is.EqualTo(2));
        Assert.That(history[1].GetProperty("changedBy").GetString(), Is.Not.Empty);
        Assert.That(asBefore.GetProperty("status").GetString(), Is.EqualTo("i_gang"));
        Assert.That(asBefore.GetProperty("milestones")[0].GetProperty("done").GetBoolean(), Is.True);
        Assert.That(listed[0].GetProperty("activities")[0].GetProperty("status").GetString(), Is.EqualTo("forsinket"));
        await ProblemJson.ReadAsync(await analyst.GetAsync($"/api/v1/activities/{id}?asOf=2000-01-01"), HttpStatusCode.NotFound);
        Assert.That((await analyst.GetFromJsonAsync<JsonElement>($"{SubAgreements}?asOf=2000-01-01")).GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Bad_fields_are_named_and_a_reader_may_not_write()
    {
        await using var api = await StartWithGoalOffTrackAsync();
        var reader = api.ClientWithKey(await api.CreateKeyAsync("viewer"));

        var problem = await ProblemJson.ReadAsync(await api.AdminClient().PostAsJsonAsync(SubAgreements, new
        {
            title = "D", steeringGroup = "S", period = "2024-2026", goals = new[] { "M9" },
            activities = new[] { new { title = "A", partner = "P", start = "2025-01-01", end = "2024-01-01", status = "snart" } },
        }), HttpStatusCode.UnprocessableEntity);

        Assert.That(problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()),
            Is.EquivalentTo(new[] { "goals", "activities[0].end", "activities[0].status" }));
        Assert.That((await reader.PostAsJsonAsync(SubAgreements, SubAgreement)).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Proposals_follow_the_activities_and_a_confirmed_one_becomes_a_decision_comment()
    {
        await using var api = await StartWithGoalOffTrackAsync();
        var admin = api.AdminClient();
        var created = await Json(await admin.PostAsJsonAsync(SubAgreements, SubAgreement), HttpStatusCode.Created);
        var jobcafe = created.GetProperty("activities")[0].GetProperty("id").GetInt64();

        var before = await admin.GetFromJsonAsync<JsonElement>(Proposals);
        await Json(await admin.PatchAsJsonAsync($"/api/v1/activities/{jobcafe}", new { status = "forsinket" }), HttpStatusCode.OK);
        var after = await admin.GetFromJsonAsync<JsonElement>(Proposals);
        var cooperation = after.EnumerateArray().Single(p => p.GetProperty("decisionType").GetString() == "samarbejde");
        var key = cooperation.GetProperty("key").GetString();
        var confirmed = await Json(await admin.PostAsJsonAsync($"{Proposals}/{key}/confirm", new { question = "Bestyrelsen bedes drøfte samarbejdet med Jobcentret." }), HttpStatusCode.Created);
        var again = await admin.PostAsJsonAsync($"{Proposals}/{key}/confirm", new { });
        var priorityKey = after.EnumerateArray().Single(p => p.GetProperty("decisionType").GetString() == "prioritering").GetProperty("key").GetString();
        var dismissed = await admin.PostAsync($"{Proposals}/{priorityKey}/dismiss", null);
        var comments = await admin.GetFromJsonAsync<JsonElement>("/api/v1/plans/plan-p/comments");
        var csv = await admin.GetStringAsync($"{Proposals}?format=csv");

        Assert.That(Kinds(before), Is.EquivalentTo(new[] { ("strategisk", "open"), ("prioritering", "open") }));
        Assert.That(before.EnumerateArray().First(p => p.GetProperty("decisionType").GetString() == "strategisk").GetProperty("evidence")[0].GetString(),
            Does.Contain("ikke på sporet"));
        Assert.That(Kinds(after), Is.EquivalentTo(new[] { ("samarbejde", "open"), ("prioritering", "open") }));
        Assert.That(cooperation.GetProperty("evidence")[0].GetString(), Does.StartWith("1 af 2 aktiviteter"));
        Assert.That(confirmed.GetProperty("kind").GetString(), Is.EqualTo("decision"));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(dismissed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var decision = comments.EnumerateArray().Single();
        Assert.That((decision.GetProperty("decisionType").GetString(), decision.GetProperty("text").GetString()),
            Is.EqualTo(("samarbejde", "Bestyrelsen bedes drøfte samarbejdet med Jobcentret.")));
        Assert.That(decision.GetProperty("goalId").GetInt64(), Is.EqualTo(created.GetProperty("goalIds")[0].GetInt64()));
        Assert.That(Kinds(await admin.GetFromJsonAsync<JsonElement>(Proposals)), Is.EquivalentTo(new[] { ("samarbejde", "confirmed"), ("prioritering", "dismissed") }));
        Assert.That(csv, Does.StartWith("key,decisionType,state,question").And.Contain("samarbejde-partner-jobcentret,samarbejde,confirmed"));
    }
}
