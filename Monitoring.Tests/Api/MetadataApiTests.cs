using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class MetadataApiTests(DatabaseProvider provider)
{
    private static object Plan(string indicator = "PCT") => new
    {
        slug = "test-plan",
        name = "Helhedsplan Test",
        municipalityCode = "0901",
        fundingPeriod = "2019-2026",
        areas = new[] { "AREA-A" },
        goals = new object[]
        {
            new
            {
                key = "M1", title = "Flere i job", owningBody = "Bestyrelsen",
                targets = new[]
                {
                    new { indicator, scope = "AREA-A", baselinePeriod = "2018", baselineValue = 48.2, targetPeriod = "2026", targetValue = 38.0, tolerance = 0.05 },
                },
                subGoals = new[]
                {
                    new { key = "M1.1", title = "Flere unge i uddannelse", focusArea = "Uddannelse", owningBody = "Styregruppen for uddannelse" },
                },
            },
        },
    };

    [Test]
    public async Task A_plan_with_goals_and_targets_is_created_and_read_back_as_a_tree()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();

        var created = await admin.PostAsJsonAsync("/api/v1/plans", Plan());

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var plans = await admin.GetFromJsonAsync<JsonElement>("/api/v1/plans");
        Assert.That(plans.EnumerateArray().Single().GetProperty("slug").GetString(), Is.EqualTo("test-plan"));
        var goals = await admin.GetFromJsonAsync<JsonElement>("/api/v1/plans/test-plan/goals");
        var goal = goals.EnumerateArray().Single();
        Assert.That(goal.GetProperty("kind").GetString(), Is.EqualTo("strategic"));
        Assert.That(goal.GetProperty("targets")[0].GetProperty("targetValue").GetDouble(), Is.EqualTo(38.0));
        var sub = goal.GetProperty("subGoals").EnumerateArray().Single();
        Assert.That(sub.GetProperty("kind").GetString(), Is.EqualTo("subGoal"));
        Assert.That(sub.GetProperty("owningBody").GetString(), Is.EqualTo("Styregruppen for uddannelse"));
    }

    [Test]
    public async Task A_plan_naming_an_unknown_indicator_is_refused_with_the_path_of_the_field()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);

        var response = await api.AdminClient().PostAsJsonAsync("/api/v1/plans", Plan(indicator: "NO_SUCH"));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.UnprocessableEntity);
        var error = problem.GetProperty("errors").EnumerateArray().Single();
        Assert.That(error.GetProperty("field").GetString(), Is.EqualTo("goals[0].targets[0].indicator"));
        Assert.That(error.GetProperty("value").GetString(), Is.EqualTo("NO_SUCH"));
        Assert.That(await api.Database.CountAsync("plans"), Is.Zero);
    }

    [Test]
    public async Task A_second_plan_with_the_same_slug_is_a_conflict()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();
        await admin.PostAsJsonAsync("/api/v1/plans", Plan());

        var again = await admin.PostAsJsonAsync("/api/v1/plans", Plan());

        await ProblemJson.ReadAsync(again, HttpStatusCode.Conflict);
        Assert.That(await api.Database.CountAsync("goals"), Is.EqualTo(2), "the first plan's goals only");
    }

    [Test]
    public async Task An_indicator_is_created_and_listed_with_camel_case_enums()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();

        var created = await admin.PostAsJsonAsync("/api/v1/indicators", new
        {
            code = "TRYG", name = "Andel der føler sig tryg", unit = "percent", direction = "higherBetter",
            source = "survey", periodicity = "irregular", decimals = 1, influenceable = true,
        });

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var indicator = await admin.GetFromJsonAsync<JsonElement>("/api/v1/indicators/TRYG");
        Assert.That(indicator.GetProperty("direction").GetString(), Is.EqualTo("higherBetter"));
        Assert.That(indicator.GetProperty("source").GetString(), Is.EqualTo("survey"));
    }

    [Test]
    public async Task An_indicator_with_an_unknown_unit_is_a_problem_naming_the_field()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);

        var response = await api.AdminClient().PostAsJsonAsync("/api/v1/indicators", new
        {
            code = "X1", name = "X", unit = "furlongs", direction = "higherBetter", source = "register",
            periodicity = "yearly", decimals = 1, influenceable = true,
        });

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("field").GetString(), Is.EqualTo("$.unit"));
    }

    [Test]
    public async Task An_area_is_created_and_read_and_an_unknown_one_is_a_404()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();

        var created = await admin.PostAsJsonAsync("/api/v1/areas", new { code = "0901-NY", name = "Nyby", kind = "area", municipalityCode = "0901" });
        var area = await admin.GetFromJsonAsync<JsonElement>("/api/v1/areas/0901-NY");
        var missing = await admin.GetAsync("/api/v1/areas/NOPE");

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(area.GetProperty("name").GetString(), Is.EqualTo("Nyby"));
        await ProblemJson.ReadAsync(missing, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Health_reports_the_database_reachable_and_swagger_describes_the_api()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var client = api.CreateClient();

        var health = await client.GetAsync("/health");
        var swagger = await client.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await health.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
        Assert.That(swagger.GetProperty("paths").TryGetProperty("/api/v1/observations", out _), Is.True);
    }
}
