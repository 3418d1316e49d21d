using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>
/// What a client may cache: every read that the goal engine computes carries an ETag that moves
/// when the data does (an import, a comment, a new plan) and when the question does (asOf, format).
/// The fixture has its own API over the samples because its tests import revisions.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class DataVersionETagTests(DatabaseProvider provider)
{
    private const string Plan = "oesterby-nord";
    private MonitoringApiFactory _api = null!;
    private HttpClient _client = null!;
    private int _revisions;

    [OneTimeSetUp]
    public void Start()
    {
        _api = MonitoringApiFactory.StartWithSamples(provider);
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop() => await _api.DisposeAsync();

    private static IEnumerable<JsonElement> Targets(JsonElement goal) =>
        goal.GetProperty("targets").EnumerateArray().Concat(goal.GetProperty("subGoals").EnumerateArray().SelectMany(Targets));

    /// <summary>A goal with an evaluated target, and that target.</summary>
    private async Task<(long GoalId, JsonElement Target)> GoalWithEvaluatedTargetAsync()
    {
        var status = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{Plan}/status");
        foreach (var goal in status.GetProperty("goals").EnumerateArray())
        {
            var target = Targets(goal).FirstOrDefault(t => t.GetProperty("status").GetString() != "insufficientData"
                                                           && t.GetProperty("target").ValueKind == JsonValueKind.Object);
            if (target.ValueKind == JsonValueKind.Object)
                return (goal.GetProperty("id").GetInt64(), target);
        }
        throw new InvalidOperationException("The samples have no evaluated target.");
    }

    /// <summary>
    /// Imports a revision of the target's latest observation: the value moves to the target itself,
    /// so status and progress (and what is drawn) change. Each call moves it a little further so
    /// repeated calls are revisions, not the same file twice.
    /// </summary>
    private async Task ReviseLatestValueAsync(JsonElement target)
    {
        var latest = target.GetProperty("latest");
        var value = target.GetProperty("target").GetProperty("value").GetDouble() + Interlocked.Increment(ref _revisions) * 0.1;
        var row = string.Join(',',
            target.GetProperty("indicatorCode").GetString(), target.GetProperty("scopeCode").GetString(),
            latest.GetProperty("period").GetString(), value.ToString("0.###", CultureInfo.InvariantCulture), "", "",
            target.GetProperty("subgroup").GetString());
        var response = await _api.AdminClient().PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader(row)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await _client.SendAsync(request);
    }

    private static string ETag(HttpResponseMessage response)
    {
        Assert.That(response.Headers.ETag, Is.Not.Null, $"{response.RequestMessage!.RequestUri} carries an ETag");
        return response.Headers.ETag!.ToString();
    }

    [Test]
    public async Task A_goal_chart_changes_its_etag_and_its_image_after_an_import_that_revises_one_of_its_targets()
    {
        var (goalId, target) = await GoalWithEvaluatedTargetAsync();
        var url = $"/api/v1/charts/goals/{goalId}.png";
        var before = await GetAsync(url);
        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await ReviseLatestValueAsync(target);
        var after = await GetAsync(url);

        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ETag(after), Is.Not.EqualTo(ETag(before)));
        Assert.That(await after.Content.ReadAsByteArrayAsync(), Is.Not.EqualTo(await before.Content.ReadAsByteArrayAsync()));
    }

    [Test]
    public async Task A_goal_chart_as_of_an_earlier_period_has_another_etag()
    {
        var (goalId, _) = await GoalWithEvaluatedTargetAsync();

        var now = await GetAsync($"/api/v1/charts/goals/{goalId}.png");
        var then = await GetAsync($"/api/v1/charts/goals/{goalId}.png?asOf=2020");

        Assert.That(ETag(then), Is.Not.EqualTo(ETag(now)));
    }

    [Test]
    public async Task Plan_status_answers_304_to_its_own_etag_and_200_with_a_new_one_after_an_import()
    {
        var url = $"/api/v1/plans/{Plan}/status";
        var first = await GetAsync(url);
        var etag = ETag(first);

        var again = await GetAsync(url, etag);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(await again.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(ETag(again), Is.EqualTo(etag));
        Assert.That((await GetAsync(url, $"W/{etag}")).StatusCode, Is.EqualTo(HttpStatusCode.NotModified), "If-None-Match compares weakly");

        var (_, target) = await GoalWithEvaluatedTargetAsync();
        await ReviseLatestValueAsync(target);
        var after = await GetAsync(url, etag);

        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ETag(after), Is.Not.EqualTo(etag));
        var revised = (await after.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("goals").EnumerateArray().SelectMany(Targets)
            .Single(t => t.GetProperty("targetId").GetInt64() == target.GetProperty("targetId").GetInt64());
        Assert.That(revised.GetProperty("latest").GetProperty("value").GetDouble(),
            Is.Not.EqualTo(target.GetProperty("latest").GetProperty("value").GetDouble()), "the cached evaluation was not served");
    }

    [Test]
    public async Task Plan_status_tags_differ_by_as_of_format_and_dialect()
    {
        var url = $"/api/v1/plans/{Plan}/status";
        string[] urls = [url, $"{url}?asOf=2021", $"{url}?asOf=2020", $"{url}?format=csv", $"{url}?format=csv&dialect=da"];

        var tags = new List<string>();
        foreach (var u in urls)
            tags.Add(ETag(await GetAsync(u)));
        using var accept = new HttpRequestMessage(HttpMethod.Get, url);
        accept.Headers.TryAddWithoutValidation("Accept", "text/csv");
        var csvByAccept = ETag(await _client.SendAsync(accept));

        Assert.That(tags, Is.Unique);
        Assert.That(csvByAccept, Is.EqualTo(tags[3]), "CSV by Accept is the same answer as format=csv");
        Assert.That(ETag(await GetAsync($"{url}?dialect=da")), Is.EqualTo(tags[0]), "the dialect does not change JSON");
    }

    [Test]
    public async Task Target_evaluation_and_target_charts_carry_etags_that_follow_as_of_format_and_comments()
    {
        var (_, target) = await GoalWithEvaluatedTargetAsync();
        var id = target.GetProperty("targetId").GetInt64();
        var evaluation = await GetAsync($"/api/v1/targets/{id}/evaluation");
        Assert.That((await GetAsync($"/api/v1/targets/{id}/evaluation", ETag(evaluation))).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        Assert.That(ETag(await GetAsync($"/api/v1/targets/{id}/evaluation?asOf=2020")), Is.Not.EqualTo(ETag(evaluation)));

        var svg = ETag(await GetAsync($"/api/v1/charts/targets/{id}.svg"));
        var png = ETag(await GetAsync($"/api/v1/charts/targets/{id}.png"));
        var spark = ETag(await GetAsync($"/api/v1/charts/targets/{id}.png?variant=sparkline"));
        Assert.That(new[] { svg, png, spark }, Is.Unique);

        // Comments are drawn on the chart, at their period.
        var before = await (await GetAsync($"/api/v1/charts/targets/{id}.svg")).Content.ReadAsStringAsync();
        await _api.Services.GetRequiredService<CommentStore>().CreateAsync(
            Plan, null, target.GetProperty("indicatorCode").GetString(),
            Period.Parse(target.GetProperty("latest").GetProperty("period").GetString()!), "sekretariatet", "Ny opgørelsesmetode");
        var afterComment = await GetAsync($"/api/v1/charts/targets/{id}.svg", svg);
        Assert.That(afterComment.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await afterComment.Content.ReadAsStringAsync(), Is.Not.EqualTo(before));
    }

    [Test]
    public async Task Observation_extracts_carry_etags_that_follow_format_filter_cursor_and_imports()
    {
        const string url = "/api/v1/observations?indicator=TRYG_FOELER_SIG_TRYG&limit=5";
        var json = await GetAsync(url);
        var etag = ETag(json);
        Assert.That((await GetAsync(url, etag)).StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        var cursor = (await json.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nextCursor").GetString();

        string[] others = [url + "&format=csv", url + "&format=csv&dialect=da", url + "&area=0901-SOLHAVEN", url + $"&cursor={cursor}", url + "&from=2020"];
        var tags = new List<string> { etag };
        foreach (var other in others)
            tags.Add(ETag(await GetAsync(other)));
        Assert.That(tags, Is.Unique);
        var csv = await GetAsync(url + "&format=csv", tags[1]);
        Assert.That(csv.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));

        var (_, target) = await GoalWithEvaluatedTargetAsync();
        await ReviseLatestValueAsync(target);
        Assert.That((await GetAsync(url, etag)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "an import moves every tag");
    }
}
