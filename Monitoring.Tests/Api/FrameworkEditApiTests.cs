using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;
using Monitoring.Ingest.Import;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class FrameworkEditApiTests(DatabaseProvider provider)
{
    private static object Target(string indicator, string scope, double value) =>
        new { indicator, scope, baselinePeriod = "2018", baselineValue = 48.2, targetPeriod = "2026", targetValue = value, tolerance = 0.05 };

    private static object Plan(double value = 38.0, bool withSecondTarget = true, string title = "Flere i job", object? extraGoal = null)
    {
        var targets = withSecondTarget ? new[] { Target("PCT", "AREA-A", value), Target("GRADE", "AREA-B", 7.0) } : [Target("PCT", "AREA-A", value)];
        var goals = new List<object>
        {
            new
            {
                key = "M1", title, owningBody = "Bestyrelsen", targets,
                subGoals = new[] { new { key = "M1.1", title = "Flere unge i uddannelse", focusArea = "Uddannelse" } },
            },
        };
        if (extraGoal is not null)
            goals.Add(extraGoal);
        return new { slug = "test-plan", name = "Helhedsplan Test", municipalityCode = "0901", fundingPeriod = "2019-2026", areas = new[] { "AREA-A" }, goals };
    }

    private static async Task<MonitoringApiFactory> StartWithPlanAsync(DatabaseProvider provider)
    {
        var api = await MonitoringApiFactory.StartAsync(provider);
        var created = await api.AdminClient().PostAsJsonAsync("/api/v1/plans", Plan());
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        return api;
    }

    private static async Task<(JsonElement Body, string ETag)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Headers.ETag, Is.Not.Null, $"{url} has an ETag");
        return (JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement, response.Headers.ETag!.ToString());
    }

    private static HttpRequestMessage Edit(HttpMethod method, string url, object? body, string? etag)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
            request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/merge-patch+json");
        if (etag is not null)
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(etag));
        return request;
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static async Task<List<long>> TargetIdsAsync(HttpClient client)
    {
        var goals = await client.GetFromJsonAsync<JsonElement>("/api/v1/plans/test-plan/goals");
        return goals.EnumerateArray().SelectMany(g => g.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("id").GetInt64())).ToList();
    }

    private static async Task<long> GoalIdAsync(HttpClient client, string key = "M1")
    {
        var goals = await client.GetFromJsonAsync<JsonElement>("/api/v1/plans/test-plan/goals");
        return goals.EnumerateArray().Concat(goals.EnumerateArray().SelectMany(g => g.GetProperty("subGoals").EnumerateArray()))
            .Single(g => g.GetProperty("key").GetString() == key).GetProperty("id").GetInt64();
    }

    [Test]
    public async Task Put_matches_goals_and_targets_so_ids_comments_and_snapshots_survive_and_new_ones_are_added()
    {
        await using var api = await StartWithPlanAsync(provider);
        var admin = api.AdminClient();
        var before = await TargetIdsAsync(admin);
        var goalId = await GoalIdAsync(admin);
        await api.Services.GetRequiredService<CommentStore>().CreateAsync("test-plan", goalId, "PCT", null, "sekretariatet", "Ny jobindsats");
        var snapshot = await api.Services.GetRequiredService<IPlanSnapshotSource>().SnapshotJsonAsync("test-plan", CancellationToken.None);
        await api.Services.GetRequiredService<PlanSnapshotStore>().SaveAsync("test-plan", new DateOnly(2026, 1, 1), snapshot);
        var (_, etag) = await GetAsync(admin, "/api/v1/plans/test-plan/definition");

        var extra = new { key = "M2", title = "Større tryghed", targets = new[] { Target("MOVES", "AREA-A", 10) } };
        var response = await admin.SendAsync(Edit(HttpMethod.Put, "/api/v1/plans/test-plan", Plan(value: 35.0, extraGoal: extra), etag));

        var diff = await OkAsync(response);
        var changes = diff.GetProperty("changes").EnumerateArray().ToList();
        Assert.That(changes.Select(c => $"{c.GetProperty("action").GetString()} {c.GetProperty("entity").GetString()} {c.GetProperty("key").GetString()}"),
            Is.EquivalentTo(new[] { "added goal M2", "changed target M1/PCT/AREA-A", "added target M2/MOVES/AREA-A" }));
        var changed = changes.Single(c => c.GetProperty("action").GetString() == "changed");
        Assert.That(changed.GetProperty("before").GetProperty("targetValue").GetDouble(), Is.EqualTo(38.0));
        Assert.That(changed.GetProperty("after").GetProperty("targetValue").GetDouble(), Is.EqualTo(35.0));
        var after = await TargetIdsAsync(admin);
        Assert.That(after.Take(2), Is.EqualTo(before), "matched targets keep their ids");
        Assert.That(after, Has.Count.EqualTo(3));
        Assert.That(await GoalIdAsync(admin), Is.EqualTo(goalId));
        Assert.That(await api.Database.CountAsync("comments"), Is.EqualTo(1));
        Assert.That(await api.Database.CountAsync("plan_snapshots"), Is.EqualTo(1));
        Assert.That(response.Headers.ETag!.ToString(), Is.Not.EqualTo(etag));
    }

    [Test]
    public async Task A_target_left_out_of_a_put_is_retired_out_of_the_status_but_kept_with_its_history()
    {
        await using var api = await StartWithPlanAsync(provider);
        var admin = api.AdminClient();
        var grade = (await TargetIdsAsync(admin))[1];
        var (_, etag) = await GetAsync(admin, "/api/v1/plans/test-plan/definition");

        var diff = await OkAsync(await admin.SendAsync(Edit(HttpMethod.Put, "/api/v1/plans/test-plan", Plan(withSecondTarget: false), etag)));

        Assert.That(diff.GetProperty("changes").EnumerateArray().Single().GetProperty("action").GetString(), Is.EqualTo("retired"));
        var status = await admin.GetStringAsync("/api/v1/plans/test-plan/status");
        Assert.That(status, Does.Not.Contain($"\"targetId\":{grade},"));
        Assert.That(await TargetIdsAsync(admin), Does.Not.Contain(grade));
        var (target, _) = await GetAsync(admin, $"/api/v1/targets/{grade}");
        Assert.That(target.GetProperty("retired").GetBoolean(), Is.True);
        Assert.That(await api.Database.CountAsync("targets"), Is.EqualTo(2), "retired, not deleted");
        var history = await admin.GetFromJsonAsync<JsonElement>("/api/v1/plans/test-plan/history");
        Assert.That(history.EnumerateArray().Any(h => h.GetProperty("action").GetString() == "retired" && h.GetProperty("key").GetString() == "M1/GRADE/AREA-B"));
        var chart = await admin.GetAsync($"/api/v1/charts/targets/{grade}.svg");
        Assert.That(chart.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a retired target's chart is still drawn");
    }

    [Test]
    public async Task Delete_is_refused_naming_the_data_behind_the_target_and_allowed_when_nothing_depends_on_it()
    {
        await using var api = await StartWithPlanAsync(provider);
        var admin = api.AdminClient();
        await api.Database.Importer().ImportAsync(new ImportRequest(Csv.WithHeader("PCT,AREA-A,2019,47.0,,,"), "upload.csv", "test", "tester", false));
        var ids = await TargetIdsAsync(admin);
        var (_, pctTag) = await GetAsync(admin, $"/api/v1/targets/{ids[0]}");
        var (_, gradeTag) = await GetAsync(admin, $"/api/v1/targets/{ids[1]}");

        var refused = await admin.SendAsync(Edit(HttpMethod.Delete, $"/api/v1/targets/{ids[0]}", null, pctTag));
        var deleted = await admin.SendAsync(Edit(HttpMethod.Delete, $"/api/v1/targets/{ids[1]}", null, gradeTag));

        var problem = await ProblemJson.ReadAsync(refused, HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("observation"));
        await OkAsync(deleted);
        Assert.That(await api.Database.CountAsync("targets"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_goal_is_edited_by_json_merge_patch_and_null_removes_a_field()
    {
        await using var api = await StartWithPlanAsync(provider);
        var admin = api.AdminClient();
        var id = await GoalIdAsync(admin, "M1.1");
        var (_, etag) = await GetAsync(admin, $"/api/v1/goals/{id}");

        await OkAsync(await admin.SendAsync(Edit(HttpMethod.Patch, $"/api/v1/goals/{id}", """{"title":"Flere unge i job","focusArea":null}""", etag)));

        var (goal, _) = await GetAsync(admin, $"/api/v1/goals/{id}");
        Assert.That(goal.GetProperty("title").GetString(), Is.EqualTo("Flere unge i job"));
        Assert.That(goal.GetProperty("focusArea").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(goal.GetProperty("owningBody").GetString(), Is.EqualTo("Styregruppen"), "fields the patch does not name stay");
    }

    [Test]
    public async Task A_target_patch_changes_values_and_validates_them_naming_the_field()
    {
        await using var api = await StartWithPlanAsync(provider);
        var admin = api.AdminClient();
        var id = (await TargetIdsAsync(admin))[0];
        var (_, etag) = await GetAsync(admin, $"/api/v1/targets/{id}");

        var bad = await admin.SendAsync(Edit(HttpMethod.Patch, $"/api/v1/targets/{id}", new { targetPeriod = "2017" }, etag));
        var problem = await ProblemJson.ReadAsync(bad, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.GetProperty("errors")[0].GetProperty("field").GetString(), Is.EqualTo("targetPeriod"));

        await OkAsync(await admin.SendAsync(Edit(HttpMethod.Patch, $"/api/v1/targets/{id}", new { targetValue = 30.5, weight = 2 }, etag)));
        var (target, _) = await GetAsync(admin, $"/api/v1/targets/{id}");
        Assert.That(target.GetProperty("targetValue").GetDouble(), Is.EqualTo(30.5));
        Assert.That(target.GetProperty("weight").GetDouble(), Is.EqualTo(2));
        Assert.That(target.GetProperty("baselineValue").GetDouble(), Is.EqualTo(48.2));
    }

    [Test]
    public async Task Codes_and_identities_are_immutable_and_a_patch_that_tries_is_told_which_field()
    {
        await using var api = await StartWithPlanAsync(provider);
        var admin = api.AdminClient();
        var (indicator, indicatorTag) = await GetAsync(admin, "/api/v1/indicators/PCT");
        var (_, areaTag) = await GetAsync(admin, "/api/v1/areas/AREA-A");
        var target = (await TargetIdsAsync(admin))[0];
        var (_, targetTag) = await GetAsync(admin, $"/api/v1/targets/{target}");

        var code = await ProblemJson.ReadAsync(await admin.SendAsync(Edit(HttpMethod.Patch, "/api/v1/indicators/PCT", new { code = "NEW" }, indicatorTag)), HttpStatusCode.BadRequest);
        var area = await ProblemJson.ReadAsync(await admin.SendAsync(Edit(HttpMethod.Patch, "/api/v1/areas/AREA-A", new { code = "X" }, areaTag)), HttpStatusCode.BadRequest);
        var indicatorOfTarget = await ProblemJson.ReadAsync(await admin.SendAsync(Edit(HttpMethod.Patch, $"/api/v1/targets/{target}", new { indicator = "GRADE" }, targetTag)), HttpStatusCode.BadRequest);

        Assert.That(code.GetProperty("field").GetString(), Is.EqualTo("code"));
        Assert.That(area.GetProperty("field").GetString(), Is.EqualTo("code"));
        Assert.That(indicatorOfTarget.GetProperty("field").GetString(), Is.EqualTo("indicator"));
        Assert.That(indicator.GetProperty("code").GetString(), Is.EqualTo("PCT"));

        await OkAsync(await admin.SendAsync(Edit(HttpMethod.Patch, "/api/v1/indicators/PCT", new { name = "Uden for arbejdsmarkedet", decimals = 2, definition = "Andel af 18–64-årige" }, indicatorTag)));
        await OkAsync(await admin.SendAsync(Edit(HttpMethod.Patch, "/api/v1/areas/AREA-A", new { name = "Solhaven" }, areaTag)));
        var (renamed, _) = await GetAsync(admin, "/api/v1/indicators/PCT");
        Assert.That(renamed.GetProperty("name").GetString(), Is.EqualTo("Uden for arbejdsmarkedet"));
        Assert.That(renamed.GetProperty("decimals").GetInt32(), Is.EqualTo(2));
        Assert.That(renamed.GetProperty("unit").GetString(), Is.EqualTo("percent"));
        Assert.That((await GetAsync(admin, "/api/v1/areas/AREA-A")).Body.GetProperty("name").GetString(), Is.EqualTo("Solhaven"));
    }

    [Test]
    public async Task An_edit_without_if_match_is_428_with_a_stale_etag_412_and_of_two_with_the_same_etag_one_wins()
    {
        await using var api = await StartWithPlanAsync(provider);
        var admin = api.AdminClient();
        var id = await GoalIdAsync(admin);
        var (_, etag) = await GetAsync(admin, $"/api/v1/goals/{id}");

        await ProblemJson.ReadAsync(await admin.SendAsync(Edit(HttpMethod.Patch, $"/api/v1/goals/{id}", new { title = "A" }, null)), (HttpStatusCode)428);

        var first = admin.SendAsync(Edit(HttpMethod.Patch, $"/api/v1/goals/{id}", new { title = "Første" }, etag));
        var second = api.AdminClient().SendAsync(Edit(HttpMethod.Patch, $"/api/v1/goals/{id}", new { title = "Anden" }, etag));
        var answers = await Task.WhenAll(first, second);

        Assert.That(answers.Select(a => a.StatusCode), Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.PreconditionFailed }),
            string.Join("\n", await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))));
        var winner = answers.Single(a => a.StatusCode == HttpStatusCode.OK);
        var (goal, current) = await GetAsync(admin, $"/api/v1/goals/{id}");
        Assert.That(current, Is.EqualTo(winner.Headers.ETag!.ToString()));
        Assert.That(goal.GetProperty("title").GetString(), Is.AnyOf("Første", "Anden"));
        var history = await admin.GetFromJsonAsync<JsonElement>("/api/v1/plans/test-plan/history");
        Assert.That(history.EnumerateArray().Count(h => h.GetProperty("action").GetString() == "changed"), Is.EqualTo(1), "only the winner is recorded");

        var stale = await admin.SendAsync(Edit(HttpMethod.Patch, $"/api/v1/goals/{id}", new { title = "Tredje" }, etag));
        await ProblemJson.ReadAsync(stale, HttpStatusCode.PreconditionFailed);
        var (_, planTag) = await GetAsync(admin, "/api/v1/plans/test-plan/definition");
        Assert.That(planTag, Is.Not.EqualTo("\"v1\""), "a goal edit moves the plan definition's ETag too, so a PUT from before it is refused");
    }

    [Test]
    public async Task A_dry_run_answers_the_diff_and_writes_nothing()
    {
        await using var api = await StartWithPlanAsync(provider);
        var admin = api.AdminClient();
        var id = await GoalIdAsync(admin);
        var (_, etag) = await GetAsync(admin, $"/api/v1/goals/{id}");
        var (_, planTag) = await GetAsync(admin, "/api/v1/plans/test-plan/definition");
        var before = await api.Database.SnapshotAsync();
        var recorded = await api.Database.CountAsync("framework_changes");
        var version = await api.Services.GetRequiredService<DataVersionStore>().CurrentAsync();

        var patch = await OkAsync(await admin.SendAsync(Edit(HttpMethod.Patch, $"/api/v1/goals/{id}?dryRun=true", new { title = "Prøve" }, etag)));
        var put = await OkAsync(await admin.SendAsync(Edit(HttpMethod.Put, "/api/v1/plans/test-plan?dryRun=true", Plan(withSecondTarget: false), planTag)));

        Assert.That(patch.GetProperty("dryRun").GetBoolean(), Is.True);
        var change = patch.GetProperty("changes").EnumerateArray().Single();
        Assert.That(change.GetProperty("before").GetProperty("title").GetString(), Is.EqualTo("Flere i job"));
        Assert.That(change.GetProperty("after").GetProperty("title").GetString(), Is.EqualTo("Prøve"));
        Assert.That(put.GetProperty("changes").EnumerateArray().Single().GetProperty("action").GetString(), Is.EqualTo("retired"));
        Assert.That(await api.Database.SnapshotAsync(), Is.EqualTo(before));
        Assert.That(await api.Database.CountAsync("framework_changes"), Is.EqualTo(recorded));
        Assert.That(await api.Services.GetRequiredService<DataVersionStore>().CurrentAsync(), Is.EqualTo(version));
        Assert.That((await GetAsync(admin, $"/api/v1/goals/{id}")).ETag, Is.EqualTo(etag));
    }

    [Test]
    public async Task History_lists_who_changed_what_with_before_and_after_and_the_data_version_moves()
    {
        await using var api = await StartWithPlanAsync(provider);
        var analyst = api.ClientWithKey(await api.CreateKeyAsync("analyst"));
        var id = await GoalIdAsync(analyst);
        var (_, etag) = await GetAsync(analyst, $"/api/v1/goals/{id}");
        var version = await api.Services.GetRequiredService<DataVersionStore>().CurrentAsync();

        await OkAsync(await analyst.SendAsync(Edit(HttpMethod.Patch, $"/api/v1/goals/{id}", new { title = "Flere i arbejde" }, etag)));

        var entries = (await analyst.GetFromJsonAsync<JsonElement>("/api/v1/plans/test-plan/history")).EnumerateArray().ToList();
        var entry = entries[0];
        Assert.That(entries.Skip(1).Select(e => e.GetProperty("action").GetString()), Has.All.EqualTo("added"), "the plan's creation");
        Assert.That(entries.Skip(1).Select(e => e.GetProperty("changedBy").GetString()), Has.All.EqualTo("Administrator"));
        Assert.That(entry.GetProperty("changedBy").GetString(), Is.EqualTo("test analyst"));
        Assert.That(entry.GetProperty("entity").GetString(), Is.EqualTo("goal"));
        Assert.That(entry.GetProperty("key").GetString(), Is.EqualTo("M1"));
        Assert.That(entry.GetProperty("before").GetProperty("title").GetString(), Is.EqualTo("Flere i job"));
        Assert.That(entry.GetProperty("after").GetProperty("title").GetString(), Is.EqualTo("Flere i arbejde"));
        Assert.That((await api.Services.GetRequiredService<DataVersionStore>().CurrentAsync()).Number, Is.GreaterThan(version.Number));
        var status = await analyst.GetStringAsync("/api/v1/plans/test-plan/status");
        Assert.That(status, Does.Contain("Flere i arbejde"), "the cached status is refreshed");
        var viewer = api.ClientWithKey(await api.CreateKeyAsync("viewer"));
        Assert.That((await viewer.SendAsync(Edit(HttpMethod.Patch, $"/api/v1/goals/{id}", new { title = "X" }, etag))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task The_downloaded_definition_round_trips_through_put_unchanged()
    {
        await using var api = await StartWithPlanAsync(provider);
        var admin = api.AdminClient();
        var first = await admin.GetAsync("/api/v1/plans/test-plan/definition");
        var json = await first.Content.ReadAsStringAsync();

        var put = await admin.SendAsync(Edit(HttpMethod.Put, "/api/v1/plans/test-plan", json, first.Headers.ETag!.ToString()));

        var diff = await OkAsync(put);
        Assert.That(diff.GetProperty("changes").GetArrayLength(), Is.Zero, "nothing changes");
        Assert.That(await admin.GetStringAsync("/api/v1/plans/test-plan/definition"), Is.EqualTo(json));
    }

    [Test]
    public async Task A_sample_plan_round_trips_and_bad_input_names_the_field()
    {
        await using var api = await StartWithPlanAsync(provider);
        var admin = api.AdminClient();
        var (_, etag) = await GetAsync(admin, "/api/v1/plans/test-plan/definition");

        var wrongSlug = await admin.SendAsync(Edit(HttpMethod.Put, "/api/v1/plans/test-plan", """{"slug":"other","name":"x","municipalityCode":"0901","fundingPeriod":"2019-2026"}""", etag));
        var badType = await admin.SendAsync(Edit(HttpMethod.Put, "/api/v1/plans/test-plan", """{"slug":"test-plan","goals":[{"key":"M1","title":"x","targets":[{"indicator":"PCT","scope":"AREA-A","targetValue":"mange"}]}]}""", etag));
        var notJson = await admin.SendAsync(Edit(HttpMethod.Patch, "/api/v1/goals/1", "{", etag));

        Assert.That((await ProblemJson.ReadAsync(wrongSlug, HttpStatusCode.BadRequest)).GetProperty("field").GetString(), Is.EqualTo("slug"));
        Assert.That((await ProblemJson.ReadAsync(badType, HttpStatusCode.BadRequest)).GetProperty("field").GetString(), Does.Contain("targetValue"));
        await ProblemJson.ReadAsync(notJson, HttpStatusCode.BadRequest);
    }

    [TestCase("oesterby-nord")]
    [TestCase("vesteraa-parkerne")]
    public async Task A_sample_plan_file_put_over_the_loaded_sample_changes_nothing(string slug)
    {
        await using var api = MonitoringApiFactory.StartWithSamples(provider);
        var admin = api.AdminClient();
        var (_, etag) = await GetAsync(admin, $"/api/v1/plans/{slug}/definition");
        var file = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Samples, "plans", slug + ".json"));

        var diff = await OkAsync(await admin.SendAsync(Edit(HttpMethod.Put, $"/api/v1/plans/{slug}?dryRun=true", file, etag)));

        Assert.That(diff.GetProperty("changes").GetArrayLength(), Is.Zero, diff.ToString());
    }

    [Test]
    public async Task A_retired_goal_takes_its_sub_goals_and_targets_out_of_the_status_and_can_come_back()
    {
        await using var api = await StartWithPlanAsync(provider);
        var admin = api.AdminClient();
        var id = await GoalIdAsync(admin);
        var (_, etag) = await GetAsync(admin, $"/api/v1/goals/{id}");

        var retired = await OkAsync(await admin.SendAsync(Edit(HttpMethod.Patch, $"/api/v1/goals/{id}", new { retired = true }, etag)));

        Assert.That(retired.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("action").GetString()), Has.All.EqualTo("retired"));
        Assert.That(retired.GetProperty("changes").GetArrayLength(), Is.EqualTo(4), "the goal, its sub-goal and its two targets");
        var status = await admin.GetFromJsonAsync<JsonElement>("/api/v1/plans/test-plan/status");
        Assert.That(status.GetProperty("goals").GetArrayLength(), Is.Zero);
        var (goal, again) = await GetAsync(admin, $"/api/v1/goals/{id}");
        Assert.That(goal.GetProperty("retired").GetBoolean(), Is.True);

        var back = await OkAsync(await admin.SendAsync(Edit(HttpMethod.Patch, $"/api/v1/goals/{id}", new { retired = false }, again)));
        Assert.That(back.GetProperty("changes").EnumerateArray().Single().GetProperty("action").GetString(), Is.EqualTo("added"));
    }

    [Test]
    public async Task A_target_is_added_to_a_goal_and_a_goal_with_targets_cannot_be_deleted()
    {
        await using var api = await StartWithPlanAsync(provider);
        var admin = api.AdminClient();
        var id = await GoalIdAsync(admin);
        var sub = await GoalIdAsync(admin, "M1.1");
        var (_, etag) = await GetAsync(admin, $"/api/v1/goals/{id}");
        var (_, subTag) = await GetAsync(admin, $"/api/v1/goals/{sub}");

        var added = await OkAsync(await admin.SendAsync(Edit(HttpMethod.Post, $"/api/v1/goals/{id}/targets", Target("MOVES", "AREA-B", 12), etag)));
        var twice = await admin.SendAsync(Edit(HttpMethod.Post, $"/api/v1/goals/{id}/targets", Target("MOVES", "AREA-B", 12), etag));
        var (_, current) = await GetAsync(admin, $"/api/v1/goals/{id}");
        var duplicate = await admin.SendAsync(Edit(HttpMethod.Post, $"/api/v1/goals/{id}/targets", Target("MOVES", "AREA-B", 12), current));
        var refused = await admin.SendAsync(Edit(HttpMethod.Delete, $"/api/v1/goals/{id}", null, current));
        var deleted = await admin.SendAsync(Edit(HttpMethod.Delete, $"/api/v1/goals/{sub}", null, subTag));

        Assert.That(added.GetProperty("changes").EnumerateArray().Single().GetProperty("key").GetString(), Is.EqualTo("M1/MOVES/AREA-B"));
        await ProblemJson.ReadAsync(twice, HttpStatusCode.PreconditionFailed);
        Assert.That((await ProblemJson.ReadAsync(duplicate, HttpStatusCode.UnprocessableEntity)).GetProperty("errors")[0].GetProperty("field").GetString(), Is.EqualTo("indicator"));
        Assert.That((await ProblemJson.ReadAsync(refused, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), Does.Contain("sub-goal").And.Contain("target"));
        Assert.That((await OkAsync(deleted)).GetProperty("changes")[0].GetProperty("action").GetString(), Is.EqualTo("deleted"));
        Assert.That(await TargetIdsAsync(admin), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task Two_puts_with_the_same_etag_give_one_200_and_one_412()
    {
        await using var api = await StartWithPlanAsync(provider);
        var (_, etag) = await GetAsync(api.AdminClient(), "/api/v1/plans/test-plan/definition");

        var answers = await Task.WhenAll(
            api.AdminClient().SendAsync(Edit(HttpMethod.Put, "/api/v1/plans/test-plan", Plan(value: 30), etag)),
            api.AdminClient().SendAsync(Edit(HttpMethod.Put, "/api/v1/plans/test-plan", Plan(title: "Andet"), etag)));

        Assert.That(answers.Select(a => a.StatusCode), Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.PreconditionFailed }),
            string.Join("\n", await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()))));
    }

    [Test]
    public async Task Swagger_describes_the_edits_with_their_bodies()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);

        var paths = (await api.CreateClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json")).GetProperty("paths");

        Assert.That(paths.GetProperty("/api/v1/goals/{id}").GetProperty("patch").GetProperty("requestBody").GetProperty("content")
            .TryGetProperty("application/merge-patch+json", out _), Is.True);
        Assert.That(paths.GetProperty("/api/v1/plans/{slug}").TryGetProperty("put", out _), Is.True);
        Assert.That(paths.TryGetProperty("/api/v1/plans/{slug}/definition", out _), Is.True);
        Assert.That(paths.TryGetProperty("/api/v1/plans/{slug}/history", out _), Is.True);
    }
}
